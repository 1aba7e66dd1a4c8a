package net.voipbin.queue.rpc;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import net.voipbin.common.id.Ids;
import net.voipbin.queue.testing.FakeFlowManager;
import net.voipbin.common.testing.RpcServiceTestBase;
import net.voipbin.proto.common.v1.PageRequest;
import net.voipbin.proto.queue.v1.CreateQueueRequest;
import net.voipbin.proto.queue.v1.GetQueueRequest;
import net.voipbin.proto.queue.v1.ListQueuesRequest;
import net.voipbin.proto.queue.v1.ListQueuesResponse;
import net.voipbin.proto.queue.v1.MutinyQueueServiceGrpc;
import net.voipbin.proto.queue.v1.Queue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static net.voipbin.common.testing.ServiceChecks.assertInvalid;
import static net.voipbin.common.testing.ServiceChecks.assertNotFound;
import static net.voipbin.common.testing.ServiceChecks.assertOperable;
import static net.voipbin.common.testing.ServiceChecks.walkPages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** queue-manager's RPCs through the real broker into MariaDB (Hibernate Reactive). */
@QuarkusTest
class QueueRpcIT extends RpcServiceTestBase {


    MutinyQueueServiceGrpc.MutinyQueueServiceStub queues;

    @BeforeEach
    void connect() {
        queues = MutinyQueueServiceGrpc.newMutinyStub(channel("queue-manager"));
    }

