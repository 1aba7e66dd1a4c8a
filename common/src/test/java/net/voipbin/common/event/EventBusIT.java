package net.voipbin.common.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.config.VoipbinConfig;
import net.voipbin.common.db.EventOutbox;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.EventLoopContexts;
import net.voipbin.common.rpc.RequestIds;
import net.voipbin.common.testing.OnVertx;
import net.voipbin.common.support.TestNote;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events through the machine's real RabbitMQ, handled in MariaDB transactions. */
@QuarkusTest
class EventBusIT {

    @Inject
    EventPublisher publisher;
    @Inject
    @Connector(EventConnector.NAME)
    EventConnector connector;
    @Inject
    RecordingEventHandler handler;
    @Inject
    EventOutbox outbox;
    @Inject
    AmqpConnection amqp;
    @Inject
    BrokerNames names;
    @Inject
    VoipbinConfig config;
    @Inject
    ObjectMapper mapper;
    @Inject
    Vertx vertx;

    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(20)).until(amqp::isReady);
    }

    private void publish(String type, String key) {
        publisher.publish(type, Ids.newId(), Map.of("key", key)).await().atMost(Duration.ofSeconds(5));
    }

    private long notes(String key) {
        return OnVertx.run(vertx, () -> Panache.withSession(() -> TestNote.count("text", key)));
    }

    /** A second consuming manager ("other-test") in this JVM, on its own connection, its sink a plain function. */
    private static final class OtherService implements AutoCloseable {
        final AmqpConnection connection;
        final SubscribeQueue consumer;

        OtherService(VoipbinConfig config, BrokerNames names, ObjectMapper mapper, Vertx vertx, Function<Event, Uni<Void>> handler) {
            String namespace = config.namespace().orElseThrow();
            connection = new AmqpConnection(config.amqp(), "other-test " + namespace);
            EventSink sink = (event, once) -> once.run(() -> handler.apply(event));
            consumer = new SubscribeQueue(connection, new BrokerNames(namespace, "other-test"), 8, config.events().retryDelays(), Map.of("common-test", sink), new InMemoryEventDeduplicator(1000),
                    new EventLoopContexts(vertx, 2), mapper, null);
            connection.start();
            consumer.start();
            await().atMost(Duration.ofSeconds(20)).until(connection::isReady);
        }

        @Override
        public void close() {
            consumer.stop(Duration.ofSeconds(1));
            connection.close();
        }
    }

    private static Function<Event, Uni<Void>> handlerOf(Map<String, AtomicInteger> seen, CountDownLatch received, boolean hang) {
        return event -> {
            received.countDown();
            if (hang) {
                return Uni.createFrom().nothing();
            }
            seen.computeIfAbsent(event.data().path("key").asText(), k -> new AtomicInteger()).incrementAndGet();
            return Uni.createFrom().voidItem();
        };
    }

    @Test
    void onePublishReachesTwoConsumerServicesAndCarriesTheEnvelope() {
        Map<String, AtomicInteger> otherSeen = new ConcurrentHashMap<>();
        try (OtherService other = new OtherService(config, names, mapper, vertx, handlerOf(otherSeen, new CountDownLatch(1), false))) {
            publish("note", "fanout-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> handler.completed("fanout-1") == 1
                    && otherSeen.getOrDefault("fanout-1", new AtomicInteger()).get() == 1);
            assertEquals(1, notes("fanout-1"), "the handler's write committed once");
        }
    }

    @Test
    void handlerFailingTwiceIsRetriedAndProcessedOnce() {
        publish("flaky", "flaky-1");
        await().atMost(Duration.ofSeconds(15)).until(() -> handler.completed("flaky-1") == 1);
        assertEquals(3, handler.attempts("flaky-1"));
        assertEquals(1, notes("flaky-1"));
    }

    @Test
    void handlerThatAlwaysFailsEndsInTheDlqAndIsCounted() throws Exception {
        publish("poison", "poison-1");
        String dlq = connector.subscribeQueue().deadLetterQueue();
        try (Channel ch = amqp.connection().createChannel()) {
            await().atMost(Duration.ofSeconds(15)).until(() -> ch.queueDeclarePassive(dlq).getMessageCount() >= 1);
            assertEquals(1, ch.queueDeclarePassive(dlq).getMessageCount());
            var parked = ch.basicGet(dlq, true);
            assertEquals("3", String.valueOf(parked.getProps().getHeaders().get("x-retry-count")));
            assertTrue(new String(parked.getBody()).contains("poison-1"));
        }
        assertEquals(4, handler.attempts("poison-1"), "first try plus three retries");
        assertEquals(0, notes("poison-1"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("voipbin_events_in_total{outcome=\"parked\",queue=\"" + connector.subscribeQueue().queue() + "\"} 1.0"));
    }

    @Test
    void requestIdOfThePublisherReachesTheHandler() {
        OnVertx.run(vertx, () -> {
            RequestIds.set("rid-events-1");
            return publisher.publish("note", Ids.newId(), Map.of("key", "rid-1"));
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.completed("rid-1") == 1);
        assertEquals("rid-events-1", handler.requestId("rid-1"));
    }

    @Test
    void duplicateMessageIdIsProcessedOnce() {
        UUID messageId = Ids.newId();
        byte[] body = publisher.envelope("note", Map.of("key", "dup-1"));
        for (int i = 0; i < 3; i++) {
            publisher.publishEnvelope(messageId, Ids.newId(), Instant.now(), body).await().atMost(Duration.ofSeconds(5));
        }
        publish("note", "dup-marker");
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.completed("dup-marker") == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> handler.completed("dup-1") == 1);
        assertEquals(1, notes("dup-1"));
        given().get("/q/metrics").then().body(containsString("outcome=\"duplicate\""));
    }

    @Test
    void consumerKilledBeforeAckGetsTheEventRedelivered() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        OtherService dying = new OtherService(config, names, mapper, vertx, handlerOf(new ConcurrentHashMap<>(), received, true));
        publish("note", "redeliver-1");
        assertTrue(received.await(10, TimeUnit.SECONDS), "the dying consumer got the event");
        dying.connection.close(); // the process dies with the event unacknowledged
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        try (OtherService survivor = new OtherService(config, names, mapper, vertx, handlerOf(seen, new CountDownLatch(1), false))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.getOrDefault("redeliver-1", new AtomicInteger()).get() == 1);
        }
    }

    @Test
    void outboxEventIsPublishedAfterCommitAndNotAfterRollback() {
        UUID customer = Ids.newId();
        OnVertx.run(vertx, () -> Panache.withTransaction(() -> outbox.add("note", customer, Map.of("key", "outbox-1"))));
        try {
            OnVertx.run(vertx, () -> Panache.withTransaction(() -> outbox.add("note", customer, Map.of("key", "outbox-rolled-back"))
                    .chain(() -> Uni.createFrom().failure(new IllegalStateException("rollback")))));
        } catch (RuntimeException expected) {
            // the state change failed, so its event must never be seen
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.completed("outbox-1") == 1);
        publish("note", "outbox-marker");
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.completed("outbox-marker") == 1);
        assertEquals(0, handler.attempts("outbox-rolled-back"));
        assertEquals(0L, (long) OnVertx.run(vertx, () -> Panache.withSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT COUNT(*) FROM event_outbox", Long.class).getSingleResult()))));
    }

    @Inject
    net.voipbin.common.db.DatabaseEventDeduplicator inbox;

    @Test
    void handledMessageIdsAreForgottenAfterTheRetention() {
        UUID old = Ids.newId();
        UUID recent = Ids.newId();
        OnVertx.run(vertx, () -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "INSERT INTO event_inbox (message_id, tm_processed) VALUES (UNHEX(REPLACE(?1, '-', '')), UTC_TIMESTAMP(6) - INTERVAL 8 DAY), "
                                + "(UNHEX(REPLACE(?2, '-', '')), UTC_TIMESTAMP(6) - INTERVAL 1 DAY)")
                .setParameter(1, old.toString()).setParameter(2, recent.toString()).executeUpdate())));
        assertTrue(OnVertx.run(vertx, inbox::forgetOld) >= 1);
        long left = OnVertx.run(vertx, () -> Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "SELECT COUNT(*) FROM event_inbox WHERE message_id IN (UNHEX(REPLACE(?1, '-', '')), UNHEX(REPLACE(?2, '-', '')))", Long.class)
                .setParameter(1, old.toString()).setParameter(2, recent.toString()).getSingleResult())));
        assertEquals(1L, left, "the 8-day-old id is forgotten, the 1-day-old one kept");
    }
}
