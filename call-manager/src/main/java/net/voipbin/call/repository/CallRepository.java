package net.voipbin.call.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import net.voipbin.call.model.Call;
import net.voipbin.common.db.TenantRepository;

import java.util.List;
import java.util.UUID;

/**
 * Lock order (one per call, for every path: ARI events, actions, RPCs, timers): a call's own row
 * first, then its recording rows, then its confbridge row; several call rows in ascending id order.
 * Every lock is a locking read (SELECT ... FOR UPDATE) at the start of a short transaction in a
 * session of its own (no session outlives its transaction: timers and ARI frames run on fresh
 * contexts), so a read-modify-write computes from the row as locked, never from a copy read before.
 *
 * Customer-facing queries name the tenant. The internal ones (by channel, by id for ARI events and
 * timers) serve call-manager's own machinery, which learns the call from Asterisk, not from a customer.
 */
@ApplicationScoped
@WithSession
public class CallRepository implements TenantRepository<Call> {

    public Uni<Call> lockByChannel(String channelId) {
        return find("channelId = ?1", channelId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<Call> findByChannel(String channelId) {
        return find("channelId = ?1", channelId).firstResult();
    }

    /**
     * The call locked for update until the transaction ends, read by the locking query. Take it first
     * in the transaction: a copy the same session loaded unlocked earlier would be handed back stale and
     * flushed back whole (how a timer's flow step, run inside the timer's session, lost mute updates).
     */
    public Uni<Call> lockById(UUID id) {
        return find("id = ?1", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Both calls locked in ascending id order (the one order for several call rows). */
    public Uni<java.util.Map<UUID, Call>> lockBoth(UUID customerId, UUID a, UUID b) {
        UUID first = a.compareTo(b) <= 0 ? a : b;
        UUID second = first == a ? b : a;
        java.util.Map<UUID, Call> locked = new java.util.HashMap<>();
        return lockForCustomer(customerId, first).invoke(c -> locked.put(first, c))
                .chain(() -> lockForCustomer(customerId, second)).invoke(c -> locked.put(second, c))
                .replaceWith(locked);
    }

    public Uni<List<Call>> findByIdempotencyKey(UUID customerId, String key) {
        return find("customerId = ?1 and idempotencyKey = ?2", Sort.ascending("destinationIndex"), customerId, key).list();
    }

    public Uni<List<Call>> listFiltered(UUID customerId, UUID after, int limit, String status, UUID activeflowId) {
        StringBuilder q = new StringBuilder("customerId = :customer and tmDelete is null");
        var params = new java.util.HashMap<String, Object>();
        params.put("customer", customerId);
        if (after != null) {
            q.append(" and id < :after");
            params.put("after", after);
        }
        if (status != null && !status.isEmpty()) {
            q.append(" and status = :status");
            params.put("status", status);
        }
        if (activeflowId != null) {
            q.append(" and activeflowId = :af");
            params.put("af", activeflowId);
        }
        return find(q.toString(), Sort.descending("id"), params).page(0, limit).list();
    }

    /** Live calls on one Asterisk: what reconciliation compares with the channels Asterisk still has. */
    public Uni<List<Call>> listLiveOn(String asteriskId) {
        return find("asteriskId = ?1 and status <> ?2", asteriskId, Call.STATUS_HANGUP).list();
    }
}
