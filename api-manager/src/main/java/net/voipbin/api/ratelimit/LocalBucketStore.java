package net.voipbin.api.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.smallrye.mutiny.Uni;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets in this instance's memory (the default): no network on the request path, but N replicas
 * behind a balancer admit up to N times the configured rate.
 */
public final class LocalBucketStore implements BucketStore {

    /** A crude bound on memory under an IP sweep; a reset only ever admits more, never less. */
    static final int MAX_KEYS = 100_000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Override
    public Uni<Long> tryTake(String key, BucketConfiguration plan) {
        if (buckets.size() > MAX_KEYS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> newBucket(plan));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return Uni.createFrom().item(probe.isConsumed() ? 0L : Math.max(1, probe.getNanosToWaitForRefill()));
    }

    private static Bucket newBucket(BucketConfiguration plan) {
        var builder = Bucket.builder();
        for (var bandwidth : plan.getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }

    int size() {
        return buckets.size();
    }
}
