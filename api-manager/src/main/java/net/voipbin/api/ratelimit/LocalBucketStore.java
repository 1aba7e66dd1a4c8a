package net.voipbin.api.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.smallrye.mutiny.Uni;

/**
 * Buckets in this instance's memory (the default): no network on the request path, but N replicas
 * behind a balancer admit up to N times the configured rate. At most {@code maxKeys} buckets are kept;
 * past that the least recently used one goes ({@link LruMap}), so an address sweep costs the sweeper's
 * own oldest buckets, never a reset of everyone's (which would have handed every drained client a full one).
 */
public final class LocalBucketStore implements BucketStore {

    /** A bound on memory under an address sweep (an entry is a few hundred bytes). */
    static final int MAX_KEYS = 100_000;

    private final LruMap<String, Bucket> buckets;

    public LocalBucketStore() {
        this(MAX_KEYS);
    }

    LocalBucketStore(int maxKeys) {
        this.buckets = new LruMap<>(maxKeys);
    }

    @Override
    public Uni<Long> tryTake(String key, BucketConfiguration plan) {
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
