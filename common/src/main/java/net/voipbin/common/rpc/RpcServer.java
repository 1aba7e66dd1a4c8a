package net.voipbin.common.rpc;

import io.grpc.BindableService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import io.vertx.core.Vertx;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.config.VoipbinConfig;

import java.util.List;

/**
 * Serves every {@link BindableService} bean of the application (the classes extending the
 * generated {@code Mutiny*Grpc.*ImplBase}) on this manager's request queue.
 */
@ApplicationScoped
public class RpcServer {

    private final AmqpConnection amqp;
    private final BrokerNames names;
    private final VoipbinConfig config;
    private final Instance<BindableService> services;
    private final Instance<MeterRegistry> registry;
    private final Vertx vertx;
    private volatile RpcDispatcher dispatcher;

    public RpcServer(AmqpConnection amqp, BrokerNames names, VoipbinConfig config,
                     @Any Instance<BindableService> services, Instance<MeterRegistry> registry, Vertx vertx) {
        this.amqp = amqp;
        this.names = names;
        this.config = config;
        this.services = services;
        this.registry = registry;
        this.vertx = vertx;
    }

    void onStart(@Observes @Priority(100) StartupEvent event) {
        List<BindableService> beans = services.stream().toList();
        if (!config.rpc().server().enabled() || beans.isEmpty()) {
            return;
        }
        dispatcher = new RpcDispatcher(amqp, names.ownRequestQueue(), config.rpc().server().prefetch(), config.rpc().defaultDeadline(), beans,
                new EventLoopContexts(vertx, Runtime.getRuntime().availableProcessors()),
                new RpcMetrics(registry.isResolvable() ? registry.get() : null, "voipbin.rpc.server"));
        dispatcher.start();
    }

    void onStop(@Observes @Priority(100) ShutdownEvent event) {
        RpcDispatcher d = dispatcher;
        if (d != null) {
            d.stop(config.rpc().server().drainTimeout());
        }
    }

    /** The running dispatcher, or null when this manager serves no RPCs. */
    public RpcDispatcher dispatcher() {
        return dispatcher;
    }
}
