package net.voipbin.flow.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.db.EventOutbox;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.json.PublicJson;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.flow.config.FlowConfig;
import net.voipbin.flow.engine.ActionsValidator;
import net.voipbin.flow.engine.Engine;
import net.voipbin.flow.engine.EngineState;
import net.voipbin.flow.engine.StepContext;
import net.voipbin.flow.engine.Substitution;
import net.voipbin.flow.mapping.ActiveflowMapper;
import net.voipbin.flow.model.Activeflow;
import net.voipbin.flow.model.Flow;
import net.voipbin.flow.repository.ActiveflowRepository;
import net.voipbin.flow.repository.FlowRepository;
import net.voipbin.flow.timer.TempFlowRetention;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** Activeflows: creation over a flow (or inline actions), the NextAction handshake, variables. */
@ApplicationScoped
public class ActiveflowService {

    private static final Logger LOG = Logger.getLogger(ActiveflowService.class);
    static final Set<String> REFERENCE_TYPES = Set.of("", "call", "api", "ai", "campaign", "conversation",
            "transcribe", "recording", "webchat");
    static final int MAX_VALUE_BYTES = 32 * 1024;
    static final int MAX_KEYS = 100;
    static final int MAX_TOTAL_BYTES = 64 * 1024;

    private final ActiveflowRepository activeflows;
    private final FlowRepository flows;
    private final VariableStore variables;
    private final Engine engine;
    private final EventOutbox outbox;
    private final TempFlowRetention retention;
    private final FlowConfig config;

    public ActiveflowService(ActiveflowRepository activeflows, FlowRepository flows, VariableStore variables,
                             Engine engine, EventOutbox outbox, TempFlowRetention retention, FlowConfig config) {
        this.retention = retention;
        this.config = config;
        this.activeflows = activeflows;
        this.flows = flows;
        this.variables = variables;
        this.engine = engine;
        this.outbox = outbox;
    }

    public record CreateRequest(UUID customerId, UUID id, UUID flowId, String actionsJson, String referenceType,
                                UUID referenceId, Map<String, String> variables, Map<String, String> referenceVariables) {
        public CreateRequest(UUID customerId, UUID id, UUID flowId, String actionsJson, String referenceType,
                             UUID referenceId, Map<String, String> variables) {
            this(customerId, id, flowId, actionsJson, referenceType, referenceId, variables, Map.of());
        }
    }

    /**
     * Caller-supplied variables: keys trimmed; empty keys and keys starting with "voipbin." (any
     * case) dropped; the whole set is dropped when a value exceeds 32 KiB, there are more than 100
     * keys or more than 64 KiB in total (as the reference does: creation never fails on them).
     */
    static Map<String, String> sanitize(Map<String, String> in) {
        Map<String, String> out = new LinkedHashMap<>();
        if (in == null) {
            return out;
        }
        int total = 0;
        for (Map.Entry<String, String> e : in.entrySet()) {
            String key = e.getKey() == null ? "" : e.getKey().trim();
            if (key.isEmpty() || key.toLowerCase().startsWith("voipbin.") || key.length() > 255) {
                continue;
            }
            String value = e.getValue() == null ? "" : e.getValue();
            int size = value.getBytes(StandardCharsets.UTF_8).length;
            if (size > MAX_VALUE_BYTES) {
                return new LinkedHashMap<>();
            }
            total += size + key.getBytes(StandardCharsets.UTF_8).length;
            out.put(key, value);
        }
        if (out.size() > MAX_KEYS || total > MAX_TOTAL_BYTES) {
            return new LinkedHashMap<>();
        }
        return out;
    }

