package net.voipbin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls through the public REST API against asterisk-sim, each followed to its end over call-manager's
 * event exchange: POST /v1.0/calls (a talk + hangup flow) is timed from the moment the request is sent to
 * the call's {@code call_answered}, and every accepted call must reach {@code call_hungup}.
 *
 * <p>Phases, each bounded: a warm-up at the open-loop rate in 10 s windows until two windows in a row
 * agree (throughput within 5 %, p50 within 20 %, no error) but never less than {@code warmup-min} nor more
 * than {@code warmup-max}; then an open loop (fixed arrival rate, requests sent on a schedule whatever the
 * answers do) for {@code measure} seconds; then a closed loop ({@code workers} callers, each placing its
 * next call when its previous one has hung up) for the same time; then a search for the highest open-loop
 * rate this machine holds (from a quarter of the target, steps of +25 % for 15 s each while p99 stays
 * under 1 s and nothing is lost).
 *
 * <p>During each measured window it counts, per call: CPU milliseconds of every process named on the
 * command line (from /proc), MariaDB's statements and commits (global status counters: the suite is the
 * only client during the run) and rows changed per schema (userstat's TABLE_STATISTICS, enabled for the
 * run). Prints the report on stdout; progress on stderr.
 *
 * <p>Arguments: namespace api-base token body-json rate measure-seconds workers warmup-min warmup-max
 * name=pid[,name=pid...]
 */
