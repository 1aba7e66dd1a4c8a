package net.voipbin.billing.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.billing.config.BillingConfig;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.call.v1.HangupCallRequest;
import net.voipbin.proto.call.v1.MutinyCallServiceGrpc;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** call-manager, as billing-manager uses it: ending a call whose balance ran out. Only the proto stubs. */
@ApplicationScoped
public class CallClient {

    /**
     * The public hangup_reason enum is closed (a typed client breaks on a new value): a call cut off
     * because its money ran out ended on a duration limit, which is what {@code timeout} says.
     * call-manager keeps it for a local hangup (HangupReasons.KEPT_LOCAL).
     */
    public static final String CUTOFF_REASON = "timeout";

    private final MutinyCallServiceGrpc.MutinyCallServiceStub calls;
    private final BillingConfig config;

    public CallClient(RpcClient rpc, BillingConfig config) {
        this.calls = MutinyCallServiceGrpc.newMutinyStub(rpc.channel("call-manager"));
        this.config = config;
    }

    /** Asks call-manager to hang the call up; a call it no longer knows counts as done. */
    public Uni<Void> hangupForCutoff(UUID customerId, UUID callId) {
        return calls.withDeadlineAfter(config.cutoff().hangupDeadline().toMillis(), TimeUnit.MILLISECONDS)
                .hangupCall(HangupCallRequest.newBuilder().setCustomerId(customerId.toString())
                        .setId(callId.toString()).setReason(CUTOFF_REASON).build())
                .replaceWithVoid()
                .onFailure(e -> e instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.NOT_FOUND)
                .recoverWithNull();
    }
}
