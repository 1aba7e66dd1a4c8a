package net.voipbin.common.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.amqp.Headers;
import net.voipbin.common.config.VoipbinConfig;
import net.voipbin.common.db.EventOutbox;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.RequestIds;
import net.voipbin.common.testing.Broker;
import net.voipbin.common.testing.OnVertx;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outgoing event channel against the machine's real RabbitMQ: a confirm acks, anything else nacks. */
@QuarkusTest
class EventOutgoingIT {

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
        await().atMost(Duration.ofSeconds(5)).until(this::outgoingReady);
    }

    private boolean outgoingReady() {
        HealthReport.ChannelInfo outgoing = connector.getReadiness().getChannels().stream()
                .filter(c -> c.getChannel().equals(EventChannels.OUTGOING)).findFirst().orElseThrow();
        return outgoing.isOk();
    }

    /**
     * A queue of the test's own bound to this manager's exchange. Declared on the service's connection, so
     * the amqp-client records it for recovery: the test deletes it, or a later recovery would try again.
     */
    private String watch(Channel ch, Map<String, Object> arguments) throws IOException {
        String queue = ch.queueDeclare("", false, true, true, arguments).getQueue();
        ch.queueBind(queue, names.ownEventExchange(), "");
        return queue;
    }

    /** Publishes on a duplicated context; the outcome says whether it came back on that same context. */
    private CompletableFuture<Boolean> publishOnContext(UUID messageId, UUID customer, Instant at, byte[] body, String requestId) {
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        OnVertx.run(vertx, () -> {
            Context caller = Vertx.currentContext();
            RequestIds.set(requestId);
            publisher.publishEnvelope(messageId, customer, at, body).subscribe().with(
                    ok -> outcome.complete(Vertx.currentContext() == caller),
                    failure -> outcome.completeExceptionally(Vertx.currentContext() == caller
                            ? failure : new AssertionError("failure delivered off the caller's context", failure)));
            return Uni.createFrom().voidItem();
        });
        return outcome;
    }

    @Test
    void aConfirmedEventIsAckedOnTheCallersContextWithTheAmqpPropertiesConsumersRead() throws Exception {
        UUID messageId = Ids.newId();
        UUID customer = Ids.newId();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        byte[] body = publisher.envelope("note", Map.of("key", "outgoing-props-1"));
        try (Channel ch = amqp.connection().createChannel()) {
            String queue = watch(ch, null);
            try {
                assertTrue(publishOnContext(messageId, customer, at, body, "rid-out-1").get(6, TimeUnit.SECONDS),
                        "the Uni completed on the caller's context");
                GetResponse got = ch.basicGet(queue, true);
                assertNotNull(got, "the broker had the event when it confirmed it");
                assertEquals(messageId.toString(), got.getProps().getMessageId());
                assertEquals(at, got.getProps().getTimestamp().toInstant());
                assertEquals("application/json", got.getProps().getContentType());
                assertEquals(2, got.getProps().getDeliveryMode());
                assertEquals("common-test", got.getProps().getAppId());
                assertEquals(customer.toString(), Headers.string(got.getProps().getHeaders(), Headers.CUSTOMER_ID));
                assertEquals("rid-out-1", Headers.string(got.getProps().getHeaders(), Headers.REQUEST_ID));
                JsonNode envelope = mapper.readTree(got.getBody());
                assertEquals("note", envelope.path("type").asText());
                assertEquals("common-test", envelope.path("publisher").asText());
                assertEquals("outgoing-props-1", envelope.path("data").path("key").asText());
            } finally {
                ch.queueDelete(queue);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.completed("outgoing-props-1") == 1);
    }

    @Test
    void anEventTheBrokerRefusesFailsThePublish() throws Exception {
        try (Channel ch = amqp.connection().createChannel()) {
            // A full queue that rejects new messages makes the broker nack the publish.
            String queue = watch(ch, Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
            try {
                CompletableFuture<Boolean> outcome = publishOnContext(Ids.newId(), Ids.newId(), Instant.now(),
                        publisher.envelope("note", Map.of("key", "outgoing-refused-1")), "rid-out-2");
                Throwable failure = failureOf(outcome);
                assertInstanceOf(IOException.class, failure);
                assertEquals("broker refused the event", failure.getMessage());
            } finally {
                ch.queueDelete(queue);
            }
        }
    }

    @Test
    void aPublishWhileTheConnectionIsDownFailsAndTheChannelIsBackAfterRecovery() throws Exception {
        assertTrue(Broker.closeConnections(config.namespace().orElseThrow()) >= 1, "no connection of ours to close");
        await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(5)).until(() -> !amqp.isReady());
        // The connection is re-opened after voipbin.amqp.recovery-interval (1 s): this publish is still refused.
        CompletableFuture<Boolean> whileDown = publishOnContext(Ids.newId(), Ids.newId(), Instant.now(),
                publisher.envelope("note", Map.of("key", "outgoing-down-1")), "rid-out-3");
        assertFalse(outgoingReady(), "readiness names the outgoing channel DOWN meanwhile");
        assertInstanceOf(IOException.class, failureOf(whileDown));

        long start = System.nanoTime();
        await().pollInterval(Duration.ofMillis(50)).atMost(Duration.ofSeconds(10)).until(this::outgoingReady);
        System.out.printf("outgoing channel ready after %d ms%n", (System.nanoTime() - start) / 1_000_000);
        publisher.publish("note", Ids.newId(), Map.of("key", "outgoing-after-1")).await().atMost(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.completed("outgoing-after-1") == 1);
        assertEquals(0, handler.attempts("outgoing-down-1"), "the refused event was not sent after all");
    }

    @Test
    void noOutboxEventIsLostWhenTheBrokerDropsTheConnectionWhileTheRelaySends() throws Exception {
        List<String> keys = new ArrayList<>();
        AtomicBoolean adding = new AtomicBoolean(true);
        AtomicInteger batches = new AtomicInteger();
        // Events keep arriving before, during and after the connection loss, so the relay is mid-batch at it.
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            while (adding.get()) {
                int batch = batches.getAndIncrement();
                List<String> added = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    added.add("outbox-loss-" + batch + "-" + i);
                }
                UUID customer = Ids.newId();
                OnVertx.run(vertx, () -> Panache.withTransaction(() -> Uni.join().all(added.stream()
                        .map(k -> outbox.add("note", customer, Map.of("key", k))).toList()).andFailFast()));
                synchronized (keys) {
                    keys.addAll(added);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        try {
            Thread.sleep(300);
            assertTrue(Broker.closeConnections(config.namespace().orElseThrow()) >= 1, "no connection of ours to close");
            await().atMost(Duration.ofSeconds(10)).until(() -> amqp.isReady() && outgoingReady());
            Thread.sleep(300);
        } finally {
            adding.set(false);
        }
        writer.get(10, TimeUnit.SECONDS);
        List<String> all;
        synchronized (keys) {
            all = List.copyOf(keys);
        }
        assertTrue(all.size() >= 100, "events written around the loss: " + all.size());
        await().atMost(Duration.ofSeconds(30)).until(() -> all.stream().allMatch(k -> handler.completed(k) >= 1));
        for (String key : all) {
            assertEquals(1, handler.completed(key), key + " processed once");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> OnVertx.run(vertx, () -> Panache.withSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT COUNT(*) FROM event_outbox", Long.class).getSingleResult()))) == 0L);
    }

    /** The failure a publish ended with, waited for no longer than a confirm may take. */
    private static Throwable failureOf(CompletableFuture<?> outcome) throws Exception {
        try {
            outcome.get(OutgoingSubscriber.CONFIRM_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            return e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
        }
        throw new AssertionError("the publish succeeded");
    }
}
