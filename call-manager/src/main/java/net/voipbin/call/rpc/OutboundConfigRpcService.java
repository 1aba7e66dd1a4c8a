package net.voipbin.call.rpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import net.voipbin.call.mapping.OutboundConfigMapper;
import net.voipbin.call.service.OutboundConfigService;
import net.voipbin.common.id.Ids;
import net.voipbin.common.page.Paging;
import net.voipbin.proto.call.v1.GetOutboundConfigRequest;
import net.voipbin.proto.call.v1.ListOutboundConfigsRequest;
import net.voipbin.proto.call.v1.ListOutboundConfigsResponse;
import net.voipbin.proto.call.v1.MutinyOutboundConfigServiceGrpc;
import net.voipbin.proto.call.v1.OutboundConfig;
import net.voipbin.proto.call.v1.UpdateOutboundConfigRequest;
import net.voipbin.proto.common.v1.PageResponse;

/** OutboundConfigService, served on bin-manager.call-manager.request next to CallService. */
@GrpcService
public class OutboundConfigRpcService extends MutinyOutboundConfigServiceGrpc.OutboundConfigServiceImplBase {

    private final OutboundConfigService configs;

    public OutboundConfigRpcService(OutboundConfigService configs) {
        this.configs = configs;
    }

    @Override
    public Uni<OutboundConfig> getOutboundConfig(GetOutboundConfigRequest request) {
        return Uni.createFrom().deferred(() -> configs.get(Ids.parse("customer_id", request.getCustomerId())))
                .map(OutboundConfigMapper::toProto);
    }

    @Override
    public Uni<OutboundConfig> updateOutboundConfig(UpdateOutboundConfigRequest request) {
        return Uni.createFrom().deferred(() -> configs.update(
                        Ids.parse("customer_id", request.getCustomerId()), request.getUpdateMaskList(),
                        request.getName(), request.getDetail(), request.getDestinationWhitelistList(), request.getCodecs(),
                        request.getDefaultOutgoingSourceNumberId()))
                .map(OutboundConfigMapper::toProto);
    }

    @Override
    public Uni<ListOutboundConfigsResponse> listOutboundConfigs(ListOutboundConfigsRequest request) {
        return Uni.createFrom().deferred(() -> {
            var customerId = Ids.parse("customer_id", request.getCustomerId());
            Paging.size(request.getPage());
            return configs.list(customerId, Paging.after(request.getPage()))
                    .map(rows -> ListOutboundConfigsResponse.newBuilder()
                            .addAllOutboundConfigs(rows.stream().map(OutboundConfigMapper::toProto).toList())
                            .setPage(PageResponse.newBuilder().setNextPageToken(""))
                            .build());
        });
    }
}
