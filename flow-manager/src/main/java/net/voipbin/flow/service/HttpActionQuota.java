package net.voipbin.flow.service;

import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.flow.config.FlowConfig;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per customer for the HTTP requests flows make on its behalf (fetch, webhook_send): one tenant's
 * flows cannot turn the engine into an HTTP amplifier however many activeflows it runs. {@code flow.http-quota.burst}
 * requests at once, refilled one per {@code flow.http-quota.token-every}. The buckets live in this replica's memory:
 * N replicas allow up to N times the rate (the per-activeflow cap and the step cap still hold everywhere).
 */
@ApplicationScoped
public class HttpActionQuota {

    private static final int MAX_BUCKETS = 100_000;

    private final double burst;
    private final long nanosPerToken;
    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    public HttpActionQuota(FlowConfig config) {
        this.burst = config.httpQuota().burst();
        this.nanosPerToken = Math.max(1, config.httpQuota().tokenEvery().toNanos());
    }

    private final class Bucket {
        private double tokens = burst;
        private long refilled = System.nanoTime();

        synchronized boolean take(long now) {
            tokens = Math.min(burst, tokens + (double) (now - refilled) / nanosPerToken);
            refilled = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized boolean full(long now) {
            return tokens + (double) (now - refilled) / nanosPerToken >= burst;
        }
    }

    /** Takes one request of the customer's quota; false when it has none left. */
    public boolean tryTake(UUID customerId) {
        long now = System.nanoTime();
        if (buckets.size() >= MAX_BUCKETS) {
            buckets.values().removeIf(b -> b.full(now)); // a full bucket is the same as none
        }
        return buckets.computeIfAbsent(customerId, id -> new Bucket()).take(now);
    }

    public String describe() {
        return "burst " + (long) burst + ", one more per " + java.time.Duration.ofNanos(nanosPerToken);
    }
}
