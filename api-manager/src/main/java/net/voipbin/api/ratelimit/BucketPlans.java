package net.voipbin.api.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import net.voipbin.api.config.ApiConfig;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bucket4j configuration of each tier: capacity = {@code burst}, refilled greedily (token by token,
 * not in steps) at {@code rate} tokens per second, starting full. So a client may spend its burst at
 * once and then {@code rate} requests per second, as the hand-written buckets before did. A tier with
 * a rate or burst of 0 (or below) is not limited.
 */
public final class BucketPlans {

    private final Map<RateLimitTier, BucketConfiguration> plans = new EnumMap<>(RateLimitTier.class);

    public BucketPlans(ApiConfig.RateLimit config) {
        for (RateLimitTier tier : RateLimitTier.values()) {
            ApiConfig.RateLimit.Tier settings = tier.settings(config);
            if (settings.rate() > 0 && settings.burst() > 0) {
                plans.put(tier, plan(settings.rate(), settings.burst()));
            }
        }
    }

    /** The configuration of {@code tier}; empty when the tier is not limited. */
    public Optional<BucketConfiguration> of(RateLimitTier tier) {
        return Optional.ofNullable(plans.get(tier));
    }

    static BucketConfiguration plan(double ratePerSecond, long burst) {
        // bucket4j refills whole tokens per period: a full bucket over burst/rate seconds is the same
        // rate and keeps fractional rates (0.5/s) exact to the nanosecond.
        Duration refillPeriod = Duration.ofNanos(Math.max(1, Math.round(burst * 1e9 / ratePerSecond)));
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(burst, refillPeriod).build())
                .build();
    }
}
