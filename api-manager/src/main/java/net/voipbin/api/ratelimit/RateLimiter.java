package net.voipbin.api.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.api.ApiConfig;

import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory token buckets, per api-manager instance: the limits hold per replica, so N replicas
 * behind a balancer admit up to N times the configured rate. Tiers: {@code ip}, {@code customer},
 * {@code login} (per client IP on /auth/login).
 */
@ApplicationScoped
public class RateLimiter {

    private static final int MAX_KEYS = 100_000;

    private final ApiConfig.RateLimit config;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(ApiConfig config) {
        this.config = config.rateLimit();
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** 0 when admitted, else the seconds until a token is available (Retry-After). */
    public long tryAcquire(String tier, String key) {
        if (!config.enabled()) {
            return 0;
        }
        ApiConfig.RateLimit.Tier settings = switch (tier) {
            case "login" -> config.login();
            case "customer" -> config.customer();
            default -> config.ip();
        };
        if (settings.rate() <= 0 || settings.burst() <= 0) {
            return 0;
        }
        if (buckets.size() > MAX_KEYS) {
            buckets.clear(); // crude bound on memory; a reset only ever admits more
        }
        Bucket bucket = buckets.computeIfAbsent(tier + ":" + key, k -> new Bucket(settings.rate(), settings.burst()));
        return bucket.tryTake();
    }

    static final class Bucket {
        private final double rate;
        private final double burst;
        private double tokens;
        private long last;

        Bucket(double rate, int burst) {
            this.rate = rate;
            this.burst = burst;
            this.tokens = burst;
            this.last = System.nanoTime();
        }

        synchronized long tryTake() {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / rate));
        }
    }
}
