package net.voipbin.api.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalBucketStoreTest {

    /** 3 tokens, refilled over an hour: within a test nothing refills. */
    static final BucketConfiguration PLAN = BucketPlans.plan(3.0 / 3600, 3);

    long take(LocalBucketStore store, String key) {
        return store.tryTake(key, PLAN).await().indefinitely();
    }

    @Test
    void anAddressSweepPastTheBoundDoesNotResetAnActiveClientsBucket() {
        LocalBucketStore store = new LocalBucketStore();
        for (int i = 0; i < 3; i++) {
            assertEquals(0, take(store, "victim-of-its-own-limit"));
        }
        assertTrue(take(store, "victim-of-its-own-limit") > 0);
        // 100,001 other keys (the old store cleared every bucket past 100,000), the client still asking
        for (int i = 0; i <= LocalBucketStore.MAX_KEYS; i++) {
            take(store, "sweep-" + i);
            if (i % 10_000 == 0) {
                assertTrue(take(store, "victim-of-its-own-limit") > 0, "refilled after " + i + " keys");
            }
        }
        assertTrue(take(store, "victim-of-its-own-limit") > 0);
        assertEquals(LocalBucketStore.MAX_KEYS, store.size());
    }

    @Test
    void theLeastRecentlyUsedBucketIsTheOneDropped() {
        LocalBucketStore store = new LocalBucketStore(3);
        take(store, "a");
        take(store, "b");
        take(store, "c");
        take(store, "a"); // a is now the most recent
        take(store, "d"); // drops b
        assertEquals(3, store.size());
        // a kept its state (two tokens spent), b starts full again
        assertEquals(0, take(store, "a"));
        assertTrue(take(store, "a") > 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, take(store, "b"));
        }
    }
}
