package net.voipbin.common.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The channel's lanes without a broker: a subscriber that behaves like Reactive Messaging's mediator for a
 * {@code Uni} method (asks for one message, asks for the next once the previous one is acknowledged).
 */
class EventChannelTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** One mediator copy; holds messages unacknowledged until told to settle them. */
    private static final class Mediator implements Flow.Subscriber<Message<Event>> {
        final List<Message<Event>> received = new CopyOnWriteArrayList<>();
        private Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(Message<Event> message) {
            received.add(message);
        }

        void ackLast() {
            received.get(received.size() - 1).ack().thenRun(() -> subscription.request(1));
        }

        void nackLast(Throwable failure) {
            received.get(received.size() - 1).nack(failure).thenRun(() -> subscription.request(1));
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onComplete() {
        }
    }

    private static Event event(String type) {
        return new Event(type, "flow-manager", "application/json", JsonNodeFactory.instance.objectNode(),
                UUID.randomUUID(), UUID.randomUUID(), null, 0);
    }

    /** As SubscribeQueue runs a handling for an id it has not seen. */
    private static final EventSink.Once FIRST_TIME = handling -> handling.get().replaceWith(true);
    /** As SubscribeQueue does for a duplicate: the handling is never run. */
    private static final EventSink.Once DUPLICATE = handling -> Uni.createFrom().item(false);

    @Test
    void duplicatesDoNotUseUpTheLanesRequests() {
        EventChannel channel = new EventChannel("flow-manager-events", "flow-manager");
        Mediator mediator = new Mediator();
        channel.newLane().subscribe(mediator);

        for (int i = 0; i < 3; i++) {
            assertFalse(channel.deliver(event("activeflow_updated"), DUPLICATE).await().atMost(WAIT));
        }
        Uni<Boolean> handled = channel.deliver(event("activeflow_deleted"), FIRST_TIME);
        var result = handled.subscribeAsCompletionStage();
        assertEquals(1, mediator.received.size(), "the event after three duplicates still reaches the handler");
        assertEquals("activeflow_deleted", mediator.received.get(0).getPayload().type());
        mediator.ackLast();
        assertTrue(result.toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join());
    }

    @Test
    void aSecondEventWaitsForAFreeLaneAndAFailedHandlingFailsTheDelivery() {
        EventChannel channel = new EventChannel("flow-manager-events", "flow-manager");
        Mediator mediator = new Mediator();
        channel.newLane().subscribe(mediator);

        var first = channel.deliver(event("one"), FIRST_TIME).subscribeAsCompletionStage();
        var second = channel.deliver(event("two"), FIRST_TIME).subscribeAsCompletionStage();
        assertEquals(1, mediator.received.size(), "one lane, one event in its handler at a time");
        mediator.nackLast(new IllegalStateException("handler failed"));
        assertTrue(first.toCompletableFuture().orTimeout(5, TimeUnit.SECONDS)
                .handle((ok, failure) -> failure != null).join(), "a nack fails the delivery (retry path)");
        // The mediator asked again once the first message settled: the waiting event arrives.
        assertEquals(2, mediator.received.size());
        assertEquals("two", mediator.received.get(1).getPayload().type());
        mediator.ackLast();
        assertTrue(second.toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join());
    }
}
