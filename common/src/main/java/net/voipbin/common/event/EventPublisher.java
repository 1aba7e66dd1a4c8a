package net.voipbin.common.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.amqp.Headers;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.RequestIds;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Publishes this manager's events to its durable fanout exchange {@code bin-manager.<svc>.event},
 * persistent and with publisher confirms: the returned {@code Uni} completes when the broker has
 * taken the event. Publish after the state change commits; where losing an event would matter
 * (billing, webhooks) write it to the outbox instead ({@code net.voipbin.common.db.EventOutbox}).
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);

    private final AmqpConnection amqp;
    private final BrokerNames names;
    private final ObjectMapper mapper;
    private final Counter published;
    private final Object lock = new Object();
    private final ConcurrentSkipListMap<Long, CompletableFuture<Void>> unconfirmed = new ConcurrentSkipListMap<>();
    private volatile Channel channel;

    @Inject
    public EventPublisher(AmqpConnection amqp, BrokerNames names, ObjectMapper mapper, Instance<MeterRegistry> registry) {
        this.amqp = amqp;
        this.names = names;
        this.mapper = mapper;
        this.published = registry.isResolvable()
                ? Counter.builder("voipbin.events.out").description("events published").register(registry.get())
                : null;
    }

    void onStart(@Observes @Priority(30) StartupEvent event) {
        amqp.whenConnected(this::init);
    }

    private void init(Connection connection) throws IOException {
        Channel ch = connection.createChannel();
        ch.exchangeDeclare(names.ownEventExchange(), "fanout", true, false, null);
        ch.confirmSelect();
        ch.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long tag, boolean multiple) {
                settle(tag, multiple, null);
            }

            @Override
            public void handleNack(long tag, boolean multiple) {
                settle(tag, multiple, new IOException("broker refused the event"));
            }
        });
        // After a connection loss the sequence restarts: what was waiting will never be confirmed.
        ch.addShutdownListener(cause -> failAll(new IOException("broker connection lost before confirm")));
        channel = ch;
    }

    /** The JSON envelope of an event, as every consumer and outside subscriber reads it. */
    public byte[] envelope(String type, Object data) {
        ObjectNode envelope = mapper.createObjectNode();
        envelope.put("type", type);
        envelope.put("publisher", names.serviceName());
        envelope.put("data_type", "application/json");
        envelope.set("data", mapper.valueToTree(data));
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not serialisable: " + type, e);
        }
    }

    /** Publishes {@code data} as event {@code type}; emits the event's message id once confirmed. */
    public Uni<UUID> publish(String type, UUID customerId, Object data) {
        UUID messageId = Ids.newId();
        return Uni.createFrom().deferred(() -> publishEnvelope(messageId, customerId, Instant.now(), envelope(type, data)))
                .replaceWith(messageId);
    }

    /** Publishes an envelope built earlier (the outbox relay re-sends stored ones). */
    public Uni<Void> publishEnvelope(UUID messageId, UUID customerId, Instant timestamp, byte[] body) {
        Context caller = Vertx.currentContext();
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        try {
            send(messageId, customerId, timestamp, body, confirmed);
        } catch (IOException | RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        Uni<Void> uni = Uni.createFrom().completionStage(confirmed)
                .ifNoItem().after(CONFIRM_TIMEOUT).failWith(() -> new IOException("no publisher confirm in time"));
        // The confirm arrives on an amqp-client thread; continue where the caller was.
        return caller == null ? uni : uni.emitOn(r -> caller.runOnContext(v -> r.run()));
    }

    private void send(UUID messageId, UUID customerId, Instant timestamp, byte[] body, CompletableFuture<Void> confirmed)
            throws IOException {
        Channel ch = channel;
        if (ch == null || !amqp.isReady()) {
            throw new IOException("broker connection is not ready");
        }
        Map<String, Object> headers = new HashMap<>(2);
        if (customerId != null) {
            headers.put(Headers.CUSTOMER_ID, customerId.toString());
        }
        // Published while serving a request: consumers log and propagate the same request id.
        String requestId = RequestIds.current();
        if (requestId != null) {
            headers.put(Headers.REQUEST_ID, requestId);
        }
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(messageId.toString())
                .timestamp(Date.from(timestamp))
                .contentType("application/json")
                .deliveryMode(2)
                .appId(names.serviceName())
                .headers(headers)
                .build();
        synchronized (lock) {
            long sequence = ch.getNextPublishSeqNo();
            unconfirmed.put(sequence, confirmed);
            try {
                ch.basicPublish(names.ownEventExchange(), "", properties, body);
            } catch (IOException | RuntimeException e) {
                unconfirmed.remove(sequence);
                throw e;
            }
        }
        if (published != null) {
            published.increment();
        }
    }

    private void settle(long tag, boolean multiple, Exception failure) {
        ConcurrentNavigableMap<Long, CompletableFuture<Void>> settled =
                multiple ? unconfirmed.headMap(tag, true) : unconfirmed.subMap(tag, true, tag, true);
        settled.values().forEach(f -> {
            if (failure == null) {
                f.complete(null);
            } else {
                f.completeExceptionally(failure);
            }
        });
        settled.clear();
    }

    private void failAll(Exception failure) {
        if (!unconfirmed.isEmpty()) {
            LOG.warnf("%d events were not confirmed before the connection dropped", unconfirmed.size());
        }
        unconfirmed.values().forEach(f -> f.completeExceptionally(failure));
        unconfirmed.clear();
    }
}
