package net.voipbin.api.ws;

import net.voipbin.api.testing.Api;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import net.voipbin.api.ws.EventHub;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static net.voipbin.common.testing.ServiceChecks.awaitBroker;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class WebSocketIT extends WsTestSupport {

    @Test
    void subscriberGetsItsCustomersCallEventsInOrder() throws Exception {
        String[] c = Api.newCustomer();
        String[] other = Api.newCustomer();
        Recorder rec = new Recorder(true);
        WebSocket ws = connect("/v1.0/ws?ticket=" + ticket(c[1]), rec);
        ws.sendText("{\"type\":\"subscribe\",\"topics\":[\"customer_id:" + c[0] + ":call:*\",\"customer_id:" + other[0]
                + ":call:*\"]}", true);
        await().atMost(Duration.ofSeconds(5)).until(() -> rec.has("subscribed"));
        assertTrue(rec.has("PERMISSION_DENIED"), rec.messages.toString()); // the other customer's topic is refused
        String callId = UUID.randomUUID().toString();
        publish("call_created", other[0], UUID.randomUUID().toString(), "");
        publish("call_created", c[0], callId, "");
        publish("call_answered", c[0], callId, "");
        publish("call_hungup", c[0], callId, "");
        await().atMost(Duration.ofSeconds(5)).until(() -> rec.has("call_hungup"));
        List<String> events = rec.messages.stream().filter(m -> m.startsWith("{\"type\":\"call_")).toList();
        assertEquals(3, events.size(), events.toString());
        assertTrue(events.get(0).contains("call_created") && events.get(0).contains(callId));
        assertTrue(events.get(1).contains("call_answered"));
        assertTrue(events.get(2).contains("\"type\":\"call_hungup\",\"data\":{\"id\":\"" + callId));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        // the /v1 alias (with a header) and a bad token
        Recorder alias = new Recorder(true);
        WebSocket aliased = connect("/v1/ws", "Bearer " + c[1], alias);
        aliased.sendText("{\"type\":\"subscribe\",\"topics\":[\"customer_id:" + c[0] + "\"]}", true);
        await().atMost(Duration.ofSeconds(5)).until(() -> alias.has("subscribed"));
        aliased.sendClose(WebSocket.NORMAL_CLOSURE, "");
        assertEquals(401, refusedWith("/v1/ws", "Bearer forged"));
    }

    @Test
    void aClientThatDoesNotReadIsDroppedWithoutDelayingOthers() throws Exception {
        String[] c = Api.newCustomer();
        Recorder slow = new Recorder(false);
        WebSocket slowWs = connect("/v1.0/ws?ticket=" + ticket(c[1]), slow);
        slowWs.sendText("{\"type\":\"subscribe\",\"topics\":[\"customer_id:" + c[0] + ":call\"]}", true);
        Recorder fast = new Recorder(true);
        WebSocket fastWs = connect("/v1.0/ws", "Bearer " + c[1], fast);
        String watched = UUID.randomUUID().toString();
        fastWs.sendText("{\"type\":\"subscribe\",\"topics\":[\"customer_id:" + c[0] + ":call:" + watched + "\"]}", true);
        await().atMost(Duration.ofSeconds(5)).until(() -> fast.has("subscribed"));
        Thread.sleep(300); // the slow client's subscribe is processed too (it just never reads)
        String pad = "x".repeat(64 * 1024);
        String noise = UUID.randomUUID().toString();
        try (Channel ch = amqp.connection().createChannel()) {
            for (int i = 0; i < 400; i++) {
                publish(ch, "call_updated", c[0], noise, pad);
            }
        }
        long start = System.nanoTime();
        publish("call_created", c[0], watched, "");
        publish("call_hungup", c[0], watched, "");
        await().atMost(Duration.ofSeconds(5)).until(() -> fast.has("call_hungup"));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        // the slow one was disconnected by the server when its buffer filled
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.clientCount() <= 1);
        fastWs.sendClose(WebSocket.NORMAL_CLOSURE, "");
    }
}
