package net.voipbin.flow.engine;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.rpc.EventLoopContexts;
import net.voipbin.common.rpc.RpcDispatcher;
import net.voipbin.common.rpc.RpcMetrics;
import net.voipbin.proto.billing.v1.CheckBalanceRequest;
import net.voipbin.proto.billing.v1.CheckBalanceResponse;
import net.voipbin.proto.billing.v1.MutinyBillingServiceGrpc;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * billing-manager on this test namespace's bin-manager.billing-manager.request queue, as the engine asks it before
 * an HTTP action: every customer is funded except those in {@link #UNFUNDED}. One per test JVM.
 */
final class FakeBilling extends MutinyBillingServiceGrpc.BillingServiceImplBase {

    static final Set<String> UNFUNDED = ConcurrentHashMap.newKeySet();
    static final Set<String> ASKED = ConcurrentHashMap.newKeySet();
    private static RpcDispatcher dispatcher;

    static synchronized void serve(AmqpConnection amqp, BrokerNames names, Vertx vertx) {
        if (dispatcher == null) {
            dispatcher = new RpcDispatcher(amqp, names.requestQueue("billing-manager"), 10, Duration.ofSeconds(10),
                    List.of(new FakeBilling()), new EventLoopContexts(vertx, 1), new RpcMetrics(null, "fake-billing"));
            dispatcher.start();
        }
    }

    @Override
    public Uni<CheckBalanceResponse> checkBalance(CheckBalanceRequest request) {
        ASKED.add(request.getCustomerId());
        boolean funded = !UNFUNDED.contains(request.getCustomerId());
        return Uni.createFrom().item(CheckBalanceResponse.newBuilder().setValid(funded)
                .setReason(funded ? "" : "billing account a1 holds 0 micros and 0 tokens, less than one minute of a call")
                .build());
    }
}
