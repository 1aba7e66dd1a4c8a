package net.voipbin.webhook.service;

import net.voipbin.webhook.config.DeliveryConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The retry schedule: doubling from the initial backoff, capped, a longer Retry-After honoured up to the cap. */
class DeliveryLedgerTest {

    static final DeliveryConfig CONFIG = new DeliveryConfig() {
        public Duration connectTimeout() {
            return Duration.ofSeconds(5);
        }

        public Duration readTimeout() {
            return Duration.ofSeconds(5);
        }

        public int maxAttempts() {
            return 4;
        }

        public Duration backoffInitial() {
            return Duration.ofSeconds(1);
        }

        public Duration backoffMax() {
            return Duration.ofSeconds(60);
        }

        public Duration syncFallback() {
            return Duration.ofSeconds(30);
        }

        public int maxBody() {
            return 1024;
        }
    };

    final DeliveryLedger ledger = new DeliveryLedger(null, null, null, null, CONFIG);

    @Test
    void backoffDoublesPerAttemptUpToTheCap() {
        assertEquals(Duration.ofSeconds(1), ledger.backoff(1, null));
        assertEquals(Duration.ofSeconds(2), ledger.backoff(2, null));
        assertEquals(Duration.ofSeconds(4), ledger.backoff(3, null));
        assertEquals(Duration.ofSeconds(32), ledger.backoff(6, null));
        assertEquals(Duration.ofSeconds(60), ledger.backoff(7, null));
        assertEquals(Duration.ofSeconds(60), ledger.backoff(200, null), "no overflow on absurd attempt numbers");
    }

    @Test
    void aLongerRetryAfterWinsButNotBeyondTheCap() {
        assertEquals(Duration.ofSeconds(10), ledger.backoff(1, Duration.ofSeconds(10)));
        assertEquals(Duration.ofSeconds(4), ledger.backoff(3, Duration.ofSeconds(1)), "a shorter one does not shorten the wait");
        assertEquals(Duration.ofSeconds(60), ledger.backoff(1, Duration.ofHours(1)));
    }
}
