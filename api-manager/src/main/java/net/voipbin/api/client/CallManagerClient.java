package net.voipbin.api.client;

import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.call.v1.MutinyAvailableNumberServiceGrpc;
import net.voipbin.proto.call.v1.MutinyCallServiceGrpc;
import net.voipbin.proto.call.v1.MutinyNumberServiceGrpc;
import net.voipbin.proto.call.v1.MutinyOutboundConfigServiceGrpc;

/** call-manager's services over RabbitMQ: calls and recordings, numbers, outbound configs. */
@ApplicationScoped
public class CallManagerClient {

    static final String MANAGER = "call-manager";

    private final RpcDeadline deadline;
    private final MutinyCallServiceGrpc.MutinyCallServiceStub calls;
    private final MutinyNumberServiceGrpc.MutinyNumberServiceStub numbers;
    private final MutinyOutboundConfigServiceGrpc.MutinyOutboundConfigServiceStub outboundConfigs;
    private final MutinyAvailableNumberServiceGrpc.MutinyAvailableNumberServiceStub availableNumbers;

    public CallManagerClient(RpcClient rpc, RpcDeadline deadline) {
        this.deadline = deadline;
        this.calls = MutinyCallServiceGrpc.newMutinyStub(rpc.channel(MANAGER));
        this.numbers = MutinyNumberServiceGrpc.newMutinyStub(rpc.channel(MANAGER));
        this.outboundConfigs = MutinyOutboundConfigServiceGrpc.newMutinyStub(rpc.channel(MANAGER));
        this.availableNumbers = MutinyAvailableNumberServiceGrpc.newMutinyStub(rpc.channel(MANAGER));
    }

    /** CallService, with the gateway's deadline from now. */
    public MutinyCallServiceGrpc.MutinyCallServiceStub calls() {
        return deadline.on(calls);
    }

    /** NumberService, with the gateway's deadline from now. */
    public MutinyNumberServiceGrpc.MutinyNumberServiceStub numbers() {
        return deadline.on(numbers);
    }

    /** OutboundConfigService, with the gateway's deadline from now. */
    public MutinyOutboundConfigServiceGrpc.MutinyOutboundConfigServiceStub outboundConfigs() {
        return deadline.on(outboundConfigs);
    }

    /** AvailableNumberService (the number inventory), with the gateway's deadline from now. */
    public MutinyAvailableNumberServiceGrpc.MutinyAvailableNumberServiceStub availableNumbers() {
        return deadline.on(availableNumbers);
    }
}
