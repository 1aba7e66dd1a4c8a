package net.voipbin.call.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.Call;

import java.util.List;
import java.util.UUID;

/** Every query names the tenant: a call is only ever found through its customer. */
@ApplicationScoped
@WithSession
public class CallRepository implements PanacheRepositoryBase<Call, UUID> {

    public Uni<Call> findForCustomer(UUID customerId, UUID id) {
        return find("id = ?1 and customerId = ?2 and tmDelete is null", id, customerId).firstResult();
    }

    /** Newest first, {@code limit} rows strictly older than {@code after} (null = from the newest). */
    public Uni<List<Call>> listForCustomer(UUID customerId, UUID after, int limit) {
        Sort newestFirst = Sort.descending("id");
        var query = after == null
                ? find("customerId = ?1 and tmDelete is null", newestFirst, customerId)
                : find("customerId = ?1 and tmDelete is null and id < ?2", newestFirst, customerId, after);
        return query.page(0, limit).list();
    }
}
