package net.voipbin.queue.testing;

import io.grpc.Status;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.EventLoopContexts;
import net.voipbin.common.rpc.RpcDispatcher;
import net.voipbin.common.rpc.RpcMetrics;
import net.voipbin.proto.flow.v1.Flow;
import net.voipbin.proto.flow.v1.GetFlowRequest;
import net.voipbin.proto.flow.v1.MutinyFlowServiceGrpc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * flow-manager's GetFlow over the real broker (the test namespace's request queue), as the real one
 * answers it: a flow of another customer, or none, is NOT_FOUND. What queue-manager asks when a flow
 * id is stored on a queue. Other FlowService methods answer UNIMPLEMENTED.
 */
@jakarta.inject.Singleton
public class FakeFlowManager {

    private static final Map<String, String> OWNER_BY_FLOW = new ConcurrentHashMap<>();

    void onStart(@Observes StartupEvent event, AmqpConnection amqp, BrokerNames names, Vertx vertx) {
        new RpcDispatcher(amqp, names.requestQueue("flow-manager"), 10, Duration.ofSeconds(10),
                List.of(new Flows()), new EventLoopContexts(vertx, 1), new RpcMetrics(null, "fake-flow")).start();
    }

    /** A new flow id flow-manager knows as {@code customer}'s. */
    public static String flowOf(UUID customer) {
        String id = Ids.newId().toString();
        OWNER_BY_FLOW.put(id, customer.toString());
        return id;
    }

    static class Flows extends MutinyFlowServiceGrpc.FlowServiceImplBase {
        @Override
        public Uni<Flow> getFlow(GetFlowRequest r) {
            return Uni.createFrom().item(() -> {
                if (!r.getCustomerId().equals(OWNER_BY_FLOW.get(r.getId()))) {
                    throw Status.NOT_FOUND.withDescription("flow " + r.getId() + " not found").asRuntimeException();
                }
                return Flow.newBuilder().setId(r.getId()).setCustomerId(r.getCustomerId()).build();
            });
        }
    }
}
