package net.voipbin.common.event;

import io.smallrye.mutiny.Uni;

import java.util.UUID;
import java.util.function.Supplier;

/** Runs an event's handling once per message id, atomically with remembering that it ran. */
public interface EventDeduplicator {

    /** Emits true when {@code work} ran (and committed), false when the message id was already processed. */
    Uni<Boolean> runOnce(UUID messageId, Supplier<Uni<Void>> work);
}
