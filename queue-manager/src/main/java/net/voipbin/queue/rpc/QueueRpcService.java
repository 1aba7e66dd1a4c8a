package net.voipbin.queue.rpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import net.voipbin.common.id.Ids;
import net.voipbin.common.page.Paging;
import net.voipbin.proto.common.v1.PageResponse;
import net.voipbin.proto.queue.v1.CreateQueueRequest;
import net.voipbin.proto.queue.v1.GetQueueRequest;
import net.voipbin.proto.queue.v1.ListQueuesRequest;
import net.voipbin.proto.queue.v1.ListQueuesResponse;
import net.voipbin.proto.queue.v1.MutinyQueueServiceGrpc;
import net.voipbin.proto.queue.v1.Queue;
import net.voipbin.queue.client.FlowClient;
import net.voipbin.queue.mapping.QueueMapper;
import net.voipbin.queue.service.QueueService;

import java.util.List;
import java.util.UUID;

/** queue-manager's RPC surface, served on bin-manager.queue-manager.request. */
@GrpcService
public class QueueRpcService extends MutinyQueueServiceGrpc.QueueServiceImplBase {

    private final QueueService queues;
    private final FlowClient flows;

    public QueueRpcService(QueueService queues, FlowClient flows) {
        this.queues = queues;
        this.flows = flows;
    }

    @Override
    public Uni<Queue> createQueue(CreateQueueRequest request) {
        return Uni.createFrom().deferred(() -> {
            UUID customerId = Ids.parse("customer_id", request.getCustomerId());
            List<UUID> tagIds = request.getTagIdsList().stream().map(tag -> Ids.parse("tag_ids", tag)).toList();
            UUID waitFlowId = Ids.parseOptional("wait_flow_id", request.getWaitFlowId());
            // The flow the queue plays to waiting callers must be the customer's own (asked before the insert).
            return flows.requireOwnedFlow(customerId, "wait_flow_id", waitFlowId)
                    .chain(() -> queues.create(customerId, request.getName(), request.getDetail(), request.getRoutingMethod(),
                            tagIds, request.getWaitTimeoutMs(), request.getServiceTimeoutMs(), waitFlowId));
        }).map(QueueMapper::toProto);
    }

    @Override
    public Uni<Queue> getQueue(GetQueueRequest request) {
        return Uni.createFrom().deferred(() -> queues.get(
                        Ids.parse("customer_id", request.getCustomerId()), Ids.parse("id", request.getId())))
                .map(QueueMapper::toProto);
    }

    @Override
    public Uni<ListQueuesResponse> listQueues(ListQueuesRequest request) {
        return Uni.createFrom().deferred(() -> {
            UUID customerId = Ids.parse("customer_id", request.getCustomerId());
            int size = Paging.size(request.getPage());
            return queues.list(customerId, Paging.after(request.getPage()), size + 1)
                    .map(rows -> ListQueuesResponse.newBuilder()
                            .addAllQueues(rows.stream().limit(size).map(QueueMapper::toProto).toList())
                            .setPage(PageResponse.newBuilder().setNextPageToken(Paging.nextToken(rows, size, q -> q.id)))
                            .build());
        });
    }
}
