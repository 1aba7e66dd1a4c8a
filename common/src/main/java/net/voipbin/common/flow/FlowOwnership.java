package net.voipbin.common.flow;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.smallrye.mutiny.Uni;
import net.voipbin.common.error.Errors;
import net.voipbin.proto.flow.v1.GetFlowRequest;
import net.voipbin.proto.flow.v1.MutinyFlowServiceGrpc;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Whether a flow id a customer stores on one of its resources (a number's call_flow_id, a queue's
 * wait_flow_id) names a flow of that customer. Without it a customer could point its number at
 * another tenant's flow and run it, with that tenant's variables and webhooks, on its own calls.
 * flow-manager's GetFlow filters by customer, so a foreign or unknown id is NOT_FOUND there.
 */
public final class FlowOwnership {

    /** Stores happen on a customer's request; flow-manager not answering fails them, not waits. */
    static final long DEADLINE_MS = 3000;

    private FlowOwnership() {
    }

    /**
     * Completes when {@code flowId} is null (none) or a live flow of {@code customerId}; fails
     * INVALID_ARGUMENT naming {@code field} when flow-manager does not know it for this customer,
     * UNAVAILABLE when flow-manager cannot say.
     */
    public static Uni<Void> require(MutinyFlowServiceGrpc.MutinyFlowServiceStub flows, UUID customerId, String field,
                                    UUID flowId) {
        if (flowId == null) {
            return Uni.createFrom().voidItem();
        }
        return flows.withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
                .getFlow(GetFlowRequest.newBuilder().setCustomerId(customerId.toString()).setId(flowId.toString()).build())
                .onFailure(StatusRuntimeException.class).transform(e -> {
                    Status.Code code = ((StatusRuntimeException) e).getStatus().getCode();
                    if (code == Status.Code.NOT_FOUND || code == Status.Code.INVALID_ARGUMENT) {
                        return Errors.invalidArgument(field, "flow " + flowId + " is not a flow of this customer");
                    }
                    return Status.UNAVAILABLE.withDescription(field + ": could not check flow " + flowId
                            + " with flow-manager (" + code + ")").asRuntimeException();
                })
                .replaceWithVoid();
    }
}
