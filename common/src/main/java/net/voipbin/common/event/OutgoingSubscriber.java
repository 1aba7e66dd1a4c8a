package net.voipbin.common.event;

import io.micrometer.core.instrument.Counter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The outgoing channel's end in the {@link EventConnector}: publishes each message with its
 * {@link OutgoingEvent} metadata through the {@link ConfirmedPublisher}, acks it when the broker confirmed
 * it and nacks it when the broker refused it, no confirm came within 5 s, the connection was lost first, or
 * the connection is not ready; the sender ({@link EventPublisher}) learns the outcome from that.
 */
final class OutgoingSubscriber implements Flow.Subscriber<Message<?>> {

    private static final Logger LOG = Logger.getLogger(OutgoingSubscriber.class);
    static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);

    private final ConfirmedPublisher publisher;
    private final Counter published;
    private volatile boolean subscribed;

    /** {@code published} counts events handed to the broker; null without a metrics registry. */
    OutgoingSubscriber(ConfirmedPublisher publisher, Counter published) {
        this.publisher = publisher;
        this.published = published;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscribed = true;
        // Unbounded: a publish only waits for the socket, its confirm comes later. Bounded demand would
        // make the emitter buffer a burst (an outbox batch, many calls at once) and throw when full.
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(Message<?> message) {
        OutgoingEvent event = message.getMetadata(OutgoingEvent.class).orElse(null);
        if (event == null || !(message.getPayload() instanceof byte[] body)) {
            message.nack(new IllegalArgumentException("an event needs a byte[] envelope and OutgoingEvent metadata"));
            return;
        }
        try {
            publisher.publish(event, body)
                    .orTimeout(CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((ok, failure) -> {
                        if (failure == null) {
                            message.ack();
                        } else {
                            message.nack(cause(failure));
                        }
                    });
        } catch (IOException | RuntimeException e) {
            message.nack(e);
            return;
        }
        if (published != null) {
            published.increment();
        }
    }

    private static Throwable cause(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return t instanceof TimeoutException ? new IOException("no publisher confirm in time") : t;
    }

    @Override
    public void onError(Throwable failure) {
        subscribed = false;
        LOG.errorf(failure, "the outgoing event channel failed; events can no longer be published");
    }

    @Override
    public void onComplete() {
        // Reactive Messaging completes the channel at shutdown.
        subscribed = false;
    }

    /** True while the channel is wired and an event sent now can be confirmed. */
    boolean isReady() {
        return subscribed && publisher.isReady();
    }

    /** Where the events go, for the readiness report. */
    String exchange() {
        return publisher.exchange();
    }
}
