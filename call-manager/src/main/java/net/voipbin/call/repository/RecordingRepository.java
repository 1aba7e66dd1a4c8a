package net.voipbin.call.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import net.voipbin.call.model.Recording;
import net.voipbin.common.db.TenantRepository;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class RecordingRepository implements TenantRepository<Recording> {

    /** Locked for update; take the call's row first (CallRepository's lock order). */
    public Uni<Recording> lockByName(String name) {
        return find("recordingName = ?1", name).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The customer's own (not deleted) recording of that name: what a play of {@code recording:<name>} may open. */
    public Uni<Recording> findOwnByName(UUID customerId, String name) {
        return find("customerId = ?1 and recordingName = ?2 and tmDelete is null", customerId, name).firstResult();
    }

    public Uni<Recording> findByName(String name) {
        return find("recordingName = ?1", name).firstResult();
    }

    public Uni<Recording> lockById(UUID id) {
        return find("id = ?1", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<List<Recording>> listFiltered(UUID customerId, UUID after, int limit, UUID referenceId) {
        StringBuilder q = new StringBuilder("customerId = :customer and tmDelete is null");
        var params = new java.util.HashMap<String, Object>();
        params.put("customer", customerId);
        if (after != null) {
            q.append(" and id < :after");
            params.put("after", after);
        }
        if (referenceId != null) {
            q.append(" and referenceId = :ref");
            params.put("ref", referenceId);
        }
        return find(q.toString(), Sort.descending("id"), params).page(0, limit).list();
    }
}
