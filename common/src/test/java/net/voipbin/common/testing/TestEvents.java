package net.voipbin.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.amqp.Headers;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes an event on another manager's exchange exactly as that manager's publisher does (envelope
 * {@code {type, publisher, data_type, data}}, persistent, {@code message_id}, {@code customer_id} header), so a
 * consumer under test meets the bytes it meets in production without the publishing manager running.
 */
public final class TestEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestEvents() {
    }

    public static void publish(AmqpConnection amqp, BrokerNames names, String publisher, String type, UUID customerId,
                               JsonNode data, UUID messageId) throws Exception {
        ServiceChecks.awaitBroker(amqp);
        try (Channel ch = amqp.connection().createChannel()) {
            send(ch, names, publisher, type, customerId, data, messageId);
        }
    }

    /**
     * A burst: every {@code data} as its own event (a new message id each) on one channel, returning
     * once the broker confirmed them all, so the consumer meets them as fast as the broker delivers.
     */
    public static void publishAll(AmqpConnection amqp, BrokerNames names, String publisher, String type, UUID customerId,
                                  List<? extends JsonNode> data) throws Exception {
        ServiceChecks.awaitBroker(amqp);
        try (Channel ch = amqp.connection().createChannel()) {
            ch.confirmSelect();
            for (JsonNode d : data) {
                send(ch, names, publisher, type, customerId, d, UUID.randomUUID());
            }
            ch.waitForConfirmsOrDie(30_000);
        }
    }

    private static void send(Channel ch, BrokerNames names, String publisher, String type, UUID customerId,
                             JsonNode data, UUID messageId) throws Exception {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("type", type);
        envelope.put("publisher", publisher);
        envelope.put("data_type", "application/json");
        envelope.set("data", data);
        ch.basicPublish(names.eventExchange(publisher), "", new AMQP.BasicProperties.Builder()
                        .messageId(messageId.toString()).contentType("application/json").deliveryMode(2)
                        .timestamp(new Date()).appId(publisher)
                        .headers(Map.of(Headers.CUSTOMER_ID, customerId.toString())).build(),
                JSON.writeValueAsBytes(envelope));
    }
}
