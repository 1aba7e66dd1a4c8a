package net.voipbin.api.ratelimit;

import jakarta.inject.Inject;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.api.config.ApiConfig;

import java.util.concurrent.TimeUnit;

/**
 * The gateway's rate limits: one bucket per tier and key (a client IP, a customer id), configured by
 * {@link BucketPlans} and kept in this instance's memory or, with {@code voipbin.api.rate-limit.shared},
 * in Redis for all replicas together ({@link BucketStore}).
 */
@ApplicationScoped
public class RateLimiter {

    private final boolean enabled;
    private final BucketPlans plans;
    private final BucketStore store;

    @Inject
    public RateLimiter(ApiConfig config, MeterRegistry registry) {
        this(config.rateLimit(), config.rateLimit().shared()
                ? new RedisBucketStore(config.rateLimit().redisUri(), config.rateLimit().redisKeyPrefix(),
                        config.rateLimit().redisTimeout(), failOpenCounter(registry)::increment)
                : new LocalBucketStore());
    }

    /** Requests admitted without a limit because the shared store (Redis) did not answer in time. */
    static Counter failOpenCounter(MeterRegistry registry) {
        return Counter.builder("voipbin.api.rate_limit.fail_open")
                .description("requests admitted unlimited because the shared rate-limit store did not answer")
                .register(registry);
    }

    RateLimiter(ApiConfig.RateLimit config, BucketStore store) {
        this.enabled = config.enabled();
        this.plans = new BucketPlans(config);
        this.store = store;
    }

    /** 0 when admitted, else the whole seconds until a token is available (at least 1: the Retry-After). */
    public Uni<Long> acquire(RateLimitTier tier, String key) {
        if (!enabled) {
            return Uni.createFrom().item(0L);
        }
        return plans.of(tier)
                .map(plan -> store.tryTake(tier.id + ":" + key, plan).map(RateLimiter::retryAfterSeconds))
                .orElseGet(() -> Uni.createFrom().item(0L));
    }

    static long retryAfterSeconds(long waitNanos) {
        return waitNanos <= 0 ? 0 : Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }

    @PreDestroy
    void close() {
        store.close();
    }
}
