package net.voipbin.api.ratelimit;

import net.voipbin.api.config.ApiConfig;
import net.voipbin.api.config.TestApiConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token buckets alone (in memory): burst, refill, and independence of keys and tiers. */
class RateLimiterTest {

    static RateLimiter limiter(double rate, int burst, Map<String, String> overrides) {
        ApiConfig config = TestApiConfig.with(rate, burst, overrides);
        return new RateLimiter(config.rateLimit(), new LocalBucketStore());
    }

    static long take(RateLimiter limiter, RateLimitTier tier, String key) {
        return limiter.acquire(tier, key).await().atMost(Duration.ofSeconds(1));
    }

    @Test
    void burstThenRetryAfterThenRecovers() throws Exception {
        RateLimiter limiter = limiter(2, 3, Map.of());
        for (int i = 0; i < 3; i++) {
            assertEquals(0, take(limiter, RateLimitTier.CUSTOMER, "c1"));
        }
        long wait = take(limiter, RateLimitTier.CUSTOMER, "c1");
        assertTrue(wait >= 1, "retry after " + wait);
        assertEquals(0, take(limiter, RateLimitTier.CUSTOMER, "c2"), "another customer has its own bucket");
        assertEquals(0, take(limiter, RateLimitTier.IP, "c1"), "another tier has its own bucket");
        Thread.sleep(Duration.ofMillis(600).toMillis());
        assertEquals(0, take(limiter, RateLimitTier.CUSTOMER, "c1"), "refilled at 2/s");
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilTheNextToken() {
        // 1 token per 4 s: right after the burst the next token is ~4 s away.
        RateLimiter limiter = limiter(0.25, 1, Map.of());
        assertEquals(0, take(limiter, RateLimitTier.LOGIN, "10.0.0.1"));
        assertEquals(4, take(limiter, RateLimitTier.LOGIN, "10.0.0.1"));
        assertEquals(1, RateLimiter.retryAfterSeconds(1), "never 0 while refused");
        assertEquals(1, RateLimiter.retryAfterSeconds(1_000_000_000L));
        assertEquals(2, RateLimiter.retryAfterSeconds(1_000_000_001L));
    }

    @Test
    void disabledOrUnlimitedTiersAdmitEverything() {
        RateLimiter off = limiter(1, 1, Map.of("voipbin.api.rate-limit.enabled", "false"));
        RateLimiter unlimitedLogin = limiter(1, 1, Map.of("voipbin.api.rate-limit.login.rate", "0"));
        for (int i = 0; i < 50; i++) {
            assertEquals(0, take(off, RateLimitTier.IP, "k"));
            assertEquals(0, take(unlimitedLogin, RateLimitTier.LOGIN, "k"));
        }
        assertEquals(0, take(unlimitedLogin, RateLimitTier.IP, "k"));
        assertTrue(take(unlimitedLogin, RateLimitTier.IP, "k") >= 1, "the other tiers still limit");
    }
}
