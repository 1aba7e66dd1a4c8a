package net.voipbin.common.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.config.VoipbinConfig;
import net.voipbin.common.rpc.EventLoopContexts;

import java.util.List;

/** Starts this manager's {@link EventConsumer} when it has {@link EventHandler} beans. */
@ApplicationScoped
public class EventSubscriber {

    private final AmqpConnection amqp;
    private final BrokerNames names;
    private final VoipbinConfig config;
    private final Instance<EventHandler> handlers;
    private final Instance<EventDeduplicator> deduplicators;
    private final Instance<MeterRegistry> registry;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private volatile EventConsumer consumer;

    public EventSubscriber(AmqpConnection amqp, BrokerNames names, VoipbinConfig config,
                           @Any Instance<EventHandler> handlers, Instance<EventDeduplicator> deduplicators,
                           Instance<MeterRegistry> registry, ObjectMapper mapper, Vertx vertx) {
        this.amqp = amqp;
        this.names = names;
        this.config = config;
        this.handlers = handlers;
        this.deduplicators = deduplicators;
        this.registry = registry;
        this.mapper = mapper;
        this.vertx = vertx;
    }

    void onStart(@Observes @Priority(110) StartupEvent event) {
        List<EventHandler> beans = handlers.stream().toList();
        if (beans.isEmpty()) {
            return;
        }
        EventDeduplicator deduplicator = deduplicators.isResolvable()
                ? deduplicators.get() : new InMemoryEventDeduplicator(100_000);
        consumer = new EventConsumer(amqp, names, config.events().prefetch(),
                config.events().retryDelays(), beans, deduplicator,
                new EventLoopContexts(vertx, Runtime.getRuntime().availableProcessors()), mapper,
                registry.isResolvable() ? registry.get() : null);
        consumer.start();
    }

    void onStop(@Observes @Priority(100) ShutdownEvent event) {
        EventConsumer c = consumer;
        if (c != null) {
            c.stop(config.rpc().server().drainTimeout());
        }
    }

    /** The running consumer, or null when this manager consumes no events. */
    public EventConsumer consumer() {
        return consumer;
    }
}
