package net.voipbin.api.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.api.model.Accesskey;
import net.voipbin.common.db.TenantRepository;

@ApplicationScoped
@WithSession
public class AccesskeyRepository implements TenantRepository<Accesskey> {

    public Uni<Accesskey> findByHash(String tokenHash) {
        return find("tokenHash = ?1 and tmDelete is null", tokenHash).firstResult();
    }
}
