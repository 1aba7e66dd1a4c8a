package net.voipbin.call.rpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import net.voipbin.call.client.FlowClient;
import net.voipbin.call.mapping.NumberMapper;
import net.voipbin.call.service.NumberService;
import net.voipbin.common.id.Ids;
import net.voipbin.common.page.Paging;
import net.voipbin.proto.call.v1.CreateNumberRequest;
import net.voipbin.proto.call.v1.GetNumberRequest;
import net.voipbin.proto.call.v1.ListNumbersRequest;
import net.voipbin.proto.call.v1.ListNumbersResponse;
import net.voipbin.proto.call.v1.MutinyNumberServiceGrpc;
import net.voipbin.proto.call.v1.Number;
import net.voipbin.proto.call.v1.UpdateNumberMetadataRequest;
import net.voipbin.proto.call.v1.UpdateNumberRequest;
import net.voipbin.proto.common.v1.PageResponse;

import java.util.UUID;

/** NumberService, served on bin-manager.call-manager.request next to CallService. */
@GrpcService
public class NumberRpcService extends MutinyNumberServiceGrpc.NumberServiceImplBase {

    private final NumberService numbers;
    private final FlowClient flows;

    public NumberRpcService(NumberService numbers, FlowClient flows) {
        this.numbers = numbers;
        this.flows = flows;
    }

    /**
     * The flows a number will run must be the customer's own; asked of flow-manager before the
     * number's transaction, so no database connection waits on that RPC.
     */
    private Uni<Void> requireOwnedFlows(UUID customerId, String callFlowId, String messageFlowId) {
        return flows.requireOwnedFlow(customerId, "call_flow_id", NumberService.optionalId("call_flow_id", callFlowId))
                .chain(() -> flows.requireOwnedFlow(customerId, "message_flow_id",
                        NumberService.optionalId("message_flow_id", messageFlowId)));
    }

    @Override
    public Uni<Number> createNumber(CreateNumberRequest request) {
        return Uni.createFrom().deferred(() -> {
            UUID customerId = Ids.parse("customer_id", request.getCustomerId());
            return requireOwnedFlows(customerId, request.getCallFlowId(), request.getMessageFlowId())
                    .chain(() -> numbers.create(customerId, request.getNumber(), request.getType(),
                            request.getCallFlowId(), request.getMessageFlowId(), request.getName(), request.getDetail()));
        }).map(NumberMapper::toProto);
    }

    @Override
    public Uni<Number> getNumber(GetNumberRequest request) {
        return Uni.createFrom().deferred(() -> numbers.get(
                        Ids.parse("customer_id", request.getCustomerId()), Ids.parse("id", request.getId())))
                .map(NumberMapper::toProto);
    }

    @Override
    public Uni<ListNumbersResponse> listNumbers(ListNumbersRequest request) {
        return Uni.createFrom().deferred(() -> {
            UUID customerId = Ids.parse("customer_id", request.getCustomerId());
            int size = Paging.size(request.getPage());
            return numbers.list(customerId, Paging.after(request.getPage()), size + 1, request.getNumber())
                    .map(rows -> ListNumbersResponse.newBuilder()
                            .addAllNumbers(rows.stream().limit(size).map(NumberMapper::toProto).toList())
                            .setPage(PageResponse.newBuilder().setNextPageToken(Paging.nextToken(rows, size, n -> n.id)))
                            .build());
        });
    }

    @Override
    public Uni<Number> updateNumber(UpdateNumberRequest request) {
        return Uni.createFrom().deferred(() -> {
            UUID customerId = Ids.parse("customer_id", request.getCustomerId());
            UUID id = Ids.parse("id", request.getId());
            return requireOwnedFlows(customerId, request.getCallFlowId(), request.getMessageFlowId())
                    .chain(() -> numbers.update(customerId, id, request.getCallFlowId(), request.getMessageFlowId(),
                            request.getName(), request.getDetail(), request.getStatus()));
        }).map(NumberMapper::toProto);
    }

    @Override
    public Uni<Number> updateNumberMetadata(UpdateNumberMetadataRequest request) {
        return Uni.createFrom().deferred(() -> numbers.updateMetadata(Ids.parse("customer_id", request.getCustomerId()),
                Ids.parse("id", request.getId()), request.getRtpDebug())).map(NumberMapper::toProto);
    }

    @Override
    public Uni<Number> deleteNumber(GetNumberRequest request) {
        return Uni.createFrom().deferred(() -> numbers.delete(
                        Ids.parse("customer_id", request.getCustomerId()), Ids.parse("id", request.getId())))
                .map(NumberMapper::toProto);
    }
}
