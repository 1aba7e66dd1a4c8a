package net.voipbin.call.rpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import net.voipbin.call.mapping.AvailableNumberMapper;
import net.voipbin.call.service.AvailableNumberService;
import net.voipbin.proto.call.v1.AvailableNumber;
import net.voipbin.proto.call.v1.ListAvailableNumbersRequest;
import net.voipbin.proto.call.v1.ListAvailableNumbersResponse;
import net.voipbin.proto.call.v1.MutinyAvailableNumberServiceGrpc;
import net.voipbin.proto.call.v1.ProvisionAvailableNumberRequest;
import net.voipbin.proto.call.v1.RemoveAvailableNumberRequest;

/** The number inventory, served on bin-manager.call-manager.request next to NumberService. */
@GrpcService
public class AvailableNumberRpcService extends MutinyAvailableNumberServiceGrpc.AvailableNumberServiceImplBase {

    private final AvailableNumberService inventory;

    public AvailableNumberRpcService(AvailableNumberService inventory) {
        this.inventory = inventory;
    }

    @Override
    public Uni<AvailableNumber> provisionAvailableNumber(ProvisionAvailableNumberRequest request) {
        return Uni.createFrom().deferred(() -> inventory.provision(request.getNumber(), request.getRegion(),
                request.getPostalCode(), request.getFeaturesList())).map(AvailableNumberMapper::toProto);
    }

    @Override
    public Uni<AvailableNumber> removeAvailableNumber(RemoveAvailableNumberRequest request) {
        return Uni.createFrom().deferred(() -> inventory.remove(request.getNumber())).map(AvailableNumberMapper::toProto);
    }

    @Override
    public Uni<ListAvailableNumbersResponse> listAvailableNumbers(ListAvailableNumbersRequest request) {
        return Uni.createFrom().deferred(() -> inventory.list(request.getType(), request.getCountryCode(), request.getPageSize()))
                .map(rows -> ListAvailableNumbersResponse.newBuilder()
                        .addAllNumbers(rows.stream().map(AvailableNumberMapper::toProto).toList()).build());
    }
}
