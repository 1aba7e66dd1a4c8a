package net.voipbin.api.client;

import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.flow.v1.MutinyFlowServiceGrpc;

/** flow-manager's FlowService over RabbitMQ: flows and activeflows. */
@ApplicationScoped
public class FlowManagerClient {

    static final String MANAGER = "flow-manager";

    private final RpcDeadline deadline;
    private final MutinyFlowServiceGrpc.MutinyFlowServiceStub flows;

    public FlowManagerClient(RpcClient rpc, RpcDeadline deadline) {
        this.deadline = deadline;
        this.flows = MutinyFlowServiceGrpc.newMutinyStub(rpc.channel(MANAGER));
    }

    /** FlowService, with the gateway's deadline from now. */
    public MutinyFlowServiceGrpc.MutinyFlowServiceStub flows() {
        return deadline.on(flows);
    }
}
