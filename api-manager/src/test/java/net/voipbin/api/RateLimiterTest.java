package net.voipbin.api;

import net.voipbin.api.ratelimit.RateLimiter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token buckets alone: burst, refill, and independence of keys and tiers. */
class RateLimiterTest {

    static ApiConfig config(double rate, int burst) {
        ApiConfig.RateLimit.Tier tier = new ApiConfig.RateLimit.Tier() {
            public double rate() { return rate; }
            public int burst() { return burst; }
        };
        return new ApiConfig() {
            public Jwt jwt() { return null; }
            public Bootstrap bootstrap() { return null; }
            public Ws ws() { return null; }
            public RateLimit rateLimit() {
                return new RateLimit() {
                    public boolean enabled() { return true; }
                    public boolean trustForwardedFor() { return false; }
                    public Tier ip() { return tier; }
                    public Tier customer() { return tier; }
                    public Tier login() { return tier; }
                };
            }
        };
    }

    @Test
    void burstThenRetryAfterThenRecovers() throws Exception {
        RateLimiter limiter = new RateLimiter(config(2, 3));
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.tryAcquire("customer", "c1"));
        }
        long wait = limiter.tryAcquire("customer", "c1");
        assertTrue(wait >= 1, "retry after " + wait);
        assertEquals(0, limiter.tryAcquire("customer", "c2"), "another customer has its own bucket");
        assertEquals(0, limiter.tryAcquire("ip", "c1"), "another tier has its own bucket");
        Thread.sleep(Duration.ofMillis(600).toMillis());
        assertEquals(0, limiter.tryAcquire("customer", "c1"), "refilled at 2/s");
    }
}
