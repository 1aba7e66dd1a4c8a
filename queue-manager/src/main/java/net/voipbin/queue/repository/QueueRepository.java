package net.voipbin.queue.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.db.TenantRepository;
import net.voipbin.queue.model.Queue;

/** Every query names the tenant: a queue is only ever found through its customer. */
@ApplicationScoped
@WithSession
public class QueueRepository implements TenantRepository<Queue> {
}
