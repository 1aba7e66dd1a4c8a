package net.voipbin.common.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.RequestIds;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.time.Instant;
import java.util.UUID;

/**
 * Publishes this manager's events to its durable fanout exchange {@code bin-manager.<svc>.event},
 * persistent and with publisher confirms, through the outgoing channel {@link EventChannels#OUTGOING}
 * of the {@link EventConnector}: the returned {@code Uni} completes when the broker has taken the event
 * (the message is acked) and fails when it was not (nacked), continuing on the caller's Vert.x context.
 * The channel exists once Reactive Messaging has wired it at start-up; a send before that fails. Publish
 * after the state change commits; where losing an event would matter (billing, webhooks) write it to the
 * outbox instead ({@code net.voipbin.common.db.EventOutbox}).
 */
@ApplicationScoped
public class EventPublisher {

    private final MutinyEmitter<byte[]> emitter;
    private final BrokerNames names;
    private final ObjectMapper mapper;

    public EventPublisher(@Channel(EventChannels.OUTGOING) MutinyEmitter<byte[]> emitter, BrokerNames names,
                          ObjectMapper mapper) {
        this.emitter = emitter;
        this.names = names;
        this.mapper = mapper;
    }

    /** The JSON envelope of an event, as every consumer and outside subscriber reads it. */
    public byte[] envelope(String type, Object data) {
        ObjectNode envelope = mapper.createObjectNode();
        envelope.put("type", type);
        envelope.put("publisher", names.serviceName());
        envelope.put("data_type", "application/json");
        envelope.set("data", mapper.valueToTree(data));
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not serialisable: " + type, e);
        }
    }

    /** Publishes {@code data} as event {@code type}; emits the event's message id once confirmed. */
    public Uni<UUID> publish(String type, UUID customerId, Object data) {
        UUID messageId = Ids.newId();
        return Uni.createFrom().deferred(() -> publishEnvelope(messageId, customerId, Instant.now(), envelope(type, data)))
                .replaceWith(messageId);
    }

    /** Publishes an envelope built earlier (the outbox relay re-sends stored ones). */
    public Uni<Void> publishEnvelope(UUID messageId, UUID customerId, Instant timestamp, byte[] body) {
        // Read now, on the caller's context: the connector publishes on whichever thread subscribes.
        OutgoingEvent event = new OutgoingEvent(messageId, customerId, timestamp, RequestIds.current());
        // The emitter captures the caller's context now and resumes on it after the ack or nack.
        return emitter.sendMessage(Message.of(body, Metadata.of(event)));
    }
}
