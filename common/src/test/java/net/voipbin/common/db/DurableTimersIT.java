package net.voipbin.common.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.common.config.VoipbinConfig;
import net.voipbin.common.id.Ids;
import net.voipbin.common.testing.OnVertx;
import net.voipbin.common.support.TestNote;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Durable timers in MariaDB, with a second replica's poller competing for them. */
@QuarkusTest
class DurableTimersIT {

    @Inject
    DurableTimers timers;
    @Inject
    RecordingTimerHandler handler;
    @Inject
    VoipbinConfig config;
    @Inject
    Vertx vertx;

    /** Replica B: the same poller code with its own loop, as a second process would run it. */
    private TimerPoller replicaB() {
        TimerHandler asB = new TimerHandler() {
            @Override
            public String kind() {
                return "test-timer";
            }

            @Override
            public Uni<Void> fire(DurableTimer timer) {
                return handler.fire(timer, "replica-b");
            }
        };
        TimerPoller poller = new TimerPoller(vertx, List.of(asB), config.timers(), null);
        poller.start();
        return poller;
    }

    private void schedule(String key, String payload, Instant at) {
        OnVertx.run(vertx, () -> Panache.withTransaction(() -> timers.schedule("test-timer", key, Ids.newId(), payload, at)));
    }

    private long notes(String key) {
        return OnVertx.run(vertx, () -> Panache.withSession(() -> TestNote.count("source = 'timer' and text = ?1", key)));
    }

    @Test
    void everyTimerFiresExactlyOnceWithTwoReplicasCompeting() {
        TimerPoller b = replicaB();
        try {
            List<String> keys = new ArrayList<>();
            Instant due = Instant.now().plusMillis(300);
            for (int i = 0; i < 40; i++) {
                String key = "race-" + i + "-" + UUID.randomUUID();
                keys.add(key);
                schedule(key, "", due);
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> keys.stream().allMatch(k -> handler.count(k) >= 1));
            // Give a doubled firing the time to show up before asserting there is none.
            await().pollDelay(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> true);
            for (String key : keys) {
                assertEquals(1, handler.count(key), "timer " + key + " fired more than once");
                assertEquals(1, notes(key));
                assertTrue(!handler.firedAt(key).isBefore(due.minusMillis(5)), "fired before it was due");
            }
            long byB = keys.stream().filter(k -> "replica-b".equals(handler.firedBy(k))).count();
            System.out.printf("timers fired: replica-a %d, replica-b %d%n", keys.size() - byB, byB);
        } finally {
            b.stop();
        }
    }

    @Test
    void timerSetByAStoppedReplicaIsFiredByTheOtherOnce() {
        TimerPoller a = timers.poller();
        a.stop(); // replica A set the timer and died before it was due
        try {
            String key = "orphan-" + UUID.randomUUID();
            schedule(key, "", Instant.now().plusMillis(300));
            TimerPoller b = replicaB();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> handler.count(key) == 1);
                assertEquals("replica-b", handler.firedBy(key));
            } finally {
                b.stop();
            }
        } finally {
            a.start();
        }
    }

    @Test
    void cancelledTimerNeverFiresAndRescheduleReplacesIt() {
        String cancelled = "cancelled-" + UUID.randomUUID();
        String moved = "moved-" + UUID.randomUUID();
        schedule(cancelled, "", Instant.now().plusMillis(400));
        schedule(moved, "", Instant.now().plusMillis(300));
        schedule(moved, "", Instant.now().plusMillis(1200));
        assertTrue(OnVertx.run(vertx, () -> Panache.withTransaction(() -> timers.cancel("test-timer", cancelled))));
        Instant rescheduled = Instant.now().plusMillis(1100);
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.count(moved) == 1);
        assertTrue(handler.firedAt(moved).isAfter(rescheduled), "the re-armed timer kept its old time");
        assertEquals(0, handler.count(cancelled));
    }

    @Test
    void failedFiringIsRetriedNotLost() {
        String key = "retry-" + UUID.randomUUID();
        schedule(key, "fail-once", Instant.now());
        // The handler counts a firing inside its transaction, before the commit: wait for the committed note.
        await().atMost(Duration.ofSeconds(10)).until(() -> notes(key) == 1);
        assertEquals(1, handler.count(key));
    }
}
