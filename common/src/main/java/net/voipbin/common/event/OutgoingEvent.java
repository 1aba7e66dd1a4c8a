package net.voipbin.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * Message metadata of an event on the outgoing channel ({@link EventChannels#OUTGOING}): what becomes
 * its AMQP properties and headers. Carried beside the envelope bytes rather than inside them, so the
 * outbox relay re-sends a stored event under its original id and time, and consumers de-duplicate it.
 *
 * @param customerId the tenant (header {@code customer_id}), or null for system events
 * @param requestId  the request being served when the event was published (header {@code x-request-id}), or null
 */
public record OutgoingEvent(UUID messageId, UUID customerId, Instant timestamp, String requestId) {
}
