package net.voipbin.common.db;

import java.time.Instant;
import java.util.UUID;

/** A due timer as handed to its {@link TimerHandler}; {@code key} names what it is about (e.g. a call id). */
public record DurableTimer(UUID id, String kind, String key, UUID customerId, String payload, Instant fireAt,
                           int attempts) {
}
