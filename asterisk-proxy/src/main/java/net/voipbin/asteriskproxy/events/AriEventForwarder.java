package net.voipbin.asteriskproxy.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import net.voipbin.asteriskproxy.config.AsteriskIdentity;
import net.voipbin.asteriskproxy.config.AsteriskProxyConfig;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.amqp.Queues;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Puts every ARI frame on the bus, unchanged inside {@code {"type":"ari_event","asterisk_id",...,"data":<frame>}},
 * partitioned by the resource it is about (ARCHITECTURE.md section 10): direct exchange
 * {@code asterisk.all.event}, routing key = hash(dialled peer id for Dial, else channel id, else bridge
 * id, else the playback's or recording's target) mod N, onto single-active-consumer queues {@code asterisk.all.event.<n>}, so
 * one channel's events stay in order however many call-manager replicas consume.
 * The WebSocket reader only enqueues ({@link #offer}); a publisher thread of its own does the
 * broker I/O, so a slow broker never stalls the socket (Asterisk drops readers slower than 100 ms).
 */
@ApplicationScoped
public class AriEventForwarder {

    private static final Logger LOG = Logger.getLogger(AriEventForwarder.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final AmqpConnection amqp;
    private final BrokerNames names;
    private final String asteriskId;
    private final int partitions;
    private final BlockingQueue<byte[][]> pending;
    private final Counter forwarded;
    private final Counter dropped;
    private final String exchange;
    private volatile Channel channel;
    private volatile boolean running = true;
    private Thread publisher;

    public AriEventForwarder(AmqpConnection amqp, BrokerNames names, AsteriskProxyConfig config,
                             AsteriskIdentity identity, MeterRegistry registry) {
        this.amqp = amqp;
        this.names = names;
        this.asteriskId = identity.id();
        this.partitions = config.events().partitions();
        this.pending = new ArrayBlockingQueue<>(config.events().bufferSize());
        this.exchange = names.ariEventExchange();
        this.forwarded = Counter.builder("voipbin.ari.frames").tag("outcome", "forwarded").register(registry);
        this.dropped = Counter.builder("voipbin.ari.frames").tag("outcome", "dropped").register(registry);
    }

    void onStart(@Observes @Priority(40) StartupEvent event) {
        amqp.whenConnected(this::declare);
        publisher = new Thread(this::publishLoop, "ari-event-publisher");
        publisher.setDaemon(true);
        publisher.start();
    }

    void onStop(@Observes @Priority(150) ShutdownEvent event) {
        running = false;
        if (publisher != null) {
            publisher.interrupt();
        }
    }

    private void declare(Connection connection) throws IOException {
        Channel ch = connection.createChannel();
        ch.exchangeDeclare(exchange, "direct", true, false, null);
        for (int n = 0; n < partitions; n++) {
            String queue = partitionQueue(n);
            Queues.declareDurable(ch, queue, amqp.settings(), Map.of("x-single-active-consumer", true));
            ch.queueBind(queue, exchange, Integer.toString(n));
        }
        channel = ch;
    }

    public String partitionQueue(int n) {
        return names.ariEventPartitionQueue(n);
    }

    public int partitions() {
        return partitions;
    }

    /** Hands a frame to the publisher without waiting; false (and counted) when the buffer is full. */
    public boolean offer(String frame) {
        byte[] body = envelope(frame);
        byte[] key = Integer.toString(partition(frame)).getBytes(StandardCharsets.US_ASCII);
        if (pending.offer(new byte[][]{key, body})) {
            return true;
        }
        dropped.increment();
        LOG.warnf("ARI event buffer full (%d): frame dropped", pending.size());
        return false;
    }

    private byte[] envelope(String frame) {
        String envelope = "{\"type\":\"ari_event\",\"publisher\":\"asterisk-proxy\",\"asterisk_id\":\""
                + asteriskId + "\",\"data_type\":\"application/json\",\"data\":" + frame + "}";
        return envelope.getBytes(StandardCharsets.UTF_8);
    }

    /** The partition of the resource a frame is about; frames about nothing in particular go to 0. */
    int partition(String frame) {
        String key = partitionKey(frame);
        return key == null ? 0 : Math.floorMod(key.hashCode(), partitions);
    }

    public static String partitionKey(String frame) {
        String channelId = null;
        String peerId = null;
        String bridgeId = null;
        String target = null;
        try (JsonParser parser = JSON.createParser(frame)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT && ("channel".equals(field) || "peer".equals(field)
                        || "bridge".equals(field) || "playback".equals(field) || "recording".equals(field))) {
                    String found = null;
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = parser.currentName();
                        JsonToken innerValue = parser.nextToken();
                        if (innerValue == JsonToken.VALUE_STRING && ("id".equals(inner)
                                && ("channel".equals(field) || "peer".equals(field) || "bridge".equals(field))
                                || "target_uri".equals(inner))) {
                            found = parser.getText();
                        } else {
                            parser.skipChildren();
                        }
                    }
                    switch (field) {
                        case "channel" -> channelId = found;
                        // Dial is about the dialled channel (peer): keep it in line with that channel's events.
                        case "peer" -> peerId = found;
                        case "bridge" -> bridgeId = found;
                        default -> target = found;
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return null;
        }
        if (peerId != null) {
            return peerId;
        }
        if (channelId != null) {
            return channelId;
        }
        if (bridgeId != null) {
            return bridgeId;
        }
        if (target != null) {
            // "channel:<id>" or "bridge:<id>": the same partition as that resource's own events.
            int colon = target.indexOf(':');
            return colon >= 0 ? target.substring(colon + 1) : target;
        }
        return null;
    }

    private void publishLoop() {
        byte[][] next = null;
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(2).appId("asterisk-proxy").build();
        while (running) {
            try {
                if (next == null) {
                    next = pending.poll(200, TimeUnit.MILLISECONDS);
                    if (next == null) {
                        continue;
                    }
                }
                Channel ch = channel;
                if (ch == null || !amqp.isReady()) {
                    Thread.sleep(100); // keep the frame and its place in line until the broker is back
                    continue;
                }
                ch.basicPublish(exchange, new String(next[0], StandardCharsets.US_ASCII), properties, next[1]);
                forwarded.increment();
                next = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                LOG.debugf("publishing an ARI event failed, retrying: %s", e.getMessage());
            }
        }
    }
}
