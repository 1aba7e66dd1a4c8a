package net.voipbin.api.ratelimit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two api-manager processes (the packaged jar, as two replicas behind a balancer) with
 * {@code voipbin.api.rate-limit.shared=true} against the machine's Redis: hammered together from one
 * client IP, they admit the burst plus the refill of the one shared bucket, not twice that (which is
 * what two per-instance buckets would admit).
 */
class SharedRateLimitIT {

    static final int BURST = 10;
    static final double RATE = 1.0;
    static final int REQUESTS = 80;
    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static final List<Process> replicas = new ArrayList<>();
    static final List<Integer> ports = new ArrayList<>();

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        assertTrue(Files.exists(JAR), JAR + " is missing: failsafe runs after package");
        assertTrue(reachable(6379), "Redis is not running on 127.0.0.1:6379: run scripts/ensure-infra.sh");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> settings = Map.ofEntries(
                Map.entry("voipbin.namespace", "test-" + run),
                Map.entry("voipbin.amqp.queue-expires", "5m"),
                // The packaged jar runs in production mode against this machine's guest/root services.
                Map.entry("voipbin.security.allow-default-credentials", "true"),
                Map.entry("quarkus.datasource.jdbc.url", "jdbc:mariadb://127.0.0.1:3306/voipbin_api_ratelimit_it?createDatabaseIfNotExist=true"),
                Map.entry("quarkus.datasource.reactive.url", "mysql://127.0.0.1:3306/voipbin_api_ratelimit_it"),
                Map.entry("voipbin.api.rate-limit.shared", "true"),
                // Warm-up requests come from other (forwarded) IPs than the measured burst.
                Map.entry("voipbin.api.rate-limit.trusted-proxies", "127.0.0.1/32"),
                // A key prefix of this run only: nothing left in Redis by an earlier run counts.
                Map.entry("voipbin.api.rate-limit.redis-key-prefix", "voipbin:api:rate-limit-it:" + run),
                // What is measured is the sharing, not the fail-open policy (RedisBucketStoreTest): on a
                // loaded machine a Redis round trip can exceed the 500 ms default and be admitted unlimited.
                Map.entry("voipbin.api.rate-limit.redis-timeout", "10s"),
                Map.entry("voipbin.api.rate-limit.ip.rate", String.valueOf(RATE)),
                Map.entry("voipbin.api.rate-limit.ip.burst", String.valueOf(BURST)));
        Path logs = Path.of("target/shared-rate-limit-it");
        Files.createDirectories(logs);
        for (int i = 0; i < 2; i++) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of("java", "-Xmx192m", "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.http.port=" + port));
            settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.addAll(List.of("-jar", JAR.toString()));
            replicas.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logs.resolve("replica-" + i + ".log").toFile()).start());
            ports.add(port);
        }
        for (int i = 0; i < 2; i++) {
            awaitReady(i, Duration.ofSeconds(120));
        }
    }

    @AfterAll
    static void stopReplicas() throws InterruptedException {
        for (Process p : replicas) {
            p.destroy();
        }
        for (Process p : replicas) {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void twoReplicasTogetherAdmitTheConfiguredRateNotTwiceIt() throws Exception {
        warmUp();
        String client = "10.77." + (int) (Math.random() * 255) + "." + (1 + (int) (Math.random() * 250));
        // [admitted, refused] per replica. /v1.0/me without credentials: the IP limit runs before
        // authentication, so an admitted request is a 401 and a refused one a 429.
        AtomicIntegerArray admitted = new AtomicIntegerArray(2);
        AtomicIntegerArray refused = new AtomicIntegerArray(2);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            int replica = i % 2;
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(replica) + "/v1.0/me"))
                    .header("X-Forwarded-For", client).timeout(Duration.ofSeconds(10)).build();
            sent.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(r -> {
                if (r.statusCode() == 401) {
                    admitted.incrementAndGet(replica);
                } else if (r.statusCode() == 429) {
                    assertTrue(r.headers().firstValue("Retry-After").isPresent(), "429 without Retry-After");
                    assertTrue(r.body().contains("\"limited_by\":\"ip\""), r.body());
                    refused.incrementAndGet(replica);
                } else {
                    fail("unexpected " + r.statusCode() + ": " + r.body());
                }
            }));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;

        int total = admitted.get(0) + admitted.get(1);
        // The one shared bucket: its burst plus what it refilled meanwhile (+1 for a token refilled
        // as the window closed). Per-instance buckets would admit 2 * BURST at least.
        long ceiling = BURST + (long) Math.ceil(RATE * seconds) + 1;
        String summary = "admitted " + admitted + ", refused " + refused + " in " + String.format("%.2f", seconds) + " s"
                + ", fail-open warnings in the replicas' logs: " + failOpenWarnings();
        assertTrue(seconds < (BURST - 2) / RATE, "the burst took too long to send to show anything: " + summary);
        assertTrue(total >= BURST, "the shared burst is available: " + summary);
        assertTrue(total <= ceiling, "at most " + ceiling + " admitted across both replicas: " + summary);
        assertTrue(total < 2 * BURST, summary);
        assertTrue(refused.get(0) > 0 && refused.get(1) > 0, "both replicas enforce the one limit: " + summary);
        assertEquals(REQUESTS, total + refused.get(0) + refused.get(1));
        for (int replica = 0; replica < 2; replica++) {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(replica) + "/q/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("voipbin_api_rate_limit_fail_open_total"), "the fail-open counter is exported");
        }
        System.out.println("SharedRateLimitIT: " + summary + ", ceiling " + ceiling);
    }

    /**
     * A cold JVM takes its first Redis round trips and code paths slowly; each replica serves a few
     * requests (each from its own IP, so their own buckets) before the measured burst.
     */
    static void warmUp() throws Exception {
        for (int round = 0; round < 20; round++) {
            for (int replica = 0; replica < 2; replica++) {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(replica) + "/v1.0/me"))
                        .header("X-Forwarded-For", "10.99." + replica + "." + (round + 1)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertEquals(401, r.statusCode(), "a fresh IP is admitted (and then refused for lack of credentials)");
            }
        }
    }

    static long failOpenWarnings() throws IOException {
        long count = 0;
        for (int i = 0; i < replicas.size(); i++) {
            try (var lines = Files.lines(Path.of("target/shared-rate-limit-it/replica-" + i + ".log"))) {
                count += lines.filter(l -> l.contains("rate limit store (Redis) unavailable")).count();
            }
        }
        return count;
    }

    static void awaitReady(int replica, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (!replicas.get(replica).isAlive()) {
                fail("replica " + replica + " exited, see target/shared-rate-limit-it/replica-" + replica + ".log");
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(replica) + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        fail("replica " + replica + " not ready within " + timeout);
    }

    static boolean reachable(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
