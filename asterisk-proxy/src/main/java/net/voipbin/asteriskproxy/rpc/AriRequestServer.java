package net.voipbin.asteriskproxy.rpc;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import net.voipbin.asteriskproxy.config.AsteriskIdentity;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.config.VoipbinConfig;
import net.voipbin.common.rpc.EventLoopContexts;
import net.voipbin.common.rpc.RpcDispatcher;
import net.voipbin.common.rpc.RpcMetrics;

import java.util.List;

/**
 * Serves {@link AriRpcService} on the two queues ARCHITECTURE.md section 4 names, instead of a
 * manager's {@code bin-manager.<svc>.request}: {@code asterisk.<id>.request} for requests about
 * this Asterisk's channels and bridges, and {@code asterisk.call.request}, shared by every proxy,
 * for placing new calls on whichever Asterisk takes them.
 */
@ApplicationScoped
public class AriRequestServer {

    private final List<RpcDispatcher> dispatchers;
    private final VoipbinConfig config;

    public AriRequestServer(AmqpConnection amqp, BrokerNames names, VoipbinConfig config, AsteriskIdentity identity,
                            @GrpcService AriRpcService service, MeterRegistry registry, Vertx vertx) {
        this.config = config;
        EventLoopContexts contexts = new EventLoopContexts(vertx, Runtime.getRuntime().availableProcessors());
        RpcMetrics metrics = new RpcMetrics(registry, "voipbin.rpc.server");
        this.dispatchers = List.of(
                dispatcher(amqp, names.ariRequestQueue(identity.id()), service, contexts, metrics),
                dispatcher(amqp, names.ariAnyRequestQueue(), service, contexts, metrics));
    }

    private RpcDispatcher dispatcher(AmqpConnection amqp, String queue, AriRpcService service,
                                     EventLoopContexts contexts, RpcMetrics metrics) {
        return new RpcDispatcher(amqp, queue, config.rpc().server().prefetch(), config.rpc().defaultDeadline(),
                List.of(service), contexts, metrics);
    }

    void onStart(@Observes @Priority(100) StartupEvent event) {
        dispatchers.forEach(RpcDispatcher::start);
    }

    void onStop(@Observes @Priority(100) ShutdownEvent event) {
        dispatchers.forEach(d -> d.stop(config.rpc().server().drainTimeout()));
    }
}
