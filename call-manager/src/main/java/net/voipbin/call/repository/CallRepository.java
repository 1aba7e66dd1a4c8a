package net.voipbin.call.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.Call;
import net.voipbin.common.db.TenantRepository;

/** Every query names the tenant: a call is only ever found through its customer. */
@ApplicationScoped
@WithSession
public class CallRepository implements TenantRepository<Call> {
}
