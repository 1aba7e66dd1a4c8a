package net.voipbin.common.rpc;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.config.VoipbinConfig;
import net.voipbin.proto.testing.v1.EchoReply;
import net.voipbin.proto.testing.v1.EchoRequest;
import net.voipbin.proto.testing.v1.EchoServiceGrpc;
import net.voipbin.proto.testing.v1.MutinyEchoServiceGrpc;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RPC transport through the machine's real RabbitMQ. */
@QuarkusTest
class RpcTransportIT {

    @Inject
    RpcClient rpc;
    @Inject
    RpcServer server;
    @Inject
    AmqpConnection amqp;
    @Inject
    BrokerNames names;
    @Inject
    VoipbinConfig config;
    @Inject
    @GrpcService
    EchoServiceImpl replicaA;
    @Inject
    Vertx vertx;

    private MutinyEchoServiceGrpc.MutinyEchoServiceStub stub() {
        await().atMost(Duration.ofSeconds(20)).until(amqp::isReady);
        return MutinyEchoServiceGrpc.newMutinyStub(rpc.channel("common-test"));
    }

    @Test
    void echoRoundTripRunsHandlerOnDuplicatedEventLoopContext() {
        EchoReply reply = stub().echo(EchoRequest.newBuilder().setText("hello").build())
                .await().atMost(Duration.ofSeconds(5));
        assertEquals("hello", reply.getText());
        assertTrue(reply.getDuplicatedContext(), "handler must run on a duplicated Vert.x context");
        assertTrue(reply.getEventLoop(), "handler must run on an event loop thread");
    }

    @Test
    void blockingStubWorksOverTheSameChannel() {
        stub();
        EchoReply reply = EchoServiceGrpc.newBlockingStub(rpc.channel("common-test"))
                .withDeadlineAfter(3, TimeUnit.SECONDS)
                .echo(EchoRequest.newBuilder().setText("blocking").build());
        assertEquals("blocking", reply.getText());
    }

