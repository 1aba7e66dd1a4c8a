package net.voipbin.api.ratelimit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without a Redis to talk to, the shared store admits (fails open) promptly instead of failing requests. */
class RedisBucketStoreTest {

    @Test
    void anUnreachableRedisAdmitsWithinTheTimeout() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        AtomicInteger failOpen = new AtomicInteger();
        try (RedisBucketStore store = new RedisBucketStore("redis://127.0.0.1:" + closedPort, "test", Duration.ofMillis(300),
                failOpen::incrementAndGet)) {
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                long wait = store.tryTake("ip:10.0.0.1", BucketPlans.plan(1, 1)).await().atMost(Duration.ofSeconds(5));
                assertEquals(0, wait, "admitted");
                assertTrue(System.nanoTime() - started < Duration.ofSeconds(2).toNanos(), "no hanging on a dead Redis");
            }
        }
        assertEquals(3, failOpen.get(), "each admission without Redis is counted");
    }
}
