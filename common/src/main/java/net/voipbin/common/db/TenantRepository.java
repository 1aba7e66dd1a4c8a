package net.voipbin.common.db;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

/**
 * The tenant-safe queries every manager needs on its {@link TenantResource}s: a row is only ever
 * found through its customer, and deleted rows are never found. Implement it on the service's
 * {@code @ApplicationScoped @WithSession} repository and add the queries that are its own.
 */
public interface TenantRepository<E extends TenantResource> extends PanacheRepositoryBase<E, UUID> {

    default Uni<E> findForCustomer(UUID customerId, UUID id) {
        return find("id = ?1 and customerId = ?2 and tmDelete is null", id, customerId).firstResult();
    }

    /** The row locked for update (SELECT ... FOR UPDATE) until the transaction ends. */
    default Uni<E> lockForCustomer(UUID customerId, UUID id) {
        return find("id = ?1 and customerId = ?2 and tmDelete is null", id, customerId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /**
     * Newest first (UUIDv7 ids sort by creation), {@code limit} rows strictly older than
     * {@code after} (null = from the newest): the query behind cursor paging.
     */
    default Uni<List<E>> listForCustomer(UUID customerId, UUID after, int limit) {
        Sort newestFirst = Sort.descending("id");
        var query = after == null
                ? find("customerId = ?1 and tmDelete is null", newestFirst, customerId)
                : find("customerId = ?1 and tmDelete is null and id < ?2", newestFirst, customerId, after);
        return query.page(0, limit).list();
    }
}
