package net.voipbin.api.web;

import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.billing.v1.MutinyBillingServiceGrpc;
import net.voipbin.proto.call.v1.MutinyCallServiceGrpc;
import net.voipbin.proto.call.v1.MutinyNumberServiceGrpc;
import net.voipbin.proto.call.v1.MutinyOutboundConfigServiceGrpc;
import net.voipbin.proto.flow.v1.MutinyFlowServiceGrpc;
import net.voipbin.proto.queue.v1.MutinyQueueServiceGrpc;
import net.voipbin.proto.storage.v1.MutinyStorageServiceGrpc;
import net.voipbin.proto.transfer.v1.MutinyTransferServiceGrpc;

/** Stubs of the managers' RPC services (over RabbitMQ). */
@ApplicationScoped
public class Managers {

    private final RpcClient rpc;

    public Managers(RpcClient rpc) {
        this.rpc = rpc;
    }

    public MutinyCallServiceGrpc.MutinyCallServiceStub calls() {
        return MutinyCallServiceGrpc.newMutinyStub(rpc.channel("call-manager"));
    }

    public MutinyNumberServiceGrpc.MutinyNumberServiceStub numbers() {
        return MutinyNumberServiceGrpc.newMutinyStub(rpc.channel("call-manager"));
    }

    public MutinyOutboundConfigServiceGrpc.MutinyOutboundConfigServiceStub outboundConfigs() {
        return MutinyOutboundConfigServiceGrpc.newMutinyStub(rpc.channel("call-manager"));
    }

    public MutinyFlowServiceGrpc.MutinyFlowServiceStub flows() {
        return MutinyFlowServiceGrpc.newMutinyStub(rpc.channel("flow-manager"));
    }

    public MutinyBillingServiceGrpc.MutinyBillingServiceStub billing() {
        return MutinyBillingServiceGrpc.newMutinyStub(rpc.channel("billing-manager"));
    }

    public MutinyStorageServiceGrpc.MutinyStorageServiceStub storage() {
        return MutinyStorageServiceGrpc.newMutinyStub(rpc.channel("storage-manager"));
    }

    public MutinyQueueServiceGrpc.MutinyQueueServiceStub queues() {
        return MutinyQueueServiceGrpc.newMutinyStub(rpc.channel("queue-manager"));
    }

    public MutinyTransferServiceGrpc.MutinyTransferServiceStub transfers() {
        return MutinyTransferServiceGrpc.newMutinyStub(rpc.channel("transfer-manager"));
    }
}
