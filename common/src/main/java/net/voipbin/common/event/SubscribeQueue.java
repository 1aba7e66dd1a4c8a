package net.voipbin.common.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.Consumers;
import net.voipbin.common.amqp.Exchanges;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.amqp.Headers;
import net.voipbin.common.amqp.Queues;
import net.voipbin.common.rpc.EventLoopContexts;
import net.voipbin.common.rpc.RequestIds;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consumes one manager's subscribe queue; the only consumer of events, which the
 * {@link EventConnector} feeds into {@code @Incoming} channels. Topology, declared on every
 * (re)connect: the durable queue {@code bin-manager.<svc>.subscribe} bound to each publisher's fanout
 * exchange; one delay queue per retry step ({@code .retry.<n>}, message TTL, dead-lettered back to
 * the subscribe queue); and the parking queue {@code .dlq}. Each event runs on a fresh duplicated
 * Vert.x context (so {@code @WithTransaction} works) with its request id, inside the deduplicator's
 * transaction. It is acknowledged only after its handling committed, or after it was handed to the
 * next retry step or parked, so none is silently lost.
 */
public final class SubscribeQueue {

    private static final Logger LOG = Logger.getLogger(SubscribeQueue.class);

    private final AmqpConnection amqp;
    private final BrokerNames names;
    private final String queue;
    private final int prefetch;
    private final List<Duration> retryDelays;
    /** The sink of each publisher whose exchange the queue is bound to. */
    private final Map<String, EventSink> sinks;
    private final EventDeduplicator deduplicator;
    private final EventLoopContexts contexts;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object channelLock = new Object();
    private volatile Channel channel;
    private volatile String consumerTag;

    public SubscribeQueue(AmqpConnection amqp, BrokerNames names, int prefetch,
                          List<Duration> retryDelays, Map<String, EventSink> sinks, EventDeduplicator deduplicator,
                          EventLoopContexts contexts, ObjectMapper mapper, MeterRegistry registry) {
        this.amqp = amqp;
        this.names = names;
        this.queue = names.ownSubscribeQueue();
        this.prefetch = prefetch;
        this.retryDelays = List.copyOf(retryDelays);
        this.sinks = Map.copyOf(sinks);
        this.deduplicator = deduplicator;
        this.contexts = contexts;
        this.mapper = mapper;
        this.registry = registry;
    }

    public String queue() {
        return queue;
    }

    public String deadLetterQueue() {
        return queue + ".dlq";
    }

