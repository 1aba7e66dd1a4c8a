package net.voipbin.call.rpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
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
import net.voipbin.proto.call.v1.UpdateNumberRequest;
import net.voipbin.proto.common.v1.PageResponse;

import java.util.UUID;

/** NumberService, served on bin-manager.call-manager.request next to CallService. */
@GrpcService
public class NumberRpcService extends MutinyNumberServiceGrpc.NumberServiceImplBase {

    private final NumberService numbers;

    public NumberRpcService(NumberService numbers) {
        this.numbers = numbers;
    }

    @Override
    public Uni<Number> createNumber(CreateNumberRequest request) {
        return Uni.createFrom().deferred(() -> numbers.create(
                        Ids.parse("customer_id", request.getCustomerId()), request.getNumber(), request.getType(),
                        request.getCallFlowId(), request.getMessageFlowId(), request.getName(), request.getDetail()))
                .map(NumberMapper::toProto);
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
        return Uni.createFrom().deferred(() -> numbers.update(
                        Ids.parse("customer_id", request.getCustomerId()), Ids.parse("id", request.getId()),
                        request.getCallFlowId(), request.getMessageFlowId(), request.getName(), request.getDetail(),
                        request.getStatus()))
                .map(NumberMapper::toProto);
    }

    @Override
    public Uni<Number> deleteNumber(GetNumberRequest request) {
        return Uni.createFrom().deferred(() -> numbers.delete(
                        Ids.parse("customer_id", request.getCustomerId()), Ids.parse("id", request.getId())))
                .map(NumberMapper::toProto);
    }
}
