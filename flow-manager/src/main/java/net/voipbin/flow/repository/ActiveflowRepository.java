package net.voipbin.flow.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.db.TenantRepository;
import net.voipbin.flow.model.Activeflow;

/** Activeflows, only ever found through their customer. */
@ApplicationScoped
@WithSession
public class ActiveflowRepository implements TenantRepository<Activeflow> {
}
