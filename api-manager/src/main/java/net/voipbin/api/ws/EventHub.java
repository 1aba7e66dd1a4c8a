package net.voipbin.api.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import net.voipbin.api.config.ApiConfig;
import net.voipbin.api.auth.Identity;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.amqp.Exchanges;
import net.voipbin.common.amqp.Headers;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import net.voipbin.api.auth.Authenticator;
import net.voipbin.common.time.TimeFormat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds WebSocket clients: this instance's own exclusive, auto-delete queue
 * {@code bin-manager.api-manager.ws-<uuid>} bound to the managers' fanout event exchanges (declared
 * here too, durable fanout as common's outgoing event channel declares them). Each event whose customer
 * and resource match a client's topic is queued to that client as {@code {"type","data"}}; each client has a
 * bounded buffer and is disconnected when it is full, so a slow client never holds up the consumer.
 */
@ApplicationScoped
public class EventHub {

    private static final Logger LOG = Logger.getLogger(EventHub.class);

    private final AmqpConnection amqp;
    private final BrokerNames names;
    private final ApiConfig config;
    private final ObjectMapper mapper;
    private final String queue;
    private final Map<String, WsClient> clients = new ConcurrentHashMap<>();
    /** Open connections per customer, counted with the same lock-free map updates as register/unregister. */
    private final Map<UUID, Integer> perCustomer = new ConcurrentHashMap<>();
    private final Authenticator authenticator;
    private final Vertx vertx;
    private final AtomicBoolean rechecking = new AtomicBoolean();

    public EventHub(AmqpConnection amqp, BrokerNames names, ApiConfig config, ObjectMapper mapper,
                    Authenticator authenticator, Vertx vertx) {
        this.amqp = amqp;
        this.names = names;
        this.config = config;
        this.mapper = mapper;
        this.authenticator = authenticator;
        this.vertx = vertx;
        this.queue = names.qualify("bin-manager.api-manager.ws-" + UUID.randomUUID());
    }

    void onStart(@Observes StartupEvent event) {
        amqp.whenConnected(this::init);
        vertx.setPeriodic(config.ws().recheckInterval().toMillis(), id -> recheck());
    }

    /**
     * The identity of a socket was checked once, at the upgrade; a key revoked or an agent deleted since must
     * not go on receiving its customer's events. Every interval each client's identity is looked up again (one
     * indexed query each, the same as a request's) and the socket closed with 4401 when it no longer holds (the
     * token expired included), 4403 when its permission changed (its topics were granted under the old one).
     * A run never overlaps the previous one.
     */
    void recheck() {
        if (clients.isEmpty() || !rechecking.compareAndSet(false, true)) {
            return;
        }
        List<Uni<Void>> checks = new ArrayList<>();
        for (WsClient client : clients.values()) {
            checks.add(authenticator.recheck(client.identity).invoke(now -> {
                if (now == null) {
                    boolean expired = client.identity.notAfter() != null
                            && !TimeFormat.now().isBefore(client.identity.notAfter());
                    client.close(WsEndpoints.CLOSE_UNAUTHENTICATED, 401, expired ? "TOKEN_EXPIRED" : "CREDENTIALS_REVOKED",
                            expired ? "token expired" : "credentials revoked");
                } else if (now.permission() != client.identity.permission()) {
                    client.close(WsEndpoints.CLOSE_PERMISSION_CHANGED, 403, "PERMISSION_CHANGED",
                            "permission changed: reconnect");
                }
            }).onFailure().invoke(e -> LOG.debugf("WebSocket recheck failed, kept for the next run: %s", e.toString()))
                    .onFailure().recoverWithNull().replaceWithVoid());
        }
        Uni.join().all(checks).andFailFast().subscribe().with(
                done -> rechecking.set(false), e -> rechecking.set(false));
    }

    private void init(Connection connection) throws IOException {
        Channel ch = connection.createChannel();
        ch.queueDeclare(queue, false, true, true, null);
        for (String publisher : config.ws().publishers()) {
            String exchange = names.eventExchange(publisher.trim());
            Exchanges.useOrDeclare(connection, ch, exchange, "fanout");
            ch.queueBind(queue, exchange, "");
        }
        ch.basicConsume(queue, true, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                try {
                    dispatch(Headers.string(properties.getHeaders(), Headers.CUSTOMER_ID), body);
                } catch (RuntimeException e) {
                    LOG.debugf("dropping an unreadable event: %s", e.getMessage());
                }
            }
        });
        LOG.infof("WebSocket feed consuming %s from %s", queue, config.ws().publishers());
    }

    public String queue() {
        return queue;
    }

    public int clientCount() {
        return clients.size();
    }

    void dispatch(String customerHeader, byte[] body) {
        if (clients.isEmpty()) {
            return;
        }
        JsonNode envelope;
        try {
            envelope = mapper.readTree(body);
        } catch (IOException e) {
            return;
        }
        String type = envelope.path("type").asText("");
        JsonNode data = envelope.path("data");
        if (type.isEmpty()) {
            return;
        }
        String customerId = customerHeader != null && !customerHeader.isBlank() ? customerHeader
                : data.path("customer_id").asText("");
        if (customerId.isEmpty()) {
            return;
        }
        int underscore = type.indexOf('_');
        String resource = underscore > 0 ? type.substring(0, underscore) : type;
        String id = data.path("id").asText("");
        String ownerId = data.path("owner_id").asText("");
        String message = null;
        for (WsClient client : clients.values()) {
            if (client.matches(customerId, ownerId, resource, id)) {
                if (message == null) {
                    ObjectNode out = mapper.createObjectNode();
                    out.put("type", type);
                    out.set("data", data);
                    message = out.toString();
                }
                client.send(message);
            }
        }
    }

    /** The new client, or null when its customer already has the most connections allowed. */
    public WsClient register(WebSocketConnection connection, Identity identity) {
        int max = config.ws().maxConnectionsPerCustomer();
        boolean[] admitted = {false};
        perCustomer.compute(identity.customerId(), (id, open) -> {
            int now = open == null ? 0 : open;
            if (now >= max) {
                return open;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            return null;
        }
        WsClient client = new WsClient(connection, identity, config.ws().buffer(), () -> unregister(connection));
        clients.put(connection.id(), client);
        return client;
    }

    /** Open connections of {@code customerId} on this instance. */
    public int connections(UUID customerId) {
        return perCustomer.getOrDefault(customerId, 0);
    }

    public WsClient client(WebSocketConnection connection) {
        return clients.get(connection.id());
    }

    public void unregister(WebSocketConnection connection) {
        WsClient gone = clients.remove(connection.id());
        if (gone != null) {
            perCustomer.computeIfPresent(gone.identity.customerId(), (id, open) -> open <= 1 ? null : open - 1);
        }
    }
}
