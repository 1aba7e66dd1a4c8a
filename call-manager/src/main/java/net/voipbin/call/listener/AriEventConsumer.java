package net.voipbin.call.listener;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import net.voipbin.call.config.CallConfig;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.amqp.Consumers;
import net.voipbin.common.amqp.Exchanges;
import net.voipbin.common.amqp.Queues;
import net.voipbin.common.db.Deadlocks;
import net.voipbin.common.rpc.EventLoopContexts;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consumes ARI events from asterisk-proxy's partitions {@code asterisk.all.event.<n>} (single active
 * consumer each, so one replica owns a partition at a time). Within a partition frames are handled
 * strictly one after another, in order, and acknowledged only after their handling finished: a
 * replica that dies mid-frame leaves it to the next owner of the partition.
 */
@ApplicationScoped
public class AriEventConsumer {

    private static final Logger LOG = Logger.getLogger(AriEventConsumer.class);

    private final AmqpConnection amqp;
    private final BrokerNames names;
    private final CallConfig config;
    private final AriEventRouter router;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final List<Partition> partitions = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private EventLoopContexts contexts;

    public AriEventConsumer(AmqpConnection amqp, BrokerNames names, CallConfig config, AriEventRouter router,
                            ObjectMapper json, Vertx vertx) {
        this.amqp = amqp;
        this.names = names;
        this.config = config;
        this.router = router;
        this.json = json;
        this.vertx = vertx;
    }

    void onStart(@Observes @Priority(110) StartupEvent event) {
        contexts = new EventLoopContexts(vertx, Runtime.getRuntime().availableProcessors());
        amqp.whenConnected(this::init);
    }

    void onStop(@Observes @Priority(95) ShutdownEvent event) {
        // Stop every partition first, then wait once for the frames in hand (not 16 waits in a row).
        for (Partition p : partitions) {
            Consumers.cancelAndDrain(p.channel, p.tag, inFlight, Duration.ZERO);
        }
        Consumers.cancelAndDrain(null, null, inFlight, Duration.ofSeconds(5));
    }

    public String partitionQueue(int n) {
        return names.ariEventPartitionQueue(n);
    }

    private synchronized void init(Connection connection) throws IOException {
        partitions.clear();
        String exchange = names.ariEventExchange();
        for (int n = 0; n < config.ariPartitions(); n++) {
            Channel ch = connection.createChannel();
            // asterisk-proxy's exchange (same arguments, whichever starts first); the partition queues are both's.
            Exchanges.useOrDeclare(connection, ch, exchange, "direct");
            String queue = partitionQueue(n);
            Queues.declareDurable(ch, queue, amqp.settings(), Map.of("x-single-active-consumer", true));
            ch.queueBind(queue, exchange, Integer.toString(n));
            ch.basicQos(32);
            Partition p = new Partition(ch);
            p.tag = ch.basicConsume(queue, false, queue + "#" + UUID.randomUUID(), new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    p.offer(envelope.getDeliveryTag(), body);
                }
            });
            partitions.add(p);
        }
        LOG.infof("consuming ARI events from %d partitions of %s", partitions.size(), exchange);
    }

    /** One partition: a FIFO of frames handled one at a time. */
    private final class Partition {
        final Channel channel;
        volatile String tag;
        private final ArrayDeque<long[]> tags = new ArrayDeque<>();
        private final ArrayDeque<byte[]> bodies = new ArrayDeque<>();
        private boolean running;

        Partition(Channel channel) {
            this.channel = channel;
        }

        void offer(long deliveryTag, byte[] body) {
            inFlight.incrementAndGet();
            synchronized (this) {
                tags.add(new long[]{deliveryTag});
                bodies.add(body);
                if (running) {
                    return;
                }
                running = true;
            }
            drain();
        }

        private void drain() {
            long deliveryTag;
            byte[] body;
            synchronized (this) {
                if (tags.isEmpty()) {
                    running = false;
                    return;
                }
                deliveryTag = tags.poll()[0];
                body = bodies.poll();
            }
            contexts.newDuplicated().runOnContext(v -> handle(body).subscribe().with(
                    ok -> finish(deliveryTag),
                    failure -> {
                        LOG.warnf(failure, "ARI event not handled: %s", new String(body, java.nio.charset.StandardCharsets.UTF_8));
                        finish(deliveryTag);
                    }));
        }

        private void finish(long deliveryTag) {
            try {
                channel.basicAck(deliveryTag, false);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("ack of ARI event failed (it will come again): %s", e.getMessage());
            }
            inFlight.decrementAndGet();
            drain();
        }
    }

    private Uni<Void> handle(byte[] body) {
        JsonNode envelope;
        try {
            envelope = json.readTree(body);
        } catch (IOException e) {
            LOG.warnf("unreadable ARI envelope dropped: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        // A frame's handling is one or more short transactions; losing a deadlock re-runs it.
        return Deadlocks.retry(() -> router.route(envelope.path("asterisk_id").asText(""), envelope.path("data")));
    }
}
