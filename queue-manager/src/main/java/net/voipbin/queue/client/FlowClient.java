package net.voipbin.queue.client;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.flow.FlowOwnership;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.flow.v1.MutinyFlowServiceGrpc;

import java.util.UUID;

/** flow-manager, as queue-manager uses it: whether a flow id stored on a queue is the customer's. */
@ApplicationScoped
public class FlowClient {

    private final MutinyFlowServiceGrpc.MutinyFlowServiceStub flows;

    public FlowClient(RpcClient rpc) {
        this.flows = MutinyFlowServiceGrpc.newMutinyStub(rpc.channel("flow-manager"));
    }

    /** Fails INVALID_ARGUMENT naming {@code field} unless {@code flowId} is null or a flow of this customer. */
    public Uni<Void> requireOwnedFlow(UUID customerId, String field, UUID flowId) {
        return FlowOwnership.require(flows, customerId, field, flowId);
    }
}