    String retryQueue(int step) {
        return queue + ".retry." + step;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** True while the queue's consumer is attached (readiness of the event channels). */
    public boolean isConsuming() {
        Channel ch = channel;
        return ch != null && ch.isOpen() && consumerTag != null && amqp.isReady();
    }

    public void start() {
        amqp.whenConnected(this::init);
    }

    private void init(Connection connection) throws IOException {
        Channel ch = connection.createChannel();
        Queues.declareDurable(ch, queue, amqp.settings());
        Set<String> publishers = new TreeSet<>(sinks.keySet());
        for (String publisher : publishers) {
            String exchange = names.eventExchange(publisher);
            Exchanges.useOrDeclare(connection, ch, exchange, "fanout");
            ch.queueBind(queue, exchange, "");
        }
        for (int step = 0; step < retryDelays.size(); step++) {
            Queues.declareDurable(ch, retryQueue(step), amqp.settings(), Map.of(
                    "x-message-ttl", retryDelays.get(step).toMillis(),
                    "x-dead-letter-exchange", "",
                    "x-dead-letter-routing-key", queue));
        }
        Queues.declareDurable(ch, deadLetterQueue(), amqp.settings());
        ch.basicQos(prefetch);
        channel = ch;
        // Our own tag: automatic recovery re-subscribes with it, so stop() can still cancel after a reconnect.
        consumerTag = ch.basicConsume(queue, false, queue + "#" + java.util.UUID.randomUUID(), new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                onDelivery(envelope.getDeliveryTag(), properties, body);
            }
        });
        LOG.infof("consuming events of %s on %s", publishers, queue);
    }

    /** Stops taking events, then waits up to {@code drain} for those being handled. */
    public void stop(Duration drain) {
        Consumers.cancelAndDrain(channel, consumerTag, inFlight, drain);
    }

    private void onDelivery(long tag, AMQP.BasicProperties properties, byte[] body) {
        int attempt = (int) Headers.number(properties.getHeaders(), Headers.RETRY_COUNT, 0);
        Event event;
        try {
            event = parse(properties, body, attempt);
        } catch (RuntimeException e) {
            // Unreadable now means unreadable forever: no retry can help, park it for a human.
            park(tag, properties, body, attempt, "unreadable event: " + e.getMessage());
            return;
        }
        EventSink sink = sinks.get(event.publisher());
        if (sink == null) {
            // Only a binding left from an older version delivers this: nobody here wants it.
            LOG.debugf("no channel for events of %s, dropping %s", event.publisher(), properties.getMessageId());
            count("ignored");
            ack(tag);
            return;
        }
        inFlight.incrementAndGet();
        contexts.newDuplicated().runOnContext(v -> {
            RequestIds.set(Headers.string(properties.getHeaders(), Headers.REQUEST_ID));
            Uni<Boolean> handled;
            try {
                handled = sink.deliver(event, handling -> event.messageId() == null
                        ? handling.get().replaceWith(true)
                        : deduplicator.runOnce(event.messageId(), handling));
            } catch (RuntimeException e) {
                handled = Uni.createFrom().failure(e);
            }
            handled.subscribe().with(
                    ran -> {
                        count(ran ? "processed" : "duplicate");
                        ack(tag);
                        inFlight.decrementAndGet();
                    },
                    failure -> {
                        retryOrPark(tag, properties, body, attempt, failure);
                        inFlight.decrementAndGet();
                    });
        });
    }

    private Event parse(AMQP.BasicProperties properties, byte[] body, int attempt) {
        JsonNode envelope;
        try {
            envelope = mapper.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
        if (envelope == null || !envelope.isObject() || !envelope.path("type").isTextual()) {
            throw new IllegalArgumentException("no envelope with a type");
        }
        String messageId = properties.getMessageId();
        String customerId = Headers.string(properties.getHeaders(), Headers.CUSTOMER_ID);
        return new Event(
                envelope.path("type").asText(),
                envelope.path("publisher").asText(""),
                envelope.path("data_type").asText(""),
                envelope.path("data"),
                messageId == null || messageId.isBlank() ? null : UUID.fromString(messageId),
                customerId == null || customerId.isBlank() ? null : UUID.fromString(customerId),
                properties.getTimestamp() == null ? null : Instant.ofEpochMilli(properties.getTimestamp().getTime()),
                attempt);
    }

    private void retryOrPark(long tag, AMQP.BasicProperties properties, byte[] body, int attempt, Throwable failure) {
        if (attempt >= retryDelays.size()) {
            park(tag, properties, body, attempt, String.valueOf(failure));
            return;
        }
        LOG.warnf("event %s failed (attempt %d), retrying in %s: %s",
                properties.getMessageId(), attempt + 1, retryDelays.get(attempt), failure.toString());
        if (republish(tag, retryQueue(attempt), properties, body, attempt + 1, null)) {
            count("retried");
        }
    }

    private void park(long tag, AMQP.BasicProperties properties, byte[] body, int attempt, String reason) {
        LOG.errorf("event %s parked in %s after %d attempts: %s",
                properties.getMessageId(), deadLetterQueue(), attempt + 1, reason);
        if (republish(tag, deadLetterQueue(), properties, body, attempt, reason)) {
            count("parked");
        }
    }

    /** Hands the event on to {@code target} and acknowledges it; on failure leaves it to redelivery. */
    private boolean republish(long tag, String target, AMQP.BasicProperties properties, byte[] body,
                              int attempt, String reason) {
        Map<String, Object> headers = properties.getHeaders() == null
                ? new HashMap<>() : new HashMap<>(properties.getHeaders());
        headers.put(Headers.RETRY_COUNT, attempt);
        headers.remove("x-death");
        if (reason != null) {
            headers.put("x-last-error", reason.length() > 1000 ? reason.substring(0, 1000) : reason);
        }
        AMQP.BasicProperties copy = properties.builder().headers(headers).deliveryMode(2).expiration(null).build();
        Channel ch = channel;
        try {
            synchronized (channelLock) {
                ch.basicPublish("", target, copy, body);
                ch.basicAck(tag, false);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("cannot move event %s to %s, it will be redelivered: %s",
                    properties.getMessageId(), target, e.getMessage());
            try {
                synchronized (channelLock) {
                    ch.basicNack(tag, false, true);
                }
            } catch (IOException | RuntimeException ignored) {
                // The channel is gone: the broker redelivers unacknowledged events anyway.
            }
            return false;
        }
    }

    private void ack(long tag) {
        Channel ch = channel;
        try {
            synchronized (channelLock) {
                ch.basicAck(tag, false);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("cannot ack event, it will be redelivered and deduplicated: %s", e.getMessage());
        }
    }

    private void count(String outcome) {
        if (registry == null) {
            return;
        }
        counters.computeIfAbsent(outcome, o -> Counter.builder("voipbin.events.in")
                .description("events consumed, by outcome (processed, duplicate, retried, parked, ignored)")
                .tag("queue", queue)
                .tag("outcome", o)
                .register(registry)).increment();
    }
}
