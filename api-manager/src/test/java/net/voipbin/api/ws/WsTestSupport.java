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

/** What the WebSocket ITs share: a client that records what it gets, tickets, publishing events. */
abstract class WsTestSupport {

    @TestHTTPResource("/")
    URI base;
    @Inject
    AmqpConnection amqp;
    @Inject
    BrokerNames names;
    @Inject
    EventHub hub;

    static final class Recorder implements WebSocket.Listener {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        volatile String closeReason;
        final boolean reads;
        private final StringBuilder partial = new StringBuilder();

        Recorder(boolean reads) {
            this.reads = reads;
        }

        @Override
        public void onOpen(WebSocket ws) {
            if (reads) {
                ws.request(1);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            if (reads) {
                ws.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closeReason = reason;
            closed.complete(status);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }

        boolean has(String fragment) {
            return messages.stream().anyMatch(m -> m.contains(fragment));
        }
    }

    WebSocket connect(String path, Recorder recorder) throws Exception {
        return connect(path, null, recorder);
    }

    /** Opens {@code path} from a fresh client IP, with {@code authorization} as the header when not null. */
    WebSocket connect(String path, String authorization, Recorder recorder) throws Exception {
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + path);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().header("X-Forwarded-For", Api.randomIp());
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.buildAsync(uri, recorder).get(10, TimeUnit.SECONDS);
    }

    /** The HTTP status an upgrade was refused with (it fails the handshake). */
    int refusedWith(String path, String authorization) throws Exception {
        try {
            connect(path, authorization, new Recorder(true)).abort();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
        return 101;
    }

    /** A ticket of {@code POST /v1.0/ws/tickets} for the token's identity. */
    static String ticket(String token) {
        return Api.as(token).post("/v1.0/ws/tickets").then().statusCode(200).extract().path("ticket");
    }

    void publish(String type, String customerId, String id, String padding) throws Exception {
        awaitBroker(amqp);
        try (Channel ch = amqp.connection().createChannel()) {
            publish(ch, type, customerId, id, padding);
        }
    }

    void publish(Channel ch, String type, String customerId, String id, String padding) throws Exception {
        {
            String body = "{\"type\":\"" + type + "\",\"publisher\":\"call-manager\",\"data_type\":\"application/json\","
                    + "\"data\":{\"id\":\"" + id + "\",\"customer_id\":\"" + customerId + "\",\"status\":\"x\",\"pad\":\""
                    + padding + "\"}}";
            ch.basicPublish(names.eventExchange("call-manager"), "", new AMQP.BasicProperties.Builder()
                    .headers(Map.of("customer_id", customerId)).contentType("application/json").build(),
                    body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
