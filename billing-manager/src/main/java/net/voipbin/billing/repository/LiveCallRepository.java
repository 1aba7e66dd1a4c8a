package net.voipbin.billing.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.billing.model.LiveCall;
import net.voipbin.common.db.TenantRepository;

import java.util.UUID;

/**
 * Live calls' reservations. Rows are only written by a transaction that holds their account's row
 * lock (BillingAccountRepository's lock order), so none of these reads lock: under the account lock
 * they already see every committed change of the account's rows (a transaction's snapshot starts at
 * its first plain read, which comes after the lock), and locking reads of absent rows or of index
 * ranges would only add gap locks that other accounts' inserts queue on.
 */
@ApplicationScoped
@WithSession
public class LiveCallRepository implements TenantRepository<LiveCall> {

    /** What an account's live calls hold, {tokens, credit}, leaving out {@code exceptCall} (null: none). */
    public Uni<long[]> reserved(UUID accountId, UUID exceptCall) {
        return getSession().chain(s -> s.createSelectionQuery(
                        "select coalesce(sum(tokensReserved), 0), coalesce(sum(creditReserved), 0) from LiveCall "
                                + "where accountId = ?1 and id <> ?2", Object[].class)
                .setParameter(1, accountId)
                .setParameter(2, exceptCall == null ? new UUID(0, 0) : exceptCall)
                .getSingleResult())
                .map(row -> new long[]{((Number) row[0]).longValue(), ((Number) row[1]).longValue()});
    }

    /** What the customer's live calls hold of {@code accountId}, {tokens, credit} (the pre-check's view). */
    public Uni<long[]> reserved(UUID accountId) {
        return reserved(accountId, null);
    }
}
