package net.voipbin.common.amqp;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import net.voipbin.common.config.VoipbinConfig;
import net.voipbin.common.event.EventPublisher;
import net.voipbin.common.event.RecordingEventHandler;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.common.testing.Broker;
import net.voipbin.proto.testing.v1.EchoRequest;
import net.voipbin.proto.testing.v1.MutinyEchoServiceGrpc;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker drops our connection under a running service: it must come back by itself. */
@QuarkusTest
class BrokerReconnectIT {

    @Inject
    AmqpConnection amqp;
    @Inject
    RpcClient rpc;
    @Inject
    EventPublisher publisher;
    @Inject
    VoipbinConfig config;

    private int readiness() {
        return RestAssured.given().get("/q/health/ready").statusCode();
    }

    @Test
    void rpcAndConsumersWorkAgainAfterTheBrokerClosesTheConnection() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(amqp::isReady);
        assertEquals(200, readiness());
        MutinyEchoServiceGrpc.MutinyEchoServiceStub echo = MutinyEchoServiceGrpc.newMutinyStub(rpc.channel("common-test"));
        assertEquals("before", echo.echo(EchoRequest.newBuilder().setText("before").build())
                .await().atMost(Duration.ofSeconds(5)).getText());

        assertTrue(Broker.closeConnections(config.namespace().orElseThrow()) >= 1, "no connection of ours to close");

        AtomicBoolean sawDown = new AtomicBoolean();
        long start = System.nanoTime();
        await().pollInterval(Duration.ofMillis(25)).atMost(Duration.ofSeconds(5)).until(() -> {
            if (readiness() == 503) {
                sawDown.set(true);
            }
            return sawDown.get();
        });
        await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(20)).until(() -> readiness() == 200);
        System.out.printf("readiness back after %d ms%n", (System.nanoTime() - start) / 1_000_000);

        assertEquals("after", echo.echo(EchoRequest.newBuilder().setText("after").build())
                .await().atMost(Duration.ofSeconds(5)).getText());
        // The subscribe queue's consumer is back too: an event published now is handled.
        publisher.publish("note", Ids.newId(), Map.of("key", "after-reconnect")).await().atMost(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsHandled("after-reconnect"));
    }

    @Inject
    RecordingEventHandler handler;

    private boolean eventsHandled(String key) {
        return handler.completed(key) == 1;
    }
}
