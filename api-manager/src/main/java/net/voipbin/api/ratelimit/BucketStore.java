package net.voipbin.api.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.smallrye.mutiny.Uni;

/** Where the buckets live: this instance's memory, or a Redis shared by every replica. */
public interface BucketStore extends AutoCloseable {

    /**
     * Takes one token from the bucket {@code key} (created with {@code plan} when absent).
     *
     * @return 0 when a token was taken, else the nanoseconds until one will be available
     */
    Uni<Long> tryTake(String key, BucketConfiguration plan);

    @Override
    default void close() {
    }
}
