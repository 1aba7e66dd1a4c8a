package net.voipbin.api.ratelimit;

import net.voipbin.api.config.TestApiConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class LoginBackoffTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final LoginBackoff backoff = new LoginBackoff(TestApiConfig.with(1, 1, Map.of()).rateLimit().loginBackoff(), now::get);

    void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void defaultsAreFiveFreeFailuresThenOneSecondDoublingToFiveMinutes() {
        var settings = TestApiConfig.with(1, 1, Map.of()).rateLimit().loginBackoff();
        assertEquals(5, settings.freeFailures());
        assertEquals(Duration.ofSeconds(1), settings.initialDelay());
        assertEquals(Duration.ofMinutes(5), settings.maxDelay());
    }

    @Test
    void failuresFromRotatingClientsSlowTheUsernameExponentiallyUpToTheCap() {
        for (int i = 0; i < 6; i++) {
            assertNull(backoff.begin("client-" + i, "victim"), "attempt " + i);
        }
        // the 7th guess, from yet another client, waits a second; the correct password is not even checked
        assertNotNull(backoff.begin("client-6", "victim"));
        assertEquals(Duration.ofSeconds(1).toNanos(), backoff.waitNanos("client-6", "victim"));
        long expected = 1;
        for (int failure = 7; failure < 20; failure++) {
            advance(Duration.ofNanos(backoff.waitNanos("client-" + failure, "victim")));
            assertNull(backoff.begin("client-" + failure, "victim"));
            expected = Math.min(expected * 2, 300);
            assertEquals(Duration.ofSeconds(expected).toNanos(), backoff.waitNanos("other", "victim"), "after " + failure);
        }
        assertEquals(Duration.ofMinutes(5).toNanos(), backoff.waitNanos("other", "VICTIM")); // one account, any case
        // another username is not affected
        assertEquals(0, backoff.waitNanos("other", "someone-else"));
    }

    @Test
    void unknownAndKnownUsernamesAreTreatedAlike() {
        // The back-off never asks whether the username exists: the same sequence for both.
        for (String username : new String[]{"exists", "does-not-exist"}) {
            for (int i = 0; i < 6; i++) {
                assertNull(backoff.begin("c" + i, username));
            }
            assertNotNull(backoff.begin("c7", username));
        }
    }

    @Test
    void oneClientFailingOnManyUsernamesIsSlowedToo() {
        for (int i = 0; i < 6; i++) {
            assertNull(backoff.begin("sprayer", "user-" + i));
        }
        assertNotNull(backoff.begin("sprayer", "user-99"));
        assertNull(backoff.begin("bystander", "user-99"));
    }

    @Test
    void theOwnerFromAClientThatLoggedInBeforeIsNotLockedOut() {
        assertNull(backoff.begin("owner-laptop", "alice"));
        backoff.succeeded("owner-laptop", "alice");
        for (int i = 0; i < 12; i++) {
            advance(Duration.ofNanos(backoff.waitNanos("attacker-" + i, "alice")));
            assertNull(backoff.begin("attacker-" + i, "alice"));
        }
        assertNotNull(backoff.begin("new-place", "alice"));
        // the owner's usual client is held back only by its own failures (none)
        assertNull(backoff.begin("owner-laptop", "alice"));
        backoff.succeeded("owner-laptop", "alice");
        // and a success clears the username's count for everyone
        assertNull(backoff.begin("new-place", "alice"));
    }

    @Test
    void aSuccessIsRefundedAndFailuresAreForgotten() {
        for (int i = 0; i < 20; i++) {
            assertNull(backoff.begin("office", "bob-" + (i % 2 == 0 ? "a" : "b")));
            backoff.succeeded("office", "bob-" + (i % 2 == 0 ? "a" : "b"));
        }
        for (int i = 0; i < 6; i++) {
            assertNull(backoff.begin("office", "typo-" + i));
        }
        assertNotNull(backoff.begin("office", "typo-9"));
        advance(Duration.ofHours(1).plusSeconds(1));
        assertNull(backoff.begin("office", "typo-9"));
    }
}