    @Test
    void anotherCustomersOrAnUnknownWaitFlowIsRefused() {
        String owner = Ids.newId().toString();
        String intruder = Ids.newId().toString();
        String foreign = FakeFlowManager.flowOf(java.util.UUID.fromString(owner));
        for (String flow : List.of(foreign, Ids.newId().toString())) {
            io.grpc.StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(io.grpc.StatusRuntimeException.class,
                    () -> await(queues.createQueue(CreateQueueRequest.newBuilder().setCustomerId(intruder).setName("q")
                            .setWaitFlowId(flow).build())));
            assertEquals(io.grpc.Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
            assertEquals("wait_flow_id: flow " + flow + " is not a flow of this customer", e.getStatus().getDescription());
        }
        assertEquals(0, await(queues.listQueues(net.voipbin.proto.queue.v1.ListQueuesRequest.newBuilder()
                .setCustomerId(intruder).build())).getQueuesCount(), "nothing written");
    }

    @Test
    void createThenReadBackThroughTheBroker() {
        String customer = Ids.newId().toString();
        String tag1 = Ids.newId().toString();
        String tag2 = Ids.newId().toString();
        String waitFlow = FakeFlowManager.flowOf(java.util.UUID.fromString(customer));
        Queue created = await(queues.createQueue(CreateQueueRequest.newBuilder()
                .setCustomerId(customer).setName("support").setDetail("first line")
                .addTagIds(tag1).addTagIds(tag2).addTagIds(tag1)
                .setWaitTimeoutMs(60_000).setServiceTimeoutMs(600_000).setWaitFlowId(waitFlow).build()));
        assertEquals("random", created.getRoutingMethod());
        assertEquals(List.of(tag1, tag2), created.getTagIdsList());
        assertTrue(created.getTmCreate().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"), created.getTmCreate());

        Queue read = await(queues.getQueue(GetQueueRequest.newBuilder().setCustomerId(customer).setId(created.getId()).build()));
        assertEquals(created, read);
        assertEquals(customer, read.getCustomerId());
        assertEquals(waitFlow, read.getWaitFlowId());
        assertEquals(60_000, read.getWaitTimeoutMs());
        assertEquals(600_000, read.getServiceTimeoutMs());
        assertEquals("", read.getTmUpdate());
        assertEquals("", read.getTmDelete());

        Queue bare = await(queues.createQueue(CreateQueueRequest.newBuilder()
                .setCustomerId(customer).setRoutingMethod("random").build()));
        assertEquals("", bare.getWaitFlowId());
        assertEquals(0, bare.getTagIdsCount());
        assertEquals(bare, await(queues.getQueue(GetQueueRequest.newBuilder().setCustomerId(customer).setId(bare.getId()).build())));
    }

    @Test
    void anotherCustomerCannotSeeTheQueue() {
        String owner = Ids.newId().toString();
        String intruder = Ids.newId().toString();
        Queue queue = await(queues.createQueue(CreateQueueRequest.newBuilder().setCustomerId(owner).setName("mine").build()));

        assertNotFound(() -> await(queues.getQueue(GetQueueRequest.newBuilder().setCustomerId(intruder).setId(queue.getId()).build())));
        assertEquals(0, await(queues.listQueues(ListQueuesRequest.newBuilder().setCustomerId(intruder).build())).getQueuesCount());
        assertEquals(1, await(queues.listQueues(ListQueuesRequest.newBuilder().setCustomerId(owner).build())).getQueuesCount());
    }

    @Test
    void badInputIsInvalidArgumentNamingTheField() {
        String customer = Ids.newId().toString();
        CreateQueueRequest ok = CreateQueueRequest.newBuilder().setCustomerId(customer).build();
        assertInvalid("customer_id", () -> await(queues.createQueue(CreateQueueRequest.newBuilder().build())));
        assertInvalid("routing_method", () -> await(queues.createQueue(ok.toBuilder().setRoutingMethod("round-robin").build())));
        assertInvalid("name", () -> await(queues.createQueue(ok.toBuilder().setName("q".repeat(256)).build())));
        assertInvalid("wait_timeout_ms", () -> await(queues.createQueue(ok.toBuilder().setWaitTimeoutMs(-1).build())));
        assertInvalid("service_timeout_ms", () -> await(queues.createQueue(ok.toBuilder().setServiceTimeoutMs(-1).build())));
        assertInvalid("tag_ids", () -> await(queues.createQueue(ok.toBuilder().addTagIds("sales").build())));
        assertInvalid("wait_flow_id", () -> await(queues.createQueue(ok.toBuilder().setWaitFlowId("flow-1").build())));
        assertInvalid("id", () -> await(queues.getQueue(GetQueueRequest.newBuilder().setCustomerId(customer).setId("nope").build())));
        assertInvalid("customer_id", () -> await(queues.listQueues(ListQueuesRequest.newBuilder().setCustomerId("nope").build())));
        assertEquals(0, await(queues.listQueues(ListQueuesRequest.newBuilder().setCustomerId(customer).build())).getQueuesCount());
    }

    @Test
    void listPagesNewestFirstWithoutGapsOrRepeats() {
        String customer = Ids.newId().toString();
        for (int i = 0; i < 5; i++) {
            await(queues.createQueue(CreateQueueRequest.newBuilder().setCustomerId(customer).setName("q" + i).build()));
        }
        List<List<String>> pages = walkPages(
                token -> await(queues.listQueues(ListQueuesRequest.newBuilder()
                        .setCustomerId(customer).setPage(PageRequest.newBuilder().setPageSize(2).setPageToken(token)).build())),
                page -> page.getQueuesList().stream().map(Queue::getId).toList(),
                page -> page.getPage().getNextPageToken());
        assertEquals(5, pages.stream().mapToInt(List::size).sum());
        assertEquals(3, pages.size());
        ListQueuesResponse first = await(queues.listQueues(ListQueuesRequest.newBuilder().setCustomerId(customer).build()));
        assertEquals("q4", first.getQueues(0).getName());
    }

    @Test
    void startsMigratesAndReportsReady() {
        assertNotFound(() -> await(queues.getQueue(GetQueueRequest.newBuilder()
                .setCustomerId(Ids.newId().toString()).setId(Ids.newId().toString()).build())));
        assertOperable("voipbin.queue.v1.QueueService/GetQueue", "NOT_FOUND");
    }
}
