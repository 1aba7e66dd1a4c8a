package net.voipbin.api.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.api.model.Agent;
import net.voipbin.common.db.TenantRepository;

import java.util.UUID;

@ApplicationScoped
@WithSession
public class AgentRepository implements TenantRepository<Agent> {

    public Uni<Agent> findByUsername(String username) {
        return find("username = ?1 and tmDelete is null", username).firstResult();
    }

    public Uni<Agent> findActive(UUID id) {
        return find("id = ?1 and tmDelete is null", id).firstResult();
    }
}