    @WithTransaction
    public Uni<Activeflow> create(CreateRequest request) {
        String referenceType = request.referenceType() == null ? "" : request.referenceType();
        if (!REFERENCE_TYPES.contains(referenceType)) {
            throw Errors.invalidArgument("reference_type", "must be one of call, api, ...");
        }
        if (request.flowId() == null && (request.actionsJson() == null || request.actionsJson().isBlank())) {
            throw Errors.invalidArgument("flow_id", "flow_id or actions is required");
        }
        String ownPrefix = "voipbin." + referenceType + ".";
        for (String key : request.referenceVariables().keySet()) {
            if (referenceType.isEmpty() || !key.startsWith(ownPrefix) || key.length() > 255) {
                throw Errors.invalidArgument("reference_variables", "keys must start with '" + ownPrefix + "', got '" + key + "'");
            }
        }
        UUID id = request.id() == null ? Ids.newId() : request.id();
        // A retried create (same id, same customer) answers the activeflow created the first time.
        Uni<Activeflow> existing = request.id() == null ? Uni.createFrom().nullItem() : activeflows.findById(id);
        return existing.chain(found -> {
            if (found != null) {
                if (found.customerId.equals(request.customerId()) && found.tmDelete == null) {
                    return Uni.createFrom().item(found);
                }
                return Uni.createFrom().failure(Errors.alreadyExists("activeflow " + id + " already exists"));
            }
            Uni<Flow> flow;
            if (request.flowId() != null) {
                flow = flows.findForCustomer(request.customerId(), request.flowId())
                        .onItem().ifNull().failWith(() -> Errors.notFound("flow", request.flowId()));
            } else {
                Flow temp = FlowService.build(request.customerId(), Flow.TYPE_FLOW, "tmp", "tmp flow of activeflow " + id,
                        request.actionsJson(), false, null);
                flow = flows.persist(temp).call(t -> retention.arm(t.customerId, t.id));
            }
            return flow.chain(f -> {
                Activeflow af = new Activeflow();
                af.id = id;
                af.customerId = request.customerId();
                af.flowId = f.id;
                af.status = Activeflow.STATUS_RUNNING;
                af.referenceType = referenceType;
                af.referenceId = request.referenceId();
                af.onCompleteFlowId = f.onCompleteFlowId;
                af.lastRequestActionId = null;
                af.tmCreate = TimeFormat.now();
                EngineState.fresh((ArrayNode) ActionsValidator.parseArray("actions", f.actionsJson)).store(af);
                Map<String, String> vars = new TreeMap<>(sanitize(request.variables()));
                vars.putAll(request.referenceVariables());
                vars.put("voipbin.activeflow.id", id.toString());
                vars.put("voipbin.activeflow.reference_type", referenceType);
                vars.put("voipbin.activeflow.reference_id", Ids.format(af.referenceId));
                vars.put("voipbin.activeflow.reference_activeflow_id", EngineState.EMPTY_ID);
                vars.put("voipbin.activeflow.flow_id", f.id.toString());
                vars.put("voipbin.activeflow.complete_count", "0");
                return activeflows.persist(af)
                        .call(() -> variables.save(id, vars, vars.keySet()))
                        .call(a -> outbox.add("activeflow_created", a.customerId, PublicJson.toJson(ActiveflowMapper.toProto(a))));
            });
        });
    }

