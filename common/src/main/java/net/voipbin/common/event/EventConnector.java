package net.voipbin.common.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.ConnectorAttribute;
import io.smallrye.reactive.messaging.connector.InboundConnector;
import io.smallrye.reactive.messaging.connector.OutboundConnector;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.health.HealthReporter;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.config.VoipbinConfig;
import net.voipbin.common.rpc.EventLoopContexts;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Flow;

import static org.eclipse.microprofile.reactive.messaging.spi.ConnectorFactory.CHANNEL_NAME_ATTRIBUTE;

/**
 * The Reactive Messaging connector for events. Incoming: every channel configured with
 * {@code connector=voipbin-events} becomes a binding of this manager's one subscribe queue
 * ({@link SubscribeQueue}) to the {@code publisher}'s fanout exchange, and an event of that publisher
 * reaches the channel's {@code @Incoming} method. Outgoing: the one channel {@link EventChannels#OUTGOING}
 * (configured for every manager in common) publishes to this manager's own exchange with publisher
 * confirms ({@link OutgoingSubscriber}); {@link EventPublisher} sends on it. The stock RabbitMQ connector
 * is not used: it neither re-declares after a broker restart nor retries through delay queues, and this
 * one shares the process' broker connection, recovery and readiness with RPC.
 */
@ApplicationScoped
@Connector(EventConnector.NAME)
@ConnectorAttribute(name = "publisher", type = "string", direction = ConnectorAttribute.Direction.INCOMING,
        mandatory = true, description = "The manager whose events the channel receives (exchange bin-manager.<publisher>.event)")
public class EventConnector implements InboundConnector, OutboundConnector, HealthReporter {

    public static final String NAME = "voipbin-events";
    static final String PUBLISHER_ATTRIBUTE = "publisher";

    private final AmqpConnection amqp;
    private final BrokerNames names;
    private final VoipbinConfig config;
    private final Instance<EventDeduplicator> deduplicators;
    private final Instance<MeterRegistry> registry;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    /** By base channel name (without Reactive Messaging's {@code $n} concurrency suffix). */
    private final Map<String, EventChannel> channels = new LinkedHashMap<>();
    private volatile SubscribeQueue queue;
    private volatile OutgoingSubscriber outgoing;

    public EventConnector(AmqpConnection amqp, BrokerNames names, VoipbinConfig config,
                          Instance<EventDeduplicator> deduplicators, Instance<MeterRegistry> registry,
                          ObjectMapper mapper, Vertx vertx) {
        this.amqp = amqp;
        this.names = names;
        this.config = config;
        this.deduplicators = deduplicators;
        this.registry = registry;
        this.mapper = mapper;
        this.vertx = vertx;
    }

    @Override
    public synchronized Flow.Publisher<? extends org.eclipse.microprofile.reactive.messaging.Message<?>> getPublisher(Config channelConfig) {
        String channelName = channelConfig.getValue(CHANNEL_NAME_ATTRIBUTE, String.class);
        int copy = channelName.indexOf('$');
        String name = copy < 0 ? channelName : channelName.substring(0, copy);
        String publisher = channelConfig.getOptionalValue(PUBLISHER_ATTRIBUTE, String.class)
                .filter(p -> !p.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("mp.messaging.incoming." + name + "." + PUBLISHER_ATTRIBUTE
                        + " is missing: name the manager whose events the channel receives"));
        EventChannel channel = channels.computeIfAbsent(name, n -> new EventChannel(n, publisher));
        for (EventChannel other : channels.values()) {
            // One queue holds the events of a publisher once: two channels would each need their own ack.
            if (other != channel && other.publisher().equals(publisher)) {
                throw new IllegalArgumentException("channels " + other.name() + " and " + name
                        + " both receive the events of " + publisher + "; one channel per publisher");
            }
        }
        return channel.newLane();
    }

    @Override
    public synchronized Flow.Subscriber<? extends Message<?>> getSubscriber(Config channelConfig) {
        String name = channelConfig.getValue(CHANNEL_NAME_ATTRIBUTE, String.class);
        // A manager publishes to its one exchange; a second channel would only split its confirms.
        if (!EventChannels.OUTGOING.equals(name) || outgoing != null) {
            throw new IllegalArgumentException("mp.messaging.outgoing." + name + ": the only outgoing channel of "
                    + NAME + " is " + EventChannels.OUTGOING);
        }
        ConfirmedPublisher publisher = new ConfirmedPublisher(amqp, names);
        // Called while Reactive Messaging wires the channels, before or after the first connect: either way
        // the publisher's channel is opened on that connect.
        publisher.start();
        outgoing = new OutgoingSubscriber(publisher, registry.isResolvable()
                ? Counter.builder("voipbin.events.out").description("events published").register(registry.get())
                : null);
        return outgoing;
    }

    /** After Reactive Messaging has wired every channel (it starts at LIBRARY_BEFORE). */
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE + 10) StartupEvent event) {
        Map<String, EventSink> sinks = new LinkedHashMap<>();
        synchronized (this) {
            channels.values().forEach(c -> sinks.put(c.publisher(), c));
        }
        if (sinks.isEmpty()) {
            return;
        }
        EventDeduplicator deduplicator = deduplicators.isResolvable()
                ? deduplicators.get() : new InMemoryEventDeduplicator(100_000);
        SubscribeQueue q = new SubscribeQueue(amqp, names, config.events().prefetch(), config.events().retryDelays(),
                sinks, deduplicator, new EventLoopContexts(vertx, Runtime.getRuntime().availableProcessors()), mapper,
                registry.isResolvable() ? registry.get() : null);
        q.start();
        queue = q;
    }

    /** Before Reactive Messaging tears its channels down: stop taking events, finish those in hand. */
    void onStop(@Observes @Priority(100) ShutdownEvent event) {
        SubscribeQueue q = queue;
        if (q != null) {
            q.stop(config.rpc().server().drainTimeout());
        }
    }

    /** The subscribe queue, or null when this manager has no event channel. */
    public SubscribeQueue subscribeQueue() {
        return queue;
    }

    @Override
    public HealthReport getReadiness() {
        HealthReport.HealthReportBuilder report = HealthReport.builder();
        SubscribeQueue q = queue;
        synchronized (this) {
            for (EventChannel channel : channels.values()) {
                report.add(channel.name(), q != null && q.isConsuming(), q == null ? "not started" : q.queue());
            }
        }
        OutgoingSubscriber out = outgoing;
        if (out != null) {
            report.add(EventChannels.OUTGOING, out.isReady(), out.exchange());
        }
        return report.build();
    }
}
