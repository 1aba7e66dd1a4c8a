package net.voipbin.api.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.api.auth.Authenticator;
import net.voipbin.api.auth.Credentials;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * WebSocket {@code /v1.0/ws} (and {@code /v1/ws}): authenticate with {@code ?token=} / {@code ?accesskey=}
 * or an Authorization header; then {@code {"type":"subscribe"|"unsubscribe","topics":[...]}} with topics
 * {@code customer_id:<id>[:<resource>[:<id>|*]]} or {@code agent_id:<id>[:<resource>[:<id>|*]]}. Events
 * arrive as {@code {"type":"<event type>","data":{...}}}; subscriptions are acknowledged with
 * {@code {"type":"subscribed","topics":[...]}}; refused topics with an {@code {"type":"error",...}} frame.
 */
public final class WsEndpoints {

    private WsEndpoints() {
    }

    @ApplicationScoped
    public static class Handler {
        private final Authenticator authenticator;
        private final EventHub hub;
        private final ObjectMapper mapper = new ObjectMapper();

        public Handler(Authenticator authenticator, EventHub hub) {
            this.authenticator = authenticator;
            this.hub = hub;
        }

        Uni<Void> open(WebSocketConnection connection, HandshakeRequest request) {
            String token = query(request.query(), "token");
            String key = query(request.query(), "accesskey");
            Credentials bearer = Credentials.bearer(request.header("Authorization"));
            if (bearer != null) {
                token = bearer.jwt();
                key = bearer.accesskey();
            }
            if (token == null && key == null) {
                return refuse(connection, 401, "UNAUTHENTICATED", "authentication is required");
            }
            return authenticator.authenticate(token, token == null ? key : null).chain(identity -> {
                if (identity == null) {
                    return refuse(connection, 401, "UNAUTHENTICATED", "invalid or expired credentials");
                }
                hub.register(connection, identity);
                return Uni.createFrom().voidItem();
            });
        }

        private Uni<Void> refuse(WebSocketConnection connection, int status, String reason, String message) {
            return connection.sendText(error(status, reason, message)).chain(() -> connection.close());
        }

        String error(int status, String reason, String message) {
            ObjectNode out = mapper.createObjectNode().put("type", "error");
            out.putObject("error").put("status", status).put("reason", reason).put("message", message);
            return out.toString();
        }

        void message(WebSocketConnection connection, String text) {
            WsClient client = hub.client(connection);
            if (client == null) {
                return;
            }
            JsonNode msg;
            try {
                msg = mapper.readTree(text);
            } catch (Exception e) {
                client.send(error(400, "INVALID_ARGUMENT", "message is not JSON"));
                return;
            }
            String type = msg.path("type").asText("");
            if (!type.equals("subscribe") && !type.equals("unsubscribe") || !msg.path("topics").isArray()) {
                client.send(error(400, "INVALID_ARGUMENT", "expected {\"type\":\"subscribe\"|\"unsubscribe\",\"topics\":[...]}"));
                return;
            }
            List<String> accepted = new ArrayList<>();
            for (JsonNode t : msg.path("topics")) {
                String topicText = t.asText("");
                Topic topic;
                try {
                    topic = Topic.parse(topicText);
                } catch (Topic.Malformed e) {
                    client.send(error(403, "PERMISSION_DENIED", "topic " + topicText + ": " + e.getMessage()));
                    continue;
                }
                String refusal = topic.refusal(client.identity);
                if (refusal != null) {
                    client.send(error(403, "PERMISSION_DENIED", "topic " + topicText + ": " + refusal));
                    continue;
                }
                if (type.equals("subscribe")) {
                    client.topics.add(topic);
                } else {
                    client.topics.remove(topic);
                }
                accepted.add(topicText);
            }
            ObjectNode ack = mapper.createObjectNode().put("type", type.equals("subscribe") ? "subscribed" : "unsubscribed");
            accepted.forEach(ack.putArray("topics")::add);
            client.send(ack.toString());
        }

        void close(WebSocketConnection connection) {
            hub.unregister(connection);
        }

        static String query(String query, String name) {
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    return value.isBlank() ? null : value;
                }
            }
            return null;
        }
    }

    @WebSocket(path = "/v1.0/ws")
    public static class V10 {
        private final Handler handler;

        public V10(Handler handler) {
            this.handler = handler;
        }

        @OnOpen
        public Uni<Void> open(WebSocketConnection connection, HandshakeRequest request) {
            return handler.open(connection, request);
        }

        @OnTextMessage
        public void message(WebSocketConnection connection, String text) {
            handler.message(connection, text);
        }

        @OnClose
        public void close(WebSocketConnection connection) {
            handler.close(connection);
        }
    }

    @WebSocket(path = "/v1/ws")
    public static class V1 {
        private final Handler handler;

        public V1(Handler handler) {
            this.handler = handler;
        }

        @OnOpen
        public Uni<Void> open(WebSocketConnection connection, HandshakeRequest request) {
            return handler.open(connection, request);
        }

        @OnTextMessage
        public void message(WebSocketConnection connection, String text) {
            handler.message(connection, text);
        }

        @OnClose
        public void close(WebSocketConnection connection) {
            handler.close(connection);
        }
    }
}
