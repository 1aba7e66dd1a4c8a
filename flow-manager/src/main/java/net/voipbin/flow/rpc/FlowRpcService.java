package net.voipbin.flow.rpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import net.voipbin.common.id.Ids;
import net.voipbin.common.page.Paging;
import net.voipbin.flow.mapping.FlowMapper;
import net.voipbin.flow.service.FlowService;
import net.voipbin.proto.common.v1.PageResponse;
import net.voipbin.proto.flow.v1.CreateFlowRequest;
import net.voipbin.proto.flow.v1.Flow;
import net.voipbin.proto.flow.v1.GetFlowRequest;
import net.voipbin.proto.flow.v1.ListFlowsRequest;
import net.voipbin.proto.flow.v1.ListFlowsResponse;
import net.voipbin.proto.flow.v1.MutinyFlowServiceGrpc;

import java.util.UUID;

/** flow-manager's RPC surface, served on bin-manager.flow-manager.request. */
@GrpcService
public class FlowRpcService extends MutinyFlowServiceGrpc.FlowServiceImplBase {

    private final FlowService flows;

    public FlowRpcService(FlowService flows) {
        this.flows = flows;
    }

    @Override
    public Uni<Flow> createFlow(CreateFlowRequest request) {
        return Uni.createFrom().deferred(() -> flows.create(
                        Ids.parse("customer_id", request.getCustomerId()),
                        request.getName(), request.getDetail(), request.getActionsJson(), request.getPersist()))
                .map(FlowMapper::toProto);
    }

    @Override
    public Uni<Flow> getFlow(GetFlowRequest request) {
        return Uni.createFrom().deferred(() -> flows.get(
                        Ids.parse("customer_id", request.getCustomerId()), Ids.parse("id", request.getId())))
                .map(FlowMapper::toProto);
    }

    @Override
    public Uni<ListFlowsResponse> listFlows(ListFlowsRequest request) {
        return Uni.createFrom().deferred(() -> {
            UUID customerId = Ids.parse("customer_id", request.getCustomerId());
            int size = Paging.size(request.getPage());
            return flows.list(customerId, Paging.after(request.getPage()), size + 1)
                    .map(rows -> ListFlowsResponse.newBuilder()
                            .addAllFlows(rows.stream().limit(size).map(FlowMapper::toProto).toList())
                            .setPage(PageResponse.newBuilder().setNextPageToken(Paging.nextToken(rows, size, f -> f.id)))
                            .build());
        });
    }

    @Override
    public Uni<Flow> deleteFlow(GetFlowRequest request) {
        return Uni.createFrom().deferred(() -> flows.delete(
                        Ids.parse("customer_id", request.getCustomerId()), Ids.parse("id", request.getId())))
                .map(FlowMapper::toProto);
    }
}
