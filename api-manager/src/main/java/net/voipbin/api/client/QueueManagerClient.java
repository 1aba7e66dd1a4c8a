package net.voipbin.api.client;

import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.queue.v1.MutinyQueueServiceGrpc;

/** queue-manager's QueueService over RabbitMQ: queues. */
@ApplicationScoped
public class QueueManagerClient {

    static final String MANAGER = "queue-manager";

    private final RpcDeadline deadline;
    private final MutinyQueueServiceGrpc.MutinyQueueServiceStub queues;

    public QueueManagerClient(RpcClient rpc, RpcDeadline deadline) {
        this.deadline = deadline;
        this.queues = MutinyQueueServiceGrpc.newMutinyStub(rpc.channel(MANAGER));
    }

    /** QueueService, with the gateway's deadline from now. */
    public MutinyQueueServiceGrpc.MutinyQueueServiceStub queues() {
        return deadline.on(queues);
    }
}
