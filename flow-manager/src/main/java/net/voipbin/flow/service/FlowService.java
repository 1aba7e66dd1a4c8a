package net.voipbin.flow.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.db.EventOutbox;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.json.PublicJson;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.flow.engine.ActionsValidator;
import net.voipbin.flow.mapping.FlowMapper;
import net.voipbin.flow.model.Flow;
import net.voipbin.flow.repository.FlowRepository;

import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class FlowService {

    private static final Set<String> TYPES = Set.of("flow", "conference", "queue", "campaign", "transfer");

    private final FlowRepository flows;
    private final EventOutbox outbox;
    private final net.voipbin.flow.timer.TempFlowRetention retention;

    public FlowService(FlowRepository flows, EventOutbox outbox, net.voipbin.flow.timer.TempFlowRetention retention) {
        this.flows = flows;
        this.outbox = outbox;
        this.retention = retention;
    }

    private static void checkName(String name) {
        if (name != null && name.length() > 255) {
            throw Errors.invalidArgument("name", "must be at most 255 characters");
        }
    }

    /** Builds (not persists) a flow; actions validated (INVALID_ARGUMENT names the action). */
    public static Flow build(UUID customerId, String type, String name, String detail, String actionsJson,
                             boolean persist, UUID onCompleteFlowId) {
        checkName(name);
        String t = type == null || type.isBlank() ? Flow.TYPE_FLOW : type;
        if (!TYPES.contains(t)) {
            throw Errors.invalidArgument("type", "must be one of " + TYPES);
        }
        Flow flow = new Flow();
        flow.id = Ids.newId();
        flow.customerId = customerId;
        flow.type = t;
        flow.name = name == null ? "" : name;
        flow.detail = detail == null ? "" : detail;
        flow.actionsJson = ActionsValidator.text(ActionsValidator.parse(actionsJson, "actions"));
        flow.persist = persist;
        flow.onCompleteFlowId = onCompleteFlowId;
        flow.tmCreate = TimeFormat.now();
        return flow;
    }

    @WithTransaction
    public Uni<Flow> create(UUID customerId, String type, String name, String detail, String actionsJson,
                            boolean persist, UUID onCompleteFlowId) {
        Flow flow = build(customerId, type, name, detail, actionsJson, persist, onCompleteFlowId);
        return flows.persist(flow).call(f -> f.persist
                ? outbox.add("flow_created", f.customerId, PublicJson.toJson(FlowMapper.toProto(f))) : retention.arm(f.customerId, f.id));
    }

    @WithSession
    public Uni<Flow> get(UUID customerId, UUID id) {
        return flows.findForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("flow", id));
    }

    /** Newest first; temporary flows are never listed. */
    @WithSession
    public Uni<List<Flow>> list(UUID customerId, UUID after, int limit) {
        io.quarkus.panache.common.Sort newestFirst = io.quarkus.panache.common.Sort.descending("id");
        var query = after == null
                ? flows.find("customerId = ?1 and tmDelete is null and persist = true", newestFirst, customerId)
                : flows.find("customerId = ?1 and tmDelete is null and persist = true and id < ?2", newestFirst, customerId, after);
        return query.page(0, limit).list();
    }

    /** Replaces name, detail, actions and on_complete_flow_id. */
    @WithTransaction
    public Uni<Flow> update(UUID customerId, UUID id, String name, String detail, String actionsJson, UUID onCompleteFlowId) {
        checkName(name);
        String actions = ActionsValidator.text(ActionsValidator.parse(actionsJson, "actions"));
        return flows.lockForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("flow", id))
                .invoke(flow -> {
                    flow.name = name == null ? "" : name;
                    flow.detail = detail == null ? "" : detail;
                    flow.actionsJson = actions;
                    flow.onCompleteFlowId = onCompleteFlowId;
                    flow.tmUpdate = TimeFormat.now();
                })
                .call(f -> f.persist ? outbox.add("flow_updated", f.customerId, PublicJson.toJson(FlowMapper.toProto(f))) : Uni.createFrom().voidItem());
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
                })
                .call(f -> f.persist ? outbox.add("flow_deleted", f.customerId, PublicJson.toJson(FlowMapper.toProto(f))) : Uni.createFrom().voidItem());
    }
}
