package net.voipbin.api.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import net.voipbin.api.config.TestApiConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each tier's bucket4j configuration: capacity = burst, greedy refill at rate/s, one bandwidth. */
class BucketPlansTest {

    /** The production settings of application.properties. */
    static final Map<String, String> PRODUCTION = Map.of(
            "voipbin.api.rate-limit.ip.rate", "200", "voipbin.api.rate-limit.ip.burst", "400",
            "voipbin.api.rate-limit.customer.rate", "17", "voipbin.api.rate-limit.customer.burst", "33",
            "voipbin.api.rate-limit.login.rate", "2", "voipbin.api.rate-limit.login.burst", "10");

    @Test
    void everyTierIsItsBurstRefilledGreedilyAtItsRate() {
        BucketPlans plans = new BucketPlans(TestApiConfig.with(1, 1, PRODUCTION).rateLimit());
        assertPlan(plans.of(RateLimitTier.IP).orElseThrow(), 400, 200);
        assertPlan(plans.of(RateLimitTier.CUSTOMER).orElseThrow(), 33, 17);
        assertPlan(plans.of(RateLimitTier.LOGIN).orElseThrow(), 10, 2);
    }

    static void assertPlan(BucketConfiguration plan, long capacity, double ratePerSecond) {
        assertEquals(1, plan.getBandwidths().length);
        Bandwidth b = plan.getBandwidths()[0];
        assertEquals(capacity, b.getCapacity());
        assertEquals(capacity, b.getInitialTokens(), "starts full");
        assertFalse(b.isRefillIntervally(), "refills token by token, not in steps");
        double perSecond = b.getRefillTokens() * 1e9 / b.getRefillPeriodNanos();
        assertEquals(ratePerSecond, perSecond, ratePerSecond * 1e-6);
    }

    @Test
    void aFractionalRateStaysExact() {
        assertPlan(BucketPlans.plan(0.5, 3), 3, 0.5);
        assertPlan(BucketPlans.plan(17, 33), 33, 17);
    }

    @Test
    void aTierWithRateOrBurstZeroIsNotLimited() {
        BucketPlans plans = new BucketPlans(TestApiConfig.with(5, 10, Map.of(
                "voipbin.api.rate-limit.login.rate", "0", "voipbin.api.rate-limit.customer.burst", "0")).rateLimit());
        assertFalse(plans.of(RateLimitTier.LOGIN).isPresent());
        assertFalse(plans.of(RateLimitTier.CUSTOMER).isPresent());
        assertTrue(plans.of(RateLimitTier.IP).isPresent());
    }

    @Test
    void aBucketOfThePlanAdmitsTheBurstThenTheRateOnAManualClock() {
        AtomicLong nanos = new AtomicLong();
        TimeMeter clock = new TimeMeter() {
            public long currentTimeNanos() { return nanos.get(); }
            public boolean isWallClockBased() { return false; }
        };
        BucketConfiguration plan = BucketPlans.plan(2, 10);
        Bucket bucket = Bucket.builder().addLimit(plan.getBandwidths()[0]).withCustomTimePrecision(clock).build();
        assertTrue(bucket.tryConsume(10), "the whole burst at once");
        assertFalse(bucket.tryConsume(1));
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(499));
        assertFalse(bucket.tryConsume(1), "not a whole token after 499 ms at 2/s");
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        assertTrue(bucket.tryConsume(1), "one token after 500 ms");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(60));
        assertTrue(bucket.tryConsume(10));
        assertFalse(bucket.tryConsume(1), "never more than the burst, however long idle");
    }
}
