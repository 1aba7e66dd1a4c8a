package net.voipbin.call.rpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import net.voipbin.call.mapping.CallMapper;
import net.voipbin.call.service.CallService;
import net.voipbin.common.id.Ids;
import net.voipbin.common.page.Paging;
import net.voipbin.proto.call.v1.Call;
import net.voipbin.proto.call.v1.GetCallRequest;
import net.voipbin.proto.call.v1.ListCallsRequest;
import net.voipbin.proto.call.v1.ListCallsResponse;
import net.voipbin.proto.call.v1.MutinyCallServiceGrpc;
import net.voipbin.proto.common.v1.PageResponse;

import java.util.UUID;

/**
 * call-manager's RPC surface, served on bin-manager.call-manager.request. CreateCalls and
 * HangupCall are not overridden yet, so they answer UNIMPLEMENTED: both need Asterisk.
 */
@GrpcService
public class CallRpcService extends MutinyCallServiceGrpc.CallServiceImplBase {

    private final CallService calls;

    public CallRpcService(CallService calls) {
        this.calls = calls;
    }

    @Override
    public Uni<Call> getCall(GetCallRequest request) {
        return Uni.createFrom().deferred(() -> calls.get(
                        Ids.parse("customer_id", request.getCustomerId()), Ids.parse("id", request.getId())))
                .map(CallMapper::toProto);
    }

    @Override
    public Uni<ListCallsResponse> listCalls(ListCallsRequest request) {
        return Uni.createFrom().deferred(() -> {
            UUID customerId = Ids.parse("customer_id", request.getCustomerId());
            int size = Paging.size(request.getPage());
            return calls.list(customerId, Paging.after(request.getPage()), size + 1)
                    .map(rows -> ListCallsResponse.newBuilder()
                            .addAllCalls(rows.stream().limit(size).map(CallMapper::toProto).toList())
                            .setPage(PageResponse.newBuilder().setNextPageToken(Paging.nextToken(rows, size, c -> c.id)))
                            .build());
        });
    }
}
