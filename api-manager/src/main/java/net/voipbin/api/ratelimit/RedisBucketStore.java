package net.voipbin.api.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Buckets in Redis ({@code voipbin.api.rate-limit.shared=true}): every replica takes its tokens from the
 * same bucket, so the configured rate holds for the whole deployment. bucket4j keeps each bucket's state
 * under one key and updates it with compare-and-swap, so concurrent replicas never both spend the last
 * token; the state expires once the bucket would be full again, so idle keys do not pile up.
 *
 * <p>Redis is asked asynchronously (the request filter runs on the event loop). When Redis does not
 * answer within {@code redis-timeout} or the connection is down, the request is admitted and a warning
 * logged (at most one every 10 s): a rate-limit store that is unavailable must not take the API down.
 */
public final class RedisBucketStore implements BucketStore {

    private static final Logger LOG = Logger.getLogger(RedisBucketStore.class);
    private static final long WARN_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
    /** Idle bucket state is kept this much longer than it takes to refill, then Redis drops it. */
    private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);
    private static final long RECONNECT_AFTER_NANOS = Duration.ofSeconds(1).toNanos();

    private final RedisClient client;
    private final String keyPrefix;
    private final Duration timeout;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final RedisURI uri;
    private final AtomicReference<Attempt> attempt = new AtomicReference<>();
    private final Runnable onFailOpen;
    private volatile StatefulRedisConnection<String, byte[]> connection;

    public RedisBucketStore(String redisUri, String keyPrefix, Duration timeout) {
        this(redisUri, keyPrefix, timeout, () -> { });
    }

    /** {@code onFailOpen} runs for every request admitted because Redis did not answer (a metric). */
    public RedisBucketStore(String redisUri, String keyPrefix, Duration timeout, Runnable onFailOpen) {
        this.onFailOpen = onFailOpen;
        this.uri = RedisURI.create(redisUri);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        // Commands fail fast while disconnected instead of queueing up behind a dead Redis.
        this.client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        this.keyPrefix = keyPrefix;
        this.timeout = timeout;
        // Connect now, in the background: the first requests should find the connection made rather
        // than all wait for it (and, past the timeout, all be admitted).
        buckets();
    }

    @Override
    public Uni<Long> tryTake(String key, BucketConfiguration plan) {
        // Lettuce completes on its own threads; the rest of the request continues on the caller's
        // Vert.x context (the reactive SQL client and the request scope live there).
        Context caller = Vertx.currentContext();
        Uni<Long> wait = Uni.createFrom().completionStage(() -> buckets()
                        .thenCompose(b -> b.builder().build(keyPrefix + ":" + key, () -> CompletableFuture.completedFuture(plan))
                                .tryConsumeAndReturnRemaining(1)))
                .ifNoItem().after(timeout).failWith(() -> new IllegalStateException("no answer within " + timeout))
                .map(p -> p.isConsumed() ? 0L : Math.max(1, p.getNanosToWaitForRefill()))
                .onFailure().recoverWithUni(this::admitted);
        return caller == null ? wait : wait.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    /**
     * The proxy manager over a connection made asynchronously on first use, so neither the start nor
     * the event loop waits for Redis. A failed connect is retried by a later request, at most once a
     * second; an established connection reconnects by itself (Lettuce).
     */
    private CompletableFuture<AsyncProxyManager<String>> buckets() {
        Attempt current = attempt.get();
        if (current != null && (!current.buckets.isCompletedExceptionally()
                || System.nanoTime() - current.startedNanos < RECONNECT_AFTER_NANOS)) {
            return current.buckets;
        }
        CompletableFuture<AsyncProxyManager<String>> buckets = client
                .connectAsync(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), uri)
                .toCompletableFuture()
                .thenApply(opened -> {
                    connection = opened;
                    return Bucket4jLettuce.casBasedBuilder(opened)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                            .build()
                            .asAsync();
                });
        Attempt next = new Attempt(buckets, System.nanoTime());
        return attempt.compareAndSet(current, next) ? buckets : attempt.get().buckets;
    }

    private record Attempt(CompletableFuture<AsyncProxyManager<String>> buckets, long startedNanos) {
    }

    private Uni<Long> admitted(Throwable failure) {
        onFailOpen.run();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warnf("rate limit store (Redis) unavailable, admitting requests unlimited: %s", failure.toString());
        }
        return Uni.createFrom().item(0L);
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
