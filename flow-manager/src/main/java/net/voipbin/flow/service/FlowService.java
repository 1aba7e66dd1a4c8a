package net.voipbin.flow.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.flow.model.Flow;
import net.voipbin.flow.repository.FlowRepository;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class FlowService {

    private final FlowRepository flows;

    public FlowService(FlowRepository flows) {
        this.flows = flows;
    }

    @WithTransaction
    public Uni<Flow> create(UUID customerId, String name, String detail, String actionsJson, boolean persist) {
        if (name != null && name.length() > 255) {
            throw Errors.invalidArgument("name", "must be at most 255 characters");
        }
        Flow flow = new Flow();
        flow.id = Ids.newId();
        flow.customerId = customerId;
        flow.type = Flow.TYPE_FLOW;
        flow.name = name == null ? "" : name;
        flow.detail = detail == null ? "" : detail;
        flow.actionsJson = ActionsValidator.normalize(actionsJson);
        flow.persist = persist;
        flow.tmCreate = TimeFormat.now();
        return flows.persist(flow);
    }

    @WithSession
    public Uni<Flow> get(UUID customerId, UUID id) {
        return flows.findForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("flow", id));
    }

    @WithSession
    public Uni<List<Flow>> list(UUID customerId, UUID after, int limit) {
        return flows.listForCustomer(customerId, after, limit);
    }

    /** Soft delete: the flow keeps its row with {@code tm_delete} set and is no longer found. */
    @WithTransaction
    public Uni<Flow> delete(UUID customerId, UUID id) {
        // Locked: of concurrent deletes of one flow exactly one succeeds, the others are NOT_FOUND.
        return flows.lockForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("flow", id))
                .invoke(flow -> {
                    flow.tmUpdate = TimeFormat.now();
                    flow.tmDelete = flow.tmUpdate;
                });
    }
}
