package net.voipbin.common.event;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.amqp.Headers;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Publishes to this manager's durable fanout exchange {@code bin-manager.<svc>.event}, persistent, on one
 * channel in confirm mode over common's {@link AmqpConnection}. The channel is opened on the first
 * connect; the amqp-client's recovery re-opens it in confirm mode and re-declares the exchange after a
 * loss, and the publish sequence starts over then, so whatever waited for a confirm fails at the loss.
 */
final class ConfirmedPublisher {

    private static final Logger LOG = Logger.getLogger(ConfirmedPublisher.class);

    private final AmqpConnection amqp;
    private final BrokerNames names;
    private final Object lock = new Object();
    private final ConcurrentSkipListMap<Long, CompletableFuture<Void>> unconfirmed = new ConcurrentSkipListMap<>();
    private volatile Channel channel;

    ConfirmedPublisher(AmqpConnection amqp, BrokerNames names) {
        this.amqp = amqp;
        this.names = names;
    }

    void start() {
        amqp.whenConnected(this::init);
    }

    private void init(Connection connection) throws IOException {
        Channel ch = connection.createChannel();
        ch.exchangeDeclare(names.ownEventExchange(), "fanout", true, false, null);
        ch.confirmSelect();
        ch.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long tag, boolean multiple) {
                settle(tag, multiple, null);
            }

            @Override
            public void handleNack(long tag, boolean multiple) {
                settle(tag, multiple, new IOException("broker refused the event"));
            }
        });
        ch.addShutdownListener(cause -> failAll(new IOException("broker connection lost before confirm")));
        channel = ch;
    }

    String exchange() {
        return names.ownEventExchange();
    }

    /** True while an event published now can be confirmed. */
    boolean isReady() {
        Channel ch = channel;
        return ch != null && ch.isOpen() && amqp.isReady();
    }

    /** Publishes {@code body}; the future completes on the broker's confirm and fails on its refusal or a loss. */
    CompletableFuture<Void> publish(OutgoingEvent event, byte[] body) throws IOException {
        Channel ch = channel;
        if (ch == null || !amqp.isReady()) {
            throw new IOException("broker connection is not ready");
        }
        Map<String, Object> headers = new HashMap<>(2);
        if (event.customerId() != null) {
            headers.put(Headers.CUSTOMER_ID, event.customerId().toString());
        }
        // Consumers log and propagate the request id of the request that caused the event.
        if (event.requestId() != null) {
            headers.put(Headers.REQUEST_ID, event.requestId());
        }
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(event.messageId().toString())
                .timestamp(Date.from(event.timestamp()))
                .contentType("application/json")
                .deliveryMode(2)
                .appId(names.serviceName())
                .headers(headers)
                .build();
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        // The sequence number and the publish must not interleave with another publish on the channel.
        synchronized (lock) {
            long sequence = ch.getNextPublishSeqNo();
            unconfirmed.put(sequence, confirmed);
            try {
                ch.basicPublish(names.ownEventExchange(), "", properties, body);
            } catch (IOException | RuntimeException e) {
                unconfirmed.remove(sequence);
                throw e;
            }
        }
        return confirmed;
    }

    private void settle(long tag, boolean multiple, Exception failure) {
        ConcurrentNavigableMap<Long, CompletableFuture<Void>> settled =
                multiple ? unconfirmed.headMap(tag, true) : unconfirmed.subMap(tag, true, tag, true);
        settled.values().forEach(f -> {
            if (failure == null) {
                f.complete(null);
            } else {
                f.completeExceptionally(failure);
            }
        });
        settled.clear();
    }

    private void failAll(Exception failure) {
        if (!unconfirmed.isEmpty()) {
            LOG.warnf("%d events were not confirmed before the connection dropped", unconfirmed.size());
        }
        unconfirmed.values().forEach(f -> f.completeExceptionally(failure));
        unconfirmed.clear();
    }
}
