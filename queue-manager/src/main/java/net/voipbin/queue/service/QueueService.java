package net.voipbin.queue.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.queue.mapping.QueueMapper;
import net.voipbin.queue.model.Queue;
import net.voipbin.queue.repository.QueueRepository;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class QueueService {

    /** Routing methods implemented so far (the reference also names others; they come with routing). */
    public static final Set<String> ROUTING_METHODS = Set.of(Queue.ROUTING_RANDOM);
    public static final int MAX_TAGS = 100;

    private final QueueRepository queues;

    public QueueService(QueueRepository queues) {
        this.queues = queues;
    }

    @WithTransaction
    public Uni<Queue> create(UUID customerId, String name, String detail, String routingMethod, List<UUID> tagIds,
                             long waitTimeoutMs, long serviceTimeoutMs, UUID waitFlowId) {
        String routing = routingMethod == null || routingMethod.isBlank() ? Queue.ROUTING_RANDOM : routingMethod;
        if (!ROUTING_METHODS.contains(routing)) {
            throw Errors.invalidArgument("routing_method", "must be one of " + ROUTING_METHODS);
        }
        if (name != null && name.length() > 255) {
            throw Errors.invalidArgument("name", "must be at most 255 characters");
        }
        if (waitTimeoutMs < 0) {
            throw Errors.invalidArgument("wait_timeout_ms", "must not be negative");
        }
        if (serviceTimeoutMs < 0) {
            throw Errors.invalidArgument("service_timeout_ms", "must not be negative");
        }
        Set<UUID> tags = new LinkedHashSet<>(tagIds);
        if (tags.size() > MAX_TAGS) {
            throw Errors.invalidArgument("tag_ids", "must hold at most " + MAX_TAGS + " tags");
        }
        Queue queue = new Queue();
        queue.id = Ids.newId();
        queue.customerId = customerId;
        queue.name = name == null ? "" : name;
        queue.detail = detail == null ? "" : detail;
        queue.routingMethod = routing;
        queue.tagIdsJson = QueueMapper.tagIdsToJson(List.copyOf(tags));
        queue.waitTimeoutMs = waitTimeoutMs;
        queue.serviceTimeoutMs = serviceTimeoutMs;
        queue.waitFlowId = waitFlowId;
        queue.tmCreate = TimeFormat.now();
        return queues.persist(queue);
    }

    @WithSession
    public Uni<Queue> get(UUID customerId, UUID id) {
        return queues.findForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("queue", id));
    }

    @WithSession
    public Uni<List<Queue>> list(UUID customerId, UUID after, int limit) {
        return queues.listForCustomer(customerId, after, limit);
    }
}
