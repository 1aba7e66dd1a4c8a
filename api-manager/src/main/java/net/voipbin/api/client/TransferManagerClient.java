package net.voipbin.api.client;

import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.transfer.v1.MutinyTransferServiceGrpc;

/** transfer-manager's TransferService over RabbitMQ: transfers. */
@ApplicationScoped
public class TransferManagerClient {

    static final String MANAGER = "transfer-manager";

    private final RpcDeadline deadline;
    private final MutinyTransferServiceGrpc.MutinyTransferServiceStub transfers;

    public TransferManagerClient(RpcClient rpc, RpcDeadline deadline) {
        this.deadline = deadline;
        this.transfers = MutinyTransferServiceGrpc.newMutinyStub(rpc.channel(MANAGER));
    }

    /** TransferService, with the gateway's deadline from now. */
    public MutinyTransferServiceGrpc.MutinyTransferServiceStub transfers() {
        return deadline.on(transfers);
    }
}
