package net.voipbin.flow.rpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import net.voipbin.common.id.Ids;
import net.voipbin.common.page.Paging;
import net.voipbin.flow.client.CallClient;
import net.voipbin.flow.engine.EngineState;
import net.voipbin.flow.mapping.ActiveflowMapper;
import net.voipbin.flow.mapping.FlowMapper;
import net.voipbin.flow.model.Activeflow;
import net.voipbin.flow.service.ActiveflowService;
import net.voipbin.flow.service.FlowService;
import net.voipbin.proto.common.v1.PageResponse;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.proto.flow.v1.CreateActiveflowRequest;
import net.voipbin.proto.flow.v1.CreateFlowRequest;
import net.voipbin.proto.flow.v1.DeleteVariableRequest;
import net.voipbin.proto.flow.v1.Flow;
import net.voipbin.proto.flow.v1.FlowActionJson;
import net.voipbin.proto.flow.v1.ForwardActionRequest;
import net.voipbin.proto.flow.v1.GetActiveflowRequest;
import net.voipbin.proto.flow.v1.GetFlowRequest;
import net.voipbin.proto.flow.v1.GetVariablesRequest;
import net.voipbin.proto.flow.v1.ListActiveflowsRequest;
import net.voipbin.proto.flow.v1.ListActiveflowsResponse;
import net.voipbin.proto.flow.v1.ListFlowsRequest;
import net.voipbin.proto.flow.v1.ListFlowsResponse;
import net.voipbin.proto.flow.v1.MutinyFlowServiceGrpc;
import net.voipbin.proto.flow.v1.NextActionRequest;
import net.voipbin.proto.flow.v1.PushActionsRequest;
import net.voipbin.proto.flow.v1.SetVariablesRequest;
import net.voipbin.proto.flow.v1.UpdateFlowRequest;
import net.voipbin.proto.flow.v1.Variables;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** flow-manager's RPC surface, served on bin-manager.flow-manager.request. */
@GrpcService
public class FlowRpcService extends MutinyFlowServiceGrpc.FlowServiceImplBase {

    private static final Logger LOG = Logger.getLogger(FlowRpcService.class);

    private final FlowService flows;
    private final ActiveflowService activeflows;
    private final CallClient calls;

    public FlowRpcService(FlowService flows, ActiveflowService activeflows, CallClient calls) {
        this.flows = flows;
        this.activeflows = activeflows;
        this.calls = calls;
    }

    private static UUID customer(String value) {
        return Ids.parse("customer_id", value);
    }

    /** Runs {@code work} on a fresh duplicated context, after the RPC's transaction; failures logged. */
    private static void detached(String what, Supplier<Uni<?>> work) {
        io.vertx.core.Context context = VertxContext.createNewDuplicatedContext();
        io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(v -> {
            try {
                work.get().subscribe().with(x -> { }, e -> LOG.infof("%s failed: %s", what, e.toString()));
            } catch (RuntimeException e) {
                LOG.infof("%s failed: %s", what, e.toString());
            }
        });
    }

    @Override
    public Uni<Flow> createFlow(CreateFlowRequest request) {
        return Uni.createFrom().deferred(() -> flows.create(customer(request.getCustomerId()), request.getType(),
                        request.getName(), request.getDetail(), FlowActionJson.toJson(request.getActionsList()), request.getPersist(),
                        Ids.parseOptional("on_complete_flow_id", request.getOnCompleteFlowId())))
                .map(FlowMapper::toProto);
    }

    @Override
    public Uni<Flow> getFlow(GetFlowRequest request) {
        return Uni.createFrom().deferred(() -> flows.get(customer(request.getCustomerId()), Ids.parse("id", request.getId())))
                .map(FlowMapper::toProto);
    }

    @Override
    public Uni<ListFlowsResponse> listFlows(ListFlowsRequest request) {
        return Uni.createFrom().deferred(() -> {
            UUID customerId = customer(request.getCustomerId());
            int size = Paging.size(request.getPage());
            return flows.list(customerId, Paging.after(request.getPage()), size + 1)
                    .map(rows -> ListFlowsResponse.newBuilder()
                            .addAllFlows(rows.stream().limit(size).map(FlowMapper::toProto).toList())
                            .setPage(PageResponse.newBuilder().setNextPageToken(Paging.nextToken(rows, size, f -> f.id)))
                            .build());
        });
    }

    @Override
    public Uni<Flow> updateFlow(UpdateFlowRequest request) {
        return Uni.createFrom().deferred(() -> flows.update(customer(request.getCustomerId()), Ids.parse("id", request.getId()),
                        request.getName(), request.getDetail(), FlowActionJson.toJson(request.getActionsList()),
                        Ids.parseOptional("on_complete_flow_id", request.getOnCompleteFlowId())))
                .map(FlowMapper::toProto);
    }

    @Override
    public Uni<Flow> deleteFlow(GetFlowRequest request) {
        return Uni.createFrom().deferred(() -> flows.delete(customer(request.getCustomerId()), Ids.parse("id", request.getId())))
                .map(FlowMapper::toProto);
    }

