package net.voipbin.flow.client;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.call.v1.ActionNextRequest;
import net.voipbin.proto.call.v1.Call;
import net.voipbin.proto.call.v1.Confbridge;
import net.voipbin.proto.call.v1.CreateCallsRequest;
import net.voipbin.proto.call.v1.CreateCallsResponse;
import net.voipbin.proto.call.v1.CreateConfbridgeRequest;
import net.voipbin.proto.call.v1.MutinyCallServiceGrpc;

import java.util.UUID;

/** call-manager, as flow-manager uses it: the calls and bridges of connect/call, and "next action now". */
@ApplicationScoped
public class CallClient {

    private final MutinyCallServiceGrpc.MutinyCallServiceStub calls;

    public CallClient(RpcClient rpc) {
        this.calls = MutinyCallServiceGrpc.newMutinyStub(rpc.channel("call-manager"));
    }

    /** The bridge a connect puts the caller and its callees in. */
    public Uni<Confbridge> createConnectBridge(UUID customerId, UUID activeflowId, String callId) {
        return calls.createConfbridge(CreateConfbridgeRequest.newBuilder()
                .setCustomerId(customerId.toString()).setActiveflowId(activeflowId.toString())
                .setReferenceType("call").setReferenceId(callId).setType("connect").build());
    }

    public Uni<CreateCallsResponse> createCalls(CreateCallsRequest request) {
        return calls.createCalls(request);
    }

    /** Asks the call to run its next action now, stopping what it plays or leaving its bridge first. */
    public Uni<Call> actionNextNow(UUID customerId, String callId) {
        return calls.actionNext(ActionNextRequest.newBuilder()
                .setCustomerId(customerId.toString()).setId(callId).setForce(true).build());
    }
}
