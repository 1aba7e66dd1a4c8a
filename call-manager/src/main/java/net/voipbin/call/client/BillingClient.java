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

    /** billing-manager's verdict: may the customer call, and if not, why (its words, for the 402). */
    public record Verdict(boolean valid, String reason) {
    }

    /** Whether the customer's account may pay for a call to/from {@code country} (ISO, lower case, "" = unknown). */
    public Uni<Verdict> mayCall(UUID customerId, String country) {
        return billing.checkBalance(CheckBalanceRequest.newBuilder()
                        .setCustomerId(customerId.toString()).setBillingType("call").setCountry(country).build())
                .map(answer -> new Verdict(answer.getValid(), answer.getReason()));
    }
}
