package net.voipbin.call.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.proto.flow.v1.Activeflow;
import net.voipbin.proto.flow.v1.CreateActiveflowRequest;
import net.voipbin.proto.flow.v1.FlowAction;
import net.voipbin.proto.flow.v1.GetActiveflowRequest;
import net.voipbin.proto.flow.v1.GetVariablesRequest;
import net.voipbin.proto.flow.v1.MutinyFlowServiceGrpc;
import net.voipbin.proto.flow.v1.NextActionRequest;
import net.voipbin.proto.flow.v1.SetVariablesRequest;
import net.voipbin.proto.flow.v1.Variables;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** flow-manager, as call-manager uses it: one activeflow per call and the next-action handshake. */
@ApplicationScoped
public class FlowClient {

    /** The current action of a fresh activeflow, and the action that ends a flow. */
    public static final String START_ACTION_ID = "00000000-0000-0000-0000-000000000001";
    public static final String FINISH_ACTION_ID = "00000000-0000-0000-0000-000000000002";
    public static final String EMPTY_ACTION_ID = "00000000-0000-0000-0000-000000000000";

    private final MutinyFlowServiceGrpc.MutinyFlowServiceStub flows;

    public FlowClient(RpcClient rpc) {
        this.flows = MutinyFlowServiceGrpc.newMutinyStub(rpc.channel("flow-manager"));
    }

    /**
     * Creates the call's activeflow with a chosen id over flowId or, without one, over actions (a
     * temporary flow), seeded with the caller's variables and the call's own voipbin.call.* ones; a
     * retry that finds it already made is fine.
     */
    public Uni<Activeflow> createActiveflow(UUID customerId, UUID activeflowId, UUID callId, UUID flowId,
                                            List<FlowAction> actions, Map<String, String> variables, Map<String, String> callVariables) {
        CreateActiveflowRequest.Builder req = CreateActiveflowRequest.newBuilder()
                .setCustomerId(customerId.toString())
                .setId(activeflowId.toString())
                .setReferenceType("call")
                .setReferenceId(callId.toString())
                .putAllVariables(variables == null ? Map.of() : variables)
                .putAllReferenceVariables(callVariables);
        if (flowId != null) {
            req.setFlowId(flowId.toString());
        } else {
            req.addAllActions(actions);
        }
        return flows.createActiveflow(req.build())
                .onFailure(e -> e instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.ALREADY_EXISTS)
                .recoverWithUni(() -> flows.getActiveflow(GetActiveflowRequest.newBuilder()
                        .setCustomerId(customerId.toString()).setId(activeflowId.toString()).build()));
    }

    /**
     * Control actions run inside this call (a fetch may take its full timeout, a connect makes two
     * RPCs of its own), so it gets a longer deadline than the default.
     */
    public Uni<Action> next(UUID customerId, UUID activeflowId, String currentActionId) {
        return flows.withDeadlineAfter(15, java.util.concurrent.TimeUnit.SECONDS).nextAction(NextActionRequest.newBuilder()
                .setCustomerId(customerId.toString())
                .setActiveflowId(activeflowId.toString())
                .setCurrentActionId(currentActionId)
                .build());
    }

    /** Fails INVALID_ARGUMENT naming {@code field} unless {@code flowId} is null or a flow of this customer. */
    public Uni<Void> requireOwnedFlow(UUID customerId, String field, UUID flowId) {
        return net.voipbin.common.flow.FlowOwnership.require(flows, customerId, field, flowId);
    }

    public Uni<Variables> setVariables(UUID customerId, UUID activeflowId, Map<String, String> variables) {
        return flows.setVariables(SetVariablesRequest.newBuilder()
                .setCustomerId(customerId.toString())
                .setActiveflowId(activeflowId.toString())
                .putAllVariables(variables)
                .build());
    }

    public Uni<Variables> getVariables(UUID customerId, UUID activeflowId) {
        return flows.getVariables(GetVariablesRequest.newBuilder()
                .setCustomerId(customerId.toString())
                .setActiveflowId(activeflowId.toString())
                .build());
    }

    public Uni<Activeflow> stop(UUID customerId, UUID activeflowId) {
        return flows.stopActiveflow(GetActiveflowRequest.newBuilder()
                .setCustomerId(customerId.toString()).setId(activeflowId.toString()).build());
    }
}
