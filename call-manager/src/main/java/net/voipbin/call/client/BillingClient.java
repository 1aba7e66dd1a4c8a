package net.voipbin.call.client;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.billing.v1.CheckBalanceRequest;
import net.voipbin.proto.billing.v1.MutinyBillingServiceGrpc;

import java.util.UUID;

/** billing-manager, as call-manager uses it: may this customer place (or take) a call. */
@ApplicationScoped
public class BillingClient {

    private final MutinyBillingServiceGrpc.MutinyBillingServiceStub billing;

    public BillingClient(RpcClient rpc) {
        this.billing = MutinyBillingServiceGrpc.newMutinyStub(rpc.channel("billing-manager"));
    }

    /** Whether the customer has an account that may pay for a call to/from {@code country} (ISO, lower case, "" = unknown). */
    public Uni<Boolean> mayCall(UUID customerId, String country) {
        return billing.checkBalance(CheckBalanceRequest.newBuilder()
                        .setCustomerId(customerId.toString()).setBillingType("call").setCountry(country).build())
                .map(answer -> answer.getValid());
    }
}
