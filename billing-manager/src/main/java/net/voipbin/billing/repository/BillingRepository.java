package net.voipbin.billing.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.billing.model.Billing;
import net.voipbin.common.db.TenantRepository;

import java.util.List;
import java.util.UUID;

/** The ledger: rows are inserted and read, never updated. */
@ApplicationScoped
@WithSession
public class BillingRepository implements TenantRepository<Billing> {

    public Uni<Billing> findByReference(String referenceType, UUID referenceId) {
        return find("referenceType = ?1 and referenceId = ?2", referenceType, referenceId).firstResult();
    }

    /** Newest first, cursor paging, optionally only the rows of one referenced resource (a call). */
    public Uni<List<Billing>> listFiltered(UUID customerId, UUID after, int limit, UUID referenceId) {
        StringBuilder query = new StringBuilder("customerId = :customer and tmDelete is null");
        var params = io.quarkus.panache.common.Parameters.with("customer", customerId);
        if (after != null) {
            query.append(" and id < :after");
            params = params.and("after", after);
        }
        if (referenceId != null) {
            query.append(" and referenceId = :reference");
            params = params.and("reference", referenceId);
        }
        return find(query.toString(), Sort.descending("id"), params).page(0, limit).list();
    }

    /** Sums of the account's ledger: what its balances must equal. */
    public Uni<long[]> sums(UUID accountId) {
        return getSession().chain(s -> s.createSelectionQuery(
                        "select coalesce(sum(amountToken), 0), coalesce(sum(amountCredit), 0) from Billing where accountId = ?1",
                        Object[].class)
                .setParameter(1, accountId)
                .getSingleResult())
                .map(row -> new long[]{((Number) row[0]).longValue(), ((Number) row[1]).longValue()});
    }
}
