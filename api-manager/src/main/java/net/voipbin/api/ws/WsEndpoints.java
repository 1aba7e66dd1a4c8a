package net.voipbin.api.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.api.auth.Identity;
import net.voipbin.api.config.ApiConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * WebSocket {@code /v1.0/ws} (and {@code /v1/ws}): authenticate with {@code ?ticket=} (from
 * {@code POST /v1.0/ws/tickets}) or an Authorization header ({@link WsUpgradeCheck}); then {@code {"type":"subscribe"|"unsubscribe","topics":[...]}} with topics
 * {@code customer_id:<id>[:<resource>[:<id>|*]]} or {@code agent_id:<id>[:<resource>[:<id>|*]]}. Events
 * arrive as {@code {"type":"<event type>","data":{...}}}; subscriptions are acknowledged with
 * {@code {"type":"subscribed","topics":[...]}}; refused topics with an {@code {"type":"error",...}} frame.
 */
public final class WsEndpoints {

    /** Close codes (application range 4000-4999): the HTTP status they stand for, plus 4000. */
    public static final int CLOSE_UNAUTHENTICATED = 4401;
    public static final int CLOSE_PERMISSION_CHANGED = 4403;
    public static final int CLOSE_TOO_MANY = 4429;
    /** RFC 6455's "message too big". */
    public static final int CLOSE_TOO_BIG = 1009;
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(WsEndpoints.class);

    private WsEndpoints() {
    }

    @ApplicationScoped
    public static class Handler {
        private final EventHub hub;
        private static final ObjectMapper MAPPER = new ObjectMapper();
        private final int maxTopics;

        public Handler(EventHub hub, ApiConfig config) {
            this.hub = hub;
            this.maxTopics = config.ws().maxTopics();
        }

        /** {@link WsUpgradeCheck} has authenticated the upgrade; the customer's connection cap is taken here. */
        Uni<Void> open(WebSocketConnection connection) {
            Identity identity = connection.userData().get(WsUpgradeCheck.IDENTITY);
            if (identity == null) {
                return refuse(connection, 401, "AUTHENTICATION_REQUIRED", "authentication is required", CLOSE_UNAUTHENTICATED);
            }
            if (hub.register(connection, identity) == null) {
                // Two upgrades raced past the check's count: the later one is closed at once.
                return refuse(connection, 429, "TOO_MANY_CONNECTIONS", "too many WebSocket connections for this customer",
                        CLOSE_TOO_MANY);
            }
            return Uni.createFrom().voidItem();
        }

        private Uni<Void> refuse(WebSocketConnection connection, int status, String reason, String message, int code) {
            return connection.sendText(error(status, reason, message))
                    .chain(() -> connection.close(new CloseReason(code, message)));
        }

        static String error(int status, String reason, String message) {
            ObjectNode out = MAPPER.createObjectNode().put("type", "error");
            // The REST error shape: canonical status, specific reason (passed in as the canonical name by callers
            // that have nothing more specific).
            out.putObject("error").put("status", net.voipbin.api.rest.error.ErrorReasons.canonical(status))
                    .put("reason", reason).put("message", message);
            return out.toString();
        }

        void message(WebSocketConnection connection, String text) {
            WsClient client = hub.client(connection);
            if (client == null) {
                return;
            }
            JsonNode msg;
            try {
                msg = MAPPER.readTree(text);
            } catch (Exception e) {
                client.send(error(400, "INVALID_MESSAGE", "message is not JSON"));
                return;
            }
            String type = msg.path("type").asText("");
            if (!type.equals("subscribe") && !type.equals("unsubscribe") || !msg.path("topics").isArray()) {
                client.send(error(400, "INVALID_MESSAGE", "expected {\"type\":\"subscribe\"|\"unsubscribe\",\"topics\":[...]}"));
                return;
            }
            List<String> accepted = new ArrayList<>();
            for (JsonNode t : msg.path("topics")) {
                String topicText = t.asText("");
                Topic topic;
                try {
                    topic = Topic.parse(topicText);
                } catch (Topic.Malformed e) {
                    client.send(error(403, "TOPIC_NOT_ALLOWED", "topic " + topicText + ": " + e.getMessage()));
                    continue;
                }
                String refusal = topic.refusal(client.identity);
                if (refusal != null) {
                    client.send(error(403, "TOPIC_NOT_ALLOWED", "topic " + topicText + ": " + refusal));
                    continue;
                }
                if (type.equals("subscribe")) {
                    if (!client.topics.contains(topic) && client.topics.size() >= maxTopics) {
                        client.send(error(429, "TOO_MANY_TOPICS", "topic " + topicText + ": at most " + maxTopics
                                + " topics per connection"));
                        continue;
                    }
                    client.topics.add(topic);
                } else {
                    client.topics.remove(topic);
                }
                accepted.add(topicText);
            }
            ObjectNode ack = MAPPER.createObjectNode().put("type", type.equals("subscribe") ? "subscribed" : "unsubscribed");
            accepted.forEach(ack.putArray("topics")::add);
            client.send(ack.toString());
        }

        void close(WebSocketConnection connection) {
            hub.unregister(connection);
        }

        /**
         * A client message above {@code quarkus.websockets-next.server.max-message-size} (or a frame above
         * max-frame-size) is refused by Vert.x before it is buffered whole; the socket is closed with 1009 and
         * the reason, rather than logged as an unhandled error with a stack trace (a flood of those is a log DoS).
         */
        Uni<Void> failed(WebSocketConnection connection, Throwable failure) {
            String text = String.valueOf(failure.getMessage());
            boolean tooBig = text.contains("max message size") || text.contains("Max frame length");
            hub.unregister(connection);
            if (!tooBig) {
                LOG.warnf("WebSocket %s failed: %s", connection.id(), failure.toString());
            }
            String message = tooBig ? "message too big" : "internal error";
            return connection.sendText(error(tooBig ? 400 : 500, tooBig ? "MESSAGE_TOO_LARGE" : "INTERNAL_ERROR", message))
                    .onFailure().recoverWithNull()
                    .chain(() -> connection.close(new CloseReason(tooBig ? CLOSE_TOO_BIG : 1011, message)))
                    .onFailure().recoverWithNull();
        }
    }

    @WebSocket(path = "/v1.0/ws")
    public static class V10 {
        private final Handler handler;

        public V10(Handler handler) {
            this.handler = handler;
        }

        @OnOpen
        public Uni<Void> open(WebSocketConnection connection) {
            return handler.open(connection);
        }

        @OnTextMessage
        public void message(WebSocketConnection connection, String text) {
            handler.message(connection, text);
        }

        @OnClose
        public void close(WebSocketConnection connection) {
            handler.close(connection);
        }

        @OnError
        public Uni<Void> error(WebSocketConnection connection, Throwable failure) {
            return handler.failed(connection, failure);
        }
    }

    @WebSocket(path = "/v1/ws")
    public static class V1 {
        private final Handler handler;

        public V1(Handler handler) {
            this.handler = handler;
        }

        @OnOpen
        public Uni<Void> open(WebSocketConnection connection) {
            return handler.open(connection);
        }

        @OnTextMessage
        public void message(WebSocketConnection connection, String text) {
            handler.message(connection, text);
        }

        @OnClose
        public void close(WebSocketConnection connection) {
            handler.close(connection);
        }

        @OnError
        public Uni<Void> error(WebSocketConnection connection, Throwable failure) {
            return handler.failed(connection, failure);
        }
    }
}