    @Test
    void thousandConcurrentCallsOverTwoReplicasEachGetTheirOwnAnswer() {
        MutinyEchoServiceGrpc.MutinyEchoServiceStub stub = stub();
        AmqpConnection secondConnection = new AmqpConnection(config.amqp(), "common-test-replica-b");
        EchoServiceImpl replicaB = new EchoServiceImpl("b", rpc);
        RpcDispatcher secondReplica = new RpcDispatcher(secondConnection, names.ownRequestQueue(),
                config.rpc().server().prefetch(), Duration.ofSeconds(3),
                List.of(replicaB), new EventLoopContexts(vertx, 2), new RpcMetrics(null, "test"));
        secondConnection.start();
        secondReplica.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(secondConnection::isReady);
            int before = replicaA.served.get();
            List<CompletableFuture<EchoReply>> calls = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                calls.add(stub.withDeadlineAfter(20, TimeUnit.SECONDS)
                        .echo(EchoRequest.newBuilder().setText("call-" + i).setSleepMs(i % 7).build())
                        .subscribeAsCompletionStage());
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
            for (int i = 0; i < 1000; i++) {
                assertEquals("call-" + i, calls.get(i).join().getText(), "caller " + i + " got another caller's answer");
            }
            int servedByA = replicaA.served.get() - before;
            int servedByB = replicaB.served.get();
            assertEquals(1000, servedByA + servedByB);
            assertTrue(servedByA > 100 && servedByB > 100,
                    "work must spread over both replicas: a=" + servedByA + " b=" + servedByB);
        } finally {
            secondReplica.stop(Duration.ofSeconds(2));
            secondConnection.close();
        }
    }

    @Test
    void errorStatusAndMessageReachTheCaller() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub()
                .echo(EchoRequest.newBuilder().setFailCode(Status.Code.NOT_FOUND.value()).setFailMessage("no such call").build())
                .await().atMost(Duration.ofSeconds(5)));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("no such call", e.getStatus().getDescription());
    }

    @Test
    void aDuplicateKeyInTheHandlerReachesTheCallerAsAlreadyExists() {
        // Any manager: a unique constraint hit by a race is the caller's conflict (409 at the gateway), never INTERNAL.
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub()
                .echo(EchoRequest.newBuilder().setText("duplicate-key").build())
                .await().atMost(Duration.ofSeconds(10)));
        assertEquals(Status.Code.ALREADY_EXISTS, e.getStatus().getCode());
        assertFalse(e.getStatus().getDescription().contains("rpc_duplicate_probe"), e.getStatus().getDescription());
    }

    @Test
    void slowServerGivesDeadlineExceededAtTheDeadline() {
        long start = System.nanoTime();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub()
                .withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                .echo(EchoRequest.newBuilder().setText("slow").setSleepMs(3000).build())
                .await().atMost(Duration.ofSeconds(5)));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
        assertTrue(tookMs >= 250 && tookMs < 1500, "took " + tookMs + " ms");
        // The server cancels the handler at the deadline instead of keeping the request.
        await().atMost(Duration.ofSeconds(3)).until(() -> server.dispatcher().inFlight() == 0);
    }

    @Test
    void nestedCallInheritsTheDeadlineOfTheRequestBeingServed() {
        assertThrows(StatusRuntimeException.class, () -> stub().withDeadlineAfter(700, TimeUnit.MILLISECONDS)
                .echo(EchoRequest.newBuilder().setNestedSleepMs(5000).build())
                .await().atMost(Duration.ofSeconds(5)));
        await().atMost(Duration.ofSeconds(5)).until(() -> replicaA.lastNested() != null);
        String[] nested = replicaA.lastNested().split(" ");
        assertEquals("DEADLINE_EXCEEDED", nested[0]);
        assertTrue(Long.parseLong(nested[1]) < 1500, "nested call ran " + nested[1] + " ms, not bounded by its caller's 700 ms");
    }

    @Test
    void absentServerWithoutQueueFailsFastAsUnavailable() {
        stub();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                MutinyEchoServiceGrpc.newMutinyStub(rpc.channel("nobody-manager"))
                        .echo(EchoRequest.newBuilder().setText("anyone?").build())
                        .await().atMost(Duration.ofSeconds(5)));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    }

    @Test
    void absentConsumerOnExistingQueueGivesDeadlineExceeded() throws Exception {
        stub();
        String queue = names.requestQueue("sleeping-manager");
        try (Channel ch = amqp.connection().createChannel()) {
            ch.queueDeclare(queue, false, false, true, null);
            long start = System.nanoTime();
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                    MutinyEchoServiceGrpc.newMutinyStub(rpc.channel("sleeping-manager"))
                            .withDeadlineAfter(400, TimeUnit.MILLISECONDS)
                            .echo(EchoRequest.newBuilder().setText("anyone?").build())
                            .await().atMost(Duration.ofSeconds(5)));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1500);
            ch.queueDelete(queue);
        }
    }

    @Test
    void lateReplyIsDiscardedWithoutHarm() throws Exception {
        MutinyEchoServiceGrpc.MutinyEchoServiceStub stub = stub();
        String queue = names.requestQueue("late-manager");
        try (Channel ch = amqp.connection().createChannel()) {
            ch.queueDeclare(queue, false, false, true, null);
            // A server that answers correctly but 600 ms after the caller's 200 ms deadline.
            ch.basicConsume(queue, true, new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                    vertx.setTimer(600, id -> {
                        try {
                            ch.basicPublish("", props.getReplyTo(), new AMQP.BasicProperties.Builder()
                                    .correlationId(props.getCorrelationId())
                                    .headers(Map.of("grpc-status", 0)).build(),
                                    EchoReply.newBuilder().setText("too late").build().toByteArray());
                        } catch (Exception ignored) {
                        }
                    });
                }
            });
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                    MutinyEchoServiceGrpc.newMutinyStub(rpc.channel("late-manager"))
                            .withDeadlineAfter(200, TimeUnit.MILLISECONDS)
                            .echo(EchoRequest.newBuilder().setText("x").build())
                            .await().atMost(Duration.ofSeconds(5)));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
            Thread.sleep(800);
            assertEquals(0, rpc.pendingCount());
            assertEquals("after", stub.echo(EchoRequest.newBuilder().setText("after").build())
                    .await().atMost(Duration.ofSeconds(5)).getText());
            ch.queueDelete(queue);
        }
    }

    @Test
    void requestIdFollowsTheCallFromTheCallersContext() {
        MutinyEchoServiceGrpc.MutinyEchoServiceStub stub = stub();
        EventLoopContexts contexts = new EventLoopContexts(vertx, 1);
        CompletableFuture<EchoReply> reply = new CompletableFuture<>();
        contexts.newDuplicated().runOnContext(v -> {
            RequestIds.set("req-42");
            stub.echo(EchoRequest.newBuilder().setText("rid").build())
                    .subscribe().with(reply::complete, reply::completeExceptionally);
        });
        assertEquals("req-42", reply.orTimeout(5, TimeUnit.SECONDS).join().getRequestId());
    }

    @Test
    void expiredDeadlineFailsWithoutPublishing() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub()
                .withDeadlineAfter(0, TimeUnit.MILLISECONDS)
                .echo(EchoRequest.newBuilder().setText("never").build())
                .await().atMost(Duration.ofSeconds(2)));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
        Uni.createFrom().voidItem().await().indefinitely();
    }
}
