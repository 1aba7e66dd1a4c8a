package net.voipbin.call.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import net.voipbin.call.model.Confbridge;
import net.voipbin.common.db.TenantRepository;

import java.util.UUID;

@ApplicationScoped
@WithSession
public class ConfbridgeRepository implements TenantRepository<Confbridge> {

    /** Locked for update; take the member call's row first (CallRepository's lock order). */
    public Uni<Confbridge> lockById(UUID id) {
        return find("id = ?1", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<Confbridge> findByBridge(String bridgeId) {
        return find("bridgeId = ?1", bridgeId).firstResult();
    }
}
