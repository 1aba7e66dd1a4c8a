package net.voipbin.flow.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.db.TenantRepository;
import net.voipbin.flow.model.Flow;

/** Every query names the tenant: a flow is only ever found through its customer. */
@ApplicationScoped
@WithSession
public class FlowRepository implements TenantRepository<Flow> {
}
