package net.voipbin.common.event;

import io.smallrye.mutiny.Uni;

import java.util.function.Supplier;

/**
 * Where the {@link SubscribeQueue} hands an event: in a service, an {@code @Incoming} channel of the
 * {@link EventConnector}. The sink first waits for a free handler and only then runs the handling
 * through {@code once}, so the inbox transaction {@code once} opens holds a database connection only
 * while the handler really works, not while the event queues for one.
 */
@FunctionalInterface
public interface EventSink {

    /** Emits true when the handling ran and committed, false when {@code once} found the event done already. */
    Uni<Boolean> deliver(Event event, Once once);

    /** Runs a handling at most once per message id, in one transaction with remembering that id. */
    @FunctionalInterface
    interface Once {
        Uni<Boolean> run(Supplier<Uni<Void>> handling);
    }
}
