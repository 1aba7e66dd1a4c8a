package net.voipbin.flow.client;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.flow.config.FlowConfig;
import net.voipbin.proto.billing.v1.CheckBalanceRequest;
import net.voipbin.proto.billing.v1.MutinyBillingServiceGrpc;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * billing-manager as flow-manager asks it: is this customer's account funded, so that the engine may make HTTP
 * requests on its behalf. billing's pre-check decides (CheckBalance: a usable account, admin/unlimited, or a balance
 * covering a minute of a call). Each answer is kept {@code flow.billing.funded-cache-for} (10 s) per customer and
 * replica, so a flow's fetches cost billing one question per customer and period; an account emptied meanwhile
 * keeps its HTTP actions that long at most. No answer within {@code flow.billing.deadline} is a refusal (not cached).
 */
@ApplicationScoped
public class BillingClient {

    /** billing's verdict. */
    public record Funding(boolean funded, String reason) {
    }

    private record Cached(Funding funding, long expiresNanos) {
    }

    private static final int MAX_CACHED = 100_000;

    private final RpcClient rpc;
    private final Duration deadline;
    private final long cacheNanos;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    public BillingClient(RpcClient rpc, FlowConfig config) {
        this.rpc = rpc;
        this.deadline = config.billing().deadline();
        this.cacheNanos = config.billing().fundedCacheFor().toNanos();
    }

    public Uni<Funding> funding(UUID customerId) {
        long now = System.nanoTime();
        Cached cached = cache.get(customerId);
        if (cached != null && cached.expiresNanos - now > 0) {
            return Uni.createFrom().item(cached.funding);
        }
        return MutinyBillingServiceGrpc.newMutinyStub(rpc.channel("billing-manager"))
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .checkBalance(CheckBalanceRequest.newBuilder().setCustomerId(Ids.format(customerId))
                        .setBillingType("flow_http").build())
                .map(answer -> {
                    Funding funding = new Funding(answer.getValid(), answer.getReason());
                    if (cache.size() >= MAX_CACHED) {
                        cache.clear(); // a bound, not an LRU: refilled at one question per customer
                    }
                    cache.put(customerId, new Cached(funding, System.nanoTime() + cacheNanos));
                    return funding;
                });
    }
}
