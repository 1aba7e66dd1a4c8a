package net.voipbin.common.rpc;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.config.VoipbinConfig;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client half of RPC over RabbitMQ. {@link #channel(String)} gives an {@link io.grpc.Channel} for a
 * manager, so callers use the generated stubs ({@code MutinyCallServiceGrpc.newMutinyStub(rpc.channel("call-manager"))}).
 * One exclusive reply queue per process; replies are matched by correlation id, and a reply
 * arriving after its call gave up finds no pending call and is dropped.
 */
@ApplicationScoped
public class RpcClient {

    private static final Logger LOG = Logger.getLogger(RpcClient.class);

    private final AmqpConnection amqp;
    private final BrokerNames names;
    private final Duration defaultDeadline;
    private final RpcMetrics metrics;
    private final String replyQueue;
    private final String correlationPrefix;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentHashMap<String, AmqpClientCall<?, ?>> pending = new ConcurrentHashMap<>();
    private final Object publishLock = new Object();
    private volatile Channel publishChannel;

    @Inject
    public RpcClient(AmqpConnection amqp, BrokerNames names, VoipbinConfig config, Instance<MeterRegistry> registry) {
        this(amqp, names, config.rpc().defaultDeadline(),
                registry.isResolvable() ? registry.get() : null);
    }

    public RpcClient(AmqpConnection amqp, BrokerNames names, Duration defaultDeadline, MeterRegistry registry) {
        this.amqp = amqp;
        this.names = names;
        this.defaultDeadline = defaultDeadline;
        this.metrics = new RpcMetrics(registry, "voipbin.rpc.client");
        String instance = UUID.randomUUID().toString();
        this.replyQueue = names.qualify("bin-manager." + names.serviceName() + ".reply." + instance);
        this.correlationPrefix = instance.substring(0, 8) + '-';
    }

    void onStart(@Observes @Priority(20) StartupEvent event) {
        start();
    }

    public void start() {
        amqp.whenConnected(this::init);
    }

    private void init(Connection connection) throws IOException {
        Channel replies = connection.createChannel();
        replies.queueDeclare(replyQueue, false, true, true, null);
        replies.basicConsume(replyQueue, true, new DefaultConsumer(replies) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                onReply(properties, body);
            }
        });
        Channel publish = connection.createChannel();
        publish.addReturnListener(returned -> {
            AmqpClientCall<?, ?> call = pending.get(returned.getProperties().getCorrelationId());
            if (call != null) {
                call.fail(io.grpc.Status.UNAVAILABLE.withDescription(
                        "no consumer queue " + returned.getRoutingKey() + " (service not running?)"));
            }
        });
        publishChannel = publish;
        LOG.debugf("rpc client reply queue %s", replyQueue);
    }

    /** A channel to manager {@code service} (queue {@code bin-manager.<service>.request}). */
    public io.grpc.Channel channel(String service) {
        return new AmqpRpcChannel(this, names.requestQueue(service));
    }

    /** A channel to an explicitly named request queue (asterisk.<id>.request); the namespace applies. */
    public io.grpc.Channel channelToQueue(String queue) {
        return new AmqpRpcChannel(this, names.qualify(queue));
    }

    /** A channel to one Asterisk's proxy, or to any proxy when {@code asteriskId} is empty (new calls). */
    public io.grpc.Channel channelToAsterisk(String asteriskId) {
        return new AmqpRpcChannel(this, asteriskId == null || asteriskId.isEmpty()
                ? names.ariAnyRequestQueue() : names.ariRequestQueue(asteriskId));
    }

    Duration defaultDeadline() {
        return defaultDeadline;
    }

    String replyQueue() {
        return replyQueue;
    }

    RpcMetrics metrics() {
        return metrics;
    }

    String nextCorrelationId() {
        return correlationPrefix + sequence.incrementAndGet();
    }

    void register(String correlationId, AmqpClientCall<?, ?> call) {
        pending.put(correlationId, call);
    }

    void unregister(String correlationId) {
        pending.remove(correlationId);
    }

    int pendingCount() {
        return pending.size();
    }

    void publish(String queue, AMQP.BasicProperties properties, byte[] body) throws IOException {
        Channel channel = publishChannel;
        if (channel == null || !amqp.isReady()) {
            throw new IOException("broker connection is not ready");
        }
        // amqp-client channels are not meant for concurrent publishers.
        synchronized (publishLock) {
            channel.basicPublish("", queue, true, properties, body);
        }
    }

    private void onReply(AMQP.BasicProperties properties, byte[] body) {
        String correlationId = properties.getCorrelationId();
        AmqpClientCall<?, ?> call = correlationId == null ? null : pending.remove(correlationId);
        if (call == null) {
            LOG.debugf("dropping late or unknown RPC reply %s", correlationId);
            return;
        }
        call.complete(properties.getHeaders(), body);
    }
}
