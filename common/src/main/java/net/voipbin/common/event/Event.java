package net.voipbin.common.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * An event as it travels on the bus: the envelope {@code {type, publisher, data_type, data}} plus
 * the AMQP properties that go with it ({@code message_id}, {@code timestamp}, header {@code customer_id}).
 * {@code data} is the same JSON the REST API returns for the resource.
 */
public record Event(String type, String publisher, String dataType, JsonNode data,
                    UUID messageId, UUID customerId, Instant timestamp, int attempt) {
}