public final class CallsBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long TICK_NANOS = 10_000_000L;

    private final String api;
    private final String token;
    private final String body;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4)).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    /** A call placed: when its POST was sent, and the window it counts in. */
    private record Sent(long at, Window window) {
    }

    private final Map<String, Sent> sent = new ConcurrentHashMap<>();
    /** call_answered events that arrived before their POST's answer. */
    private final Map<String, Long> answered = new ConcurrentHashMap<>();
    private final java.util.Set<String> answeredOnce = ConcurrentHashMap.newKeySet();
    private final Map<String, Runnable> onHangup = new ConcurrentHashMap<>();
    private final Map<String, Boolean> hungUp = new ConcurrentHashMap<>();

    /** One measured stretch: its calls and its latencies. */
    static final class Window {
        final Histogram acceptToAnswer = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final AtomicInteger posted = new AtomicInteger();
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger answeredCalls = new AtomicInteger();
        final List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        final Map<Integer, Integer> errorStatuses = new ConcurrentHashMap<>();
        long startNanos;
        long endNanos;

        synchronized void answer(long nanos) {
            acceptToAnswer.recordValue(Math.min(nanos, acceptToAnswer.getHighestTrackableValue()));
            answeredCalls.incrementAndGet();
        }

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        synchronized double p(double q) {
            return acceptToAnswer.getTotalCount() == 0 ? Double.NaN : acceptToAnswer.getValueAtPercentile(q) / 1e6;
        }
    }

    private CallsBenchmark(String api, String token, String body) {
        this.api = api;
        this.token = token;
        this.body = body;
    }

    public static void main(String[] args) throws Exception {
        String namespace = args[0];
        CallsBenchmark b = new CallsBenchmark(args[1], args[2], args[3]);
        double rate = Double.parseDouble(args[4]);
        int measure = Integer.parseInt(args[5]);
        int workers = Integer.parseInt(args[6]);
        int warmupMin = Integer.parseInt(args[7]);
        int warmupMax = Integer.parseInt(args[8]);
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String pair : args[9].split(",")) {
            String[] kv = pair.split("=");
            pids.put(kv[0], Long.parseLong(kv[1]));
        }
        brokerPid().ifPresent(pid -> pids.put("rabbitmq", pid));
        mariadbPid().ifPresent(pid -> pids.put("mariadb", pid));
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        try (Connection c = f.newConnection("bench-calls")) {
            Channel ch = c.createChannel();
            String exchange = namespace + ".bin-manager.call-manager.event";
            ch.exchangeDeclarePassive(exchange);
            String q = ch.queueDeclare("", false, true, true, null).getQueue();
            ch.queueBind(q, exchange, "");
            ch.basicConsume(q, true, (tag, d) -> b.onEvent(d.getBody()), tag -> { });
            b.run(rate, measure, workers, warmupMin, warmupMax, pids);
        }
        System.exit(0);
    }

    private void onEvent(byte[] raw) {
        long now = System.nanoTime();
        try {
            JsonNode e = JSON.readTree(raw);
            String type = e.path("type").asText();
            String id = e.path("data").path("id").asText();
            if (type.equals("call_answered")) {
                Sent s = sent.get(id);
                if (s == null) {
                    answered.put(id, now); // the HTTP answer is still on its way: place() records it
                    s = sent.get(id);
                    if (s == null || answered.remove(id) == null) {
                        return;
                    }
                }
                if (answeredOnce.add(id)) {
                    s.window().answer(now - s.at());
                }
            } else if (type.equals("call_hungup") && hungUp.putIfAbsent(id, Boolean.TRUE) == null) {
                Runnable r = onHangup.remove(id);
                if (r != null) {
                    r.run();
                }
            }
        } catch (IOException ignored) {
            // not ours to judge: a malformed event is the event tests' subject
        }
    }

    /** Sends one POST; on acceptance registers the call (before the answer can arrive: the id comes back first). */
    private void place(Window w, Runnable afterHangup) {
        long at = System.nanoTime();
        w.posted.incrementAndGet();
        HttpRequest r = HttpRequest.newBuilder(URI.create(api + "/v1.0/calls")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(r, HttpResponse.BodyHandlers.ofString()).whenComplete((resp, err) -> {
            if (err != null || resp.statusCode() != 200) {
                w.errors.incrementAndGet();
                w.errorStatuses.merge(err != null ? -1 : resp.statusCode(), 1, Integer::sum);
                if (afterHangup != null) {
                    scheduler.schedule(afterHangup, 100, TimeUnit.MILLISECONDS);
                }
                return;
            }
            try {
                String id = JSON.readTree(resp.body()).path("calls").path(0).path("id").asText();
                w.accepted.incrementAndGet();
                w.ids.add(id);
                sent.put(id, new Sent(at, w));
                Long ans = answered.remove(id); // the event may have overtaken the HTTP answer
                if (ans != null && answeredOnce.add(id)) {
                    w.answer(ans - at);
                }
                if (afterHangup != null) {
                    onHangup.put(id, afterHangup);
                    if (hungUp.containsKey(id) && onHangup.remove(id) != null) {
                        afterHangup.run();
                    }
                }
            } catch (IOException e) {
                w.errors.incrementAndGet();
            }
        });
    }

    private Window openLoop(double rate, double seconds) throws InterruptedException {
        Window w = new Window();
        long period = (long) (1e9 / rate);
        long total = (long) (rate * seconds);
        w.startNanos = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = w.startNanos + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            place(w, null);
        }
        w.endNanos = System.nanoTime();
        return w;
    }

    private Window closedLoop(int workers, double seconds) throws InterruptedException {
        Window w = new Window();
        w.startNanos = System.nanoTime();
        long stop = w.startNanos + (long) (seconds * 1e9);
        Semaphore done = new Semaphore(0);
        for (int i = 0; i < workers; i++) {
            Runnable[] next = new Runnable[1];
            next[0] = () -> {
                if (System.nanoTime() < stop) {
                    place(w, next[0]);
                } else {
                    done.release();
                }
            };
            next[0].run();
        }
        if (!done.tryAcquire(workers, (long) (seconds * 1e9) + DRAIN_NANOS, TimeUnit.NANOSECONDS)) {
            log("closed loop: some callers still waited for a hangup at the end");
        }
        w.endNanos = Math.min(System.nanoTime(), stop);
        return w;
    }

    /** Waits until every accepted call of the window has hung up, at most 30 s; returns the ones that did not. */
    private List<String> drain(Window w) throws InterruptedException {
        long until = System.nanoTime() + DRAIN_NANOS;
        List<String> stuck;
        do {
            stuck = new ArrayList<>();
            synchronized (w.ids) {
                for (String id : w.ids) {
                    if (!hungUp.containsKey(id)) {
                        stuck.add(id);
                    }
                }
            }
            if (stuck.isEmpty() && w.accepted.get() + w.errors.get() == w.posted.get()) {
                return stuck;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < until);
        return stuck;
    }

    private void run(double rate, int measure, int workers, int warmupMin, int warmupMax, Map<String, Long> pids) throws Exception {
        System.out.printf(Locale.ROOT, "VoIPBIN-J calls through the REST API, %s%n", java.time.OffsetDateTime.now());
        System.out.printf(Locale.ROOT, "machine: %d cores; every process of the suite, the simulator, RabbitMQ and MariaDB on it%n",
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "call: POST /v1.0/calls %s%n", body);
        System.out.println("latency: POST sent -> call_answered event received (call-manager's event exchange); every accepted call");
        System.out.println("         must reach call_hungup within 30 s of the window's end, else it counts as stuck");
        System.out.println();
        // warm-up
        long warmStart = System.nanoTime();
        Window previous = null;
        String decided = null;
        int windows = 0;
        while (true) {
            Window w = openLoop(rate, 10);
            drain(w);
            windows++;
            double elapsed = (System.nanoTime() - warmStart) / 1e9;
            log("warm-up window %d: %.1f calls/s accepted, p50 %.0f ms, p99 %.0f ms, %d errors", windows,
                    w.accepted.get() / w.seconds(), w.p(50), w.p(99), w.errors.get());
            boolean steady = previous != null && w.errors.get() == 0 && previous.errors.get() == 0
                    && Math.abs(w.accepted.get() - previous.accepted.get()) <= 0.05 * previous.accepted.get()
                    && Math.abs(w.p(50) - previous.p(50)) <= 0.2 * previous.p(50);
            if (steady && elapsed >= warmupMin) {
                decided = String.format(Locale.ROOT, "steady after %d windows of 10 s (%.0f s): the last two agreed within"
                        + " 5 %% on throughput and 20 %% on p50, with no error", windows, elapsed);
                break;
            }
            if (elapsed >= warmupMax) {
                decided = String.format(Locale.ROOT, "NOT steady: stopped at the %d s bound after %d windows", warmupMax, windows);
                break;
            }
            previous = w;
        }
        System.out.println("warm-up: open loop at " + rate + " calls/s; " + decided);
        System.out.println();
        System.out.printf(Locale.ROOT, "%-26s %7s %8s %7s %7s %9s %9s %9s %7s %7s%n", "window", "posted", "accepted", "errors",
                "stuck", "calls/s", "p50 ms", "p99 ms", "max ms", "secs");
        Budget open = measure("open loop " + rate + "/s", () -> openLoop(rate, measure), pids);
        Budget closed = measure("closed loop " + workers + " callers", () -> closedLoop(workers, measure), pids);
        // the highest rate held
        double held = 0;
        String saturated = "not reached";
        // from a quarter of the target up, so a machine that cannot hold the target still reports what it holds
        for (double step0 = Math.max(1, rate / 4); step0 <= rate * 4; step0 *= 1.25) {
            double r = step0;
            Budget step = measure(String.format(Locale.ROOT, "search %.0f/s", r), () -> openLoop(r, 15), pids);
            if (step.stuck > 0 || step.window.errors.get() > 0 || step.window.p(99) > 1000
                    || step.window.accepted.get() < 0.95 * r * step.window.seconds()) {
                saturated = String.format(Locale.ROOT, "at %.0f/s (%s); busiest process then: %s", r,
                        step.stuck > 0 ? step.stuck + " stuck" : step.window.errors.get() > 0 ? step.window.errors.get() + " errors"
                                : "p99 " + Math.round(step.window.p(99)) + " ms", step.busiest());
                break;
            }
            held = r;
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "highest open-loop rate held (p99 < 1 s, nothing lost, 95 %% accepted): %.0f calls/s; "
                + "first failure %s%n", held, saturated);
        System.out.println();
        System.out.println("per-call budget (measured windows above; CPU from /proc/<pid>/stat, statements from MariaDB's global");
        System.out.println("status counters, rows changed per schema from TABLE_STATISTICS):");
        open.print();
        closed.print();
    }

    private interface Phase {
        Window run() throws Exception;
    }

    /** A phase with the counters read around it. */
    private Budget measure(String label, Phase phase, Map<String, Long> pids) throws Exception {
        Map<String, Long> cpu0 = cpu(pids);
        Map<String, Long> db0 = dbStatus();
        Map<String, Long> rows0 = rowsChanged();
        Window w = phase.run();
        List<String> stuck = drain(w);
        Map<String, Long> cpu1 = cpu(pids);
        Map<String, Long> db1 = dbStatus();
        Map<String, Long> rows1 = rowsChanged();
        System.out.printf(Locale.ROOT, "%-26s %7d %8d %7d %7d %9.1f %9.1f %9.1f %7.0f %7.1f%s%n", label, w.posted.get(),
                w.accepted.get(), w.errors.get(), stuck.size(), w.accepted.get() / w.seconds(), w.p(50), w.p(99), w.p(100),
                w.seconds(), w.errorStatuses.isEmpty() ? "" : "  errors by status " + w.errorStatuses);
        if (!stuck.isEmpty()) {
            System.out.println("  stuck, first ids: " + stuck.subList(0, Math.min(5, stuck.size())));
        }
        return new Budget(label, w, stuck.size(), minus(cpu1, cpu0), minus(db1, db0), minus(rows1, rows0));
    }

    private record Budget(String label, Window window, int stuck, Map<String, Long> cpu, Map<String, Long> db,
                          Map<String, Long> rows) {

        String busiest() {
            return cpu.entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(e -> String.format(Locale.ROOT, "%s %.2f cores", e.getKey(), e.getValue() / 1e9 / window.seconds()))
                    .orElse("?");
        }

        void print() {
            int calls = Math.max(1, window.accepted.get());
            System.out.printf(Locale.ROOT, "  %s, %d calls:%n", label, calls);
            long total = 0;
            StringBuilder line = new StringBuilder("    CPU ms per call:");
            for (Map.Entry<String, Long> e : cpu.entrySet()) {
                line.append(String.format(Locale.ROOT, " %s %.1f", e.getKey(), e.getValue() / 1e6 / calls));
                total += e.getValue();
            }
            System.out.println(line + String.format(Locale.ROOT, "; all %.1f", total / 1e6 / calls));
            long statements = db.getOrDefault("Com_select", 0L) + db.getOrDefault("Com_insert", 0L)
                    + db.getOrDefault("Com_update", 0L) + db.getOrDefault("Com_delete", 0L);
            System.out.printf(Locale.ROOT, "    statements per call: %.1f (SELECT %.1f, INSERT %.1f, UPDATE %.1f, DELETE %.1f); "
                            + "commits %.1f, rollbacks %.1f; deadlocks in the window: %d%n",
                    statements / (double) calls, per(db, "Com_select", calls), per(db, "Com_insert", calls),
                    per(db, "Com_update", calls), per(db, "Com_delete", calls), per(db, "Com_commit", calls),
                    per(db, "Com_rollback", calls), db.getOrDefault("Innodb_deadlocks", 0L));
            StringBuilder r = new StringBuilder("    rows changed per call by schema:");
            rows.forEach((schema, n) -> r.append(String.format(Locale.ROOT, " %s %.1f", schema, n / (double) calls)));
            System.out.println(r);
        }

        private static double per(Map<String, Long> m, String k, int calls) {
            return m.getOrDefault(k, 0L) / (double) calls;
        }
    }

    private static Map<String, Long> minus(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> out = new LinkedHashMap<>();
        a.forEach((k, v) -> out.put(k, v - b.getOrDefault(k, 0L)));
        return out;
    }

    private static Map<String, Long> cpu(Map<String, Long> pids) {
        Map<String, Long> out = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                out.put(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS);
            } catch (IOException | RuntimeException e) {
                out.put(name, 0L);
            }
        });
        return out;
    }

    private static Map<String, Long> dbStatus() throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : mysql("SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_select','Com_insert','Com_update','Com_delete',"
                + "'Com_commit','Com_rollback','Innodb_deadlocks')")) {
            String[] kv = line.split("\t");
            if (kv.length == 2) {
                out.put(kv[0], Long.parseLong(kv[1].trim()));
            }
        }
        return out;
    }

    private static Map<String, Long> rowsChanged() throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : mysql("SELECT TABLE_SCHEMA, SUM(ROWS_CHANGED) FROM information_schema.TABLE_STATISTICS "
                + "WHERE TABLE_SCHEMA LIKE 'voipbin\\_%\\_bench' GROUP BY TABLE_SCHEMA ORDER BY TABLE_SCHEMA")) {
            String[] kv = line.split("\t");
            if (kv.length == 2) {
                out.put(kv[0].replace("voipbin_", "").replace("_bench", ""), Long.parseLong(kv[1].trim()));
            }
        }
        return out;
    }

    private static List<String> mysql(String sql) throws Exception {
        Process p = new ProcessBuilder("mysql", "-uroot", "-N", "-B", "-e", sql).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
        p.waitFor(10, TimeUnit.SECONDS);
        return lines;
    }

    private static java.util.Optional<Long> brokerPid() {
        return processNamed("beam.smp");
    }

    private static java.util.Optional<Long> mariadbPid() {
        java.util.Optional<Long> p = processNamed("mariadbd");
        return p.isPresent() ? p : processNamed("mysqld");
    }

    private static java.util.Optional<Long> processNamed(String comm) {
        return ProcessHandle.allProcesses().filter(h -> {
            try {
                return Files.readString(Path.of("/proc/" + h.pid() + "/comm")).trim().equals(comm);
            } catch (IOException e) {
                return false;
            }
        }).map(ProcessHandle::pid).findFirst();
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "bench: " + format + "%n", args);
    }
}
