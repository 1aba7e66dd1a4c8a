package net.voipbin.common.event;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.providers.locals.LocalContextMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@code @Incoming} channel of the {@link EventConnector}: the events of one publisher. Reactive
 * Messaging runs a {@code Uni}-returning method one message at a time per subscription, so a channel
 * configured with {@code concurrency=N} gets N lanes (one subscription each) and an event goes to
 * whichever lane asked for the next message. The handler is invoked right when the event is emitted,
 * on the event's duplicated context and inside the inbox transaction that {@link SubscribeQueue}
 * opened, so its own {@code @WithTransaction} joins that transaction.
 */
final class EventChannel implements EventSink {

    private final String name;
    private final String publisher;
    private final List<Lane> lanes = new CopyOnWriteArrayList<>();
    /** Events waiting for a lane to ask for one; guarded by {@code this}. */
    private final Queue<CompletableFuture<Lane>> waiting = new ArrayDeque<>();

    EventChannel(String name, String publisher) {
        this.name = name;
        this.publisher = publisher;
    }

    String name() {
        return name;
    }

    String publisher() {
        return publisher;
    }

    /** A new lane, for one subscription of the channel (one per {@code concurrency} copy). */
    Flow.Publisher<Message<Event>> newLane() {
        Lane lane = new Lane();
        lanes.add(lane);
        return lane;
    }

    @Override
    public Uni<Boolean> deliver(Event event, Once once) {
        Context context = Vertx.currentContext();
        CompletableFuture<Void> settled = new CompletableFuture<>();
        return claim()
                // The lane's request arrives on another message's context: come back to this event's.
                .emitOn(task -> {
                    if (context == null || Vertx.currentContext() == context) {
                        task.run();
                    } else {
                        context.runOnContext(v -> task.run());
                    }
                })
                .chain(lane -> {
                    AtomicBoolean emitted = new AtomicBoolean();
                    return once.run(() -> {
                                emitted.set(true);
                                return lane.emit(event, context, settled);
                            })
                            // A duplicate (or a transaction that never began) used no message: the lane's
                            // request is still open, so give it back or the lane would wait forever.
                            .onTermination().invoke(() -> {
                                if (!emitted.get()) {
                                    lane.giveBack();
                                    offer(lane);
                                }
                            });
                })
                .onTermination().invoke(() -> settled.complete(null));
    }

    /** A lane that asked for a message, now or as soon as one asks. */
    private Uni<Lane> claim() {
        synchronized (this) {
            for (Lane lane : lanes) {
                if (lane.take()) {
                    return Uni.createFrom().item(lane);
                }
            }
            CompletableFuture<Lane> wait = new CompletableFuture<>();
            waiting.add(wait);
            return Uni.createFrom().completionStage(wait);
        }
    }

    private void offer(Lane lane) {
        CompletableFuture<Lane> next;
        synchronized (this) {
            if (waiting.isEmpty() || !lane.take()) {
                return;
            }
            next = waiting.poll();
        }
        next.complete(lane);
        offer(lane);
    }

    /** One subscription of the channel; Reactive Messaging's mediator is its only subscriber. */
    private final class Lane implements Flow.Publisher<Message<Event>> {

        private final AtomicLong demand = new AtomicLong();
        private volatile Flow.Subscriber<? super Message<Event>> subscriber;

        @Override
        public void subscribe(Flow.Subscriber<? super Message<Event>> s) {
            subscriber = s;
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    if (n > 0) {
                        demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                        offer(Lane.this);
                    }
                }

                @Override
                public void cancel() {
                    // Shutdown: the lane takes nothing more; unacknowledged events go back to the queue.
                    demand.set(Long.MIN_VALUE / 2);
                }
            });
        }

        /** Returns a unit of demand {@link #take} reserved but no message used. */
        void giveBack() {
            demand.getAndUpdate(d -> d >= 0 && d < Long.MAX_VALUE ? d + 1 : d);
        }

        /** Reserves one unit of demand. */
        boolean take() {
            return subscriber != null && demand.getAndUpdate(d -> d > 0 ? d - 1 : d) > 0;
        }

        /**
         * Emits the event on its context; the returned Uni completes when the handler acknowledged it
         * and fails when the handler failed. The message's own ack completes only once the event is
         * settled (committed or handed to a retry), so the lane asks for the next one after that.
         */
        Uni<Void> emit(Event event, Context context, CompletableFuture<Void> settled) {
            CompletableFuture<Void> handled = new CompletableFuture<>();
            Metadata metadata = context == null ? Metadata.empty() : Metadata.of(new LocalContextMetadata(context));
            Message<Event> message = Message.of(event, metadata,
                    () -> {
                        handled.complete(null);
                        return settled;
                    },
                    failure -> {
                        handled.completeExceptionally(failure);
                        return settled;
                    });
            // Reactive Streams wants onNext calls serialised per subscription.
            synchronized (this) {
                subscriber.onNext(message);
            }
            return Uni.createFrom().completionStage(handled);
        }
    }

    @Override
    public String toString() {
        return name + " (" + publisher + ", " + lanes.size() + " lanes)";
    }
}
