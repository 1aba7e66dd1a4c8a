package net.voipbin.api.client;

import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.billing.v1.MutinyBillingServiceGrpc;

/** billing-manager's BillingService over RabbitMQ: billing accounts. */
@ApplicationScoped
public class BillingManagerClient {

    static final String MANAGER = "billing-manager";

    private final RpcDeadline deadline;
    private final MutinyBillingServiceGrpc.MutinyBillingServiceStub accounts;

    public BillingManagerClient(RpcClient rpc, RpcDeadline deadline) {
        this.deadline = deadline;
        this.accounts = MutinyBillingServiceGrpc.newMutinyStub(rpc.channel(MANAGER));
    }

    /** BillingService, with the gateway's deadline from now. */
    public MutinyBillingServiceGrpc.MutinyBillingServiceStub accounts() {
        return deadline.on(accounts);
    }
}