    @Override
    public Uni<net.voipbin.proto.flow.v1.Activeflow> createActiveflow(CreateActiveflowRequest request) {
        return Uni.createFrom().deferred(() -> {
            UUID customerId = customer(request.getCustomerId());
            var create = new ActiveflowService.CreateRequest(customerId,
                    Ids.parseOptional("id", request.getId()),
                    Ids.parseOptional("flow_id", request.getFlowId()),
                    request.getActionsCount() == 0 ? null : FlowActionJson.toJson(request.getActionsList()),
                    request.getReferenceType(),
                    Ids.parseOptional("reference_id", request.getReferenceId()),
                    request.getVariablesMap(), request.getReferenceVariablesMap());
            return activeflows.create(create).invoke(af -> {
                // A call's flow is driven by call-manager through NextAction; execute is for the others.
                if (request.getExecute() && !"call".equals(af.referenceType)) {
                    detached("execute activeflow " + af.id,
                            () -> activeflows.next(customerId, af.id, EngineState.START_ID));
                }
            });
        }).map(ActiveflowMapper::toProto);
    }

    @Override
    public Uni<net.voipbin.proto.flow.v1.Activeflow> getActiveflow(GetActiveflowRequest request) {
        return Uni.createFrom().deferred(() -> activeflows.get(customer(request.getCustomerId()), Ids.parse("id", request.getId())))
                .map(ActiveflowMapper::toProto);
    }

    @Override
    public Uni<ListActiveflowsResponse> listActiveflows(ListActiveflowsRequest request) {
        return Uni.createFrom().deferred(() -> {
            UUID customerId = customer(request.getCustomerId());
            int size = Paging.size(request.getPage());
            return activeflows.list(customerId, Paging.after(request.getPage()), size + 1)
                    .map(rows -> ListActiveflowsResponse.newBuilder()
                            .addAllActiveflows(rows.stream().limit(size).map(ActiveflowMapper::toProto).toList())
                            .setPage(PageResponse.newBuilder().setNextPageToken(Paging.nextToken(rows, size, a -> a.id)))
                            .build());
        });
    }

    @Override
    public Uni<net.voipbin.proto.flow.v1.Activeflow> stopActiveflow(GetActiveflowRequest request) {
        return Uni.createFrom().deferred(() -> activeflows.stop(customer(request.getCustomerId()), Ids.parse("id", request.getId())))
                .map(ActiveflowMapper::toProto);
    }

    @Override
    public Uni<net.voipbin.proto.flow.v1.Activeflow> deleteActiveflow(GetActiveflowRequest request) {
        return Uni.createFrom().deferred(() -> activeflows.delete(customer(request.getCustomerId()), Ids.parse("id", request.getId())))
                .map(ActiveflowMapper::toProto);
    }

    @Override
    public Uni<Action> nextAction(NextActionRequest request) {
        return Uni.createFrom().deferred(() -> {
            UUID customerId = customer(request.getCustomerId());
            UUID id = Ids.parse("activeflow_id", request.getActiveflowId());
            String current = Ids.parse("current_action_id", request.getCurrentActionId()).toString();
            return activeflows.next(customerId, id, current);
        }).map(ActiveflowMapper::action);
    }

    @Override
    public Uni<net.voipbin.proto.flow.v1.Activeflow> forwardAction(ForwardActionRequest request) {
        return Uni.createFrom().deferred(() -> {
            UUID customerId = customer(request.getCustomerId());
            UUID id = Ids.parse("activeflow_id", request.getActiveflowId());
            String actionId = Ids.parse("action_id", request.getActionId()).toString();
            return activeflows.forward(customerId, id, actionId).invoke(af -> {
                if (request.getForwardNow() && "call".equals(af.referenceType) && af.referenceId != null) {
                    String callId = af.referenceId.toString();
                    detached("ActionNext(force) of call " + callId, () -> calls.actionNextNow(customerId, callId));
                }
            });
        }).map(ActiveflowMapper::toProto);
    }

    @Override
    public Uni<net.voipbin.proto.flow.v1.Activeflow> pushActions(PushActionsRequest request) {
        return Uni.createFrom().deferred(() -> activeflows.push(customer(request.getCustomerId()),
                        Ids.parse("activeflow_id", request.getActiveflowId()), FlowActionJson.toJson(request.getActionsList())))
                .map(ActiveflowMapper::toProto);
    }

    private static Variables variables(String id, Map<String, String> vars) {
        return Variables.newBuilder().setActiveflowId(id).putAllVariables(vars).build();
    }

    @Override
    public Uni<Variables> getVariables(GetVariablesRequest request) {
        return Uni.createFrom().deferred(() -> activeflows.getVariables(customer(request.getCustomerId()),
                        Ids.parse("activeflow_id", request.getActiveflowId())))
                .map(vars -> variables(request.getActiveflowId(), vars));
    }

    @Override
    public Uni<Variables> setVariables(SetVariablesRequest request) {
        return Uni.createFrom().deferred(() -> activeflows.setVariables(customer(request.getCustomerId()),
                        Ids.parse("activeflow_id", request.getActiveflowId()), request.getVariablesMap()))
                .map(vars -> variables(request.getActiveflowId(), vars));
    }

    @Override
    public Uni<Variables> deleteVariable(DeleteVariableRequest request) {
        return Uni.createFrom().deferred(() -> {
            if (request.getKey().isBlank()) {
                throw net.voipbin.common.error.Errors.invalidArgument("key", "is required");
            }
            return activeflows.deleteVariable(customer(request.getCustomerId()),
                    Ids.parse("activeflow_id", request.getActiveflowId()), request.getKey().trim());
        }).map(vars -> variables(request.getActiveflowId(), vars));
    }

    static boolean ended(Activeflow af) {
        return Activeflow.STATUS_ENDED.equals(af.status);
    }
}