    @WithSession
    public Uni<Activeflow> get(UUID customerId, UUID id) {
        return activeflows.findForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("activeflow", id));
    }

    @WithSession
    public Uni<List<Activeflow>> list(UUID customerId, UUID after, int limit) {
        return activeflows.listForCustomer(customerId, after, limit);
    }

    private Uni<Activeflow> lock(UUID customerId, UUID id) {
        return activeflows.lockForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("activeflow", id));
    }

    /** Marks {@code af} ended: activeflow_updated through the outbox, its temporary flow deleted. */
    private Uni<Void> ended(Activeflow af) {
        af.status = Activeflow.STATUS_ENDED;
        af.tmUpdate = TimeFormat.now();
        return outbox.add("activeflow_updated", af.customerId, PublicJson.toJson(ActiveflowMapper.toProto(af)))
                .chain(() -> af.flowId == null ? Uni.createFrom().nullItem() : flows.findById(af.flowId))
                .chain(flow -> {
                    if (flow == null || flow.persist || flow.tmDelete != null) {
                        return Uni.createFrom().voidItem();
                    }
                    return activeflows.count("flowId = ?1 and status = ?2 and id <> ?3", flow.id, Activeflow.STATUS_RUNNING, af.id)
                            .invoke(others -> {
                                if (others == 0) {
                                    flow.tmDelete = af.tmUpdate;
                                    flow.tmUpdate = af.tmUpdate;
                                }
                            })
                            .replaceWithVoid();
                });
    }

    /** Ends the activeflow (idempotent: an ended one is returned as it is). */
    @WithTransaction
    public Uni<Activeflow> stop(UUID customerId, UUID id) {
        return lock(customerId, id).call(af -> {
            if (Activeflow.STATUS_ENDED.equals(af.status)) {
                return Uni.createFrom().voidItem();
            }
            EngineState state = EngineState.load(af);
            if (!EngineState.FINISH_ID.equals(state.currentActionId())) {
                state.appendExecuted(state.currentAction);
                state.currentAction = EngineState.finishAction();
            }
            state.forwardActionId = null;
            state.forwardStackId = null;
            state.store(af);
            return ended(af);
        });
    }

    /** Stops a running activeflow, then soft-deletes it (activeflow_deleted). */
    @WithTransaction
    public Uni<Activeflow> delete(UUID customerId, UUID id) {
        return lock(customerId, id)
                .call(af -> Activeflow.STATUS_ENDED.equals(af.status) ? Uni.createFrom().voidItem() : ended(af))
                .invoke(af -> {
                    af.tmUpdate = TimeFormat.now();
                    af.tmDelete = af.tmUpdate;
                })
                .call(af -> outbox.add("activeflow_deleted", af.customerId, PublicJson.toJson(ActiveflowMapper.toProto(af))));
    }

    /**
     * The handshake step. {@code currentActionId} must be the stored current action; a retry of the
     * request that made the last step (same current_action_id) gets the same answer again without
     * stepping; anything else is FAILED_PRECONDITION and changes nothing.
     */
    @WithTransaction
    public Uni<ObjectNode> next(UUID customerId, UUID id, String currentActionId) {
        return lock(customerId, id).chain(af -> {
            EngineState state = EngineState.load(af);
            boolean retry = currentActionId.equals(af.lastRequestActionId);
            if (Activeflow.STATUS_ENDED.equals(af.status)) {
                if (retry) {
                    return Uni.createFrom().item(state.currentAction);
                }
                return Uni.createFrom().failure(Errors.failedPrecondition("activeflow " + id + " has ended"));
            }
            if (!currentActionId.equals(state.currentActionId())) {
                if (retry) {
                    return Uni.createFrom().item(state.currentAction);
                }
                return Uni.createFrom().failure(Errors.failedPrecondition("current_action_id " + currentActionId
                        + " is not the current action " + state.currentActionId() + " of activeflow " + id));
            }
            return variables.load(af.id).chain(vars -> {
                StepContext ctx = new StepContext(af, state, vars);
                return engine.run(ctx).chain(action -> {
                    af.lastRequestActionId = currentActionId;
                    state.store(af);
                    af.tmUpdate = TimeFormat.now();
                    Uni<Void> saved = variables.save(af.id, vars, ctx.changed);
                    if (ctx.ended) {
                        LOG.debugf("activeflow %s ended: %s", af.id, ctx.endReason);
                        saved = saved.chain(() -> ended(af));
                    }
                    return saved.replaceWith(action);
                });
            });
        });
    }

    /** Sets a jump: the next NextAction answers {@code actionId} (searched from the current stack upward). */
    @WithTransaction
    public Uni<Activeflow> forward(UUID customerId, UUID id, String actionId) {
        return lock(customerId, id).invoke(af -> {
            if (Activeflow.STATUS_ENDED.equals(af.status)) {
                throw Errors.failedPrecondition("activeflow " + id + " has ended");
            }
            EngineState state = EngineState.load(af);
            if (!state.forwardTo(actionId)) {
                throw Errors.invalidArgument("action_id", "action " + actionId + " is not in the activeflow");
            }
            state.store(af);
            af.tmUpdate = TimeFormat.now();
        });
    }

    /** Pushes validated actions as a nested stack returning after the current action. */
    @WithTransaction
    public Uni<Activeflow> push(UUID customerId, UUID id, String actionsJson) {
        ArrayNode actions = ActionsValidator.parse(actionsJson, "actions");
        return lock(customerId, id).invoke(af -> {
            if (Activeflow.STATUS_ENDED.equals(af.status)) {
                throw Errors.failedPrecondition("activeflow " + id + " has ended");
            }
            EngineState state = EngineState.load(af);
            try {
                state.push(actions, config.engine().maxStackActions(), config.engine().maxStackBytes());
            } catch (EngineState.StackLimitException e) {
                throw Errors.failedPrecondition("activeflow " + id + " holds " + e.getMessage());
            }
            state.store(af);
            af.tmUpdate = TimeFormat.now();
        });
    }

    @WithSession
    public Uni<Map<String, String>> getVariables(UUID customerId, UUID id) {
        return get(customerId, id).chain(af -> variables.load(af.id));
    }

    /** Values are substituted against the stored variables first ("${voipbin.call.digits}5" appends). */
    @WithTransaction
    public Uni<Map<String, String>> setVariables(UUID customerId, UUID id, Map<String, String> updates) {
        for (String key : updates.keySet()) {
            if (key.trim().isEmpty() || key.trim().length() > 255) {
                throw Errors.invalidArgument("variables", "keys must be 1 to 255 characters");
            }
        }
        return lock(customerId, id).chain(af -> variables.load(af.id).chain(vars -> {
            Map<String, String> before = new HashMap<>(vars);
            Map<String, String> changed = new LinkedHashMap<>();
            updates.forEach((k, v) -> changed.put(k.trim(), Substitution.apply(v == null ? "" : v, before)));
            vars.putAll(changed);
            return variables.save(af.id, vars, changed.keySet()).replaceWith(vars);
        }));
    }

    @WithTransaction
    public Uni<Map<String, String>> deleteVariable(UUID customerId, UUID id, String key) {
        return lock(customerId, id).chain(af -> variables.delete(af.id, key).chain(() -> variables.load(af.id)));
    }
}
