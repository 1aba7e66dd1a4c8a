package net.voipbin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Profiling aid ({@code --threads}): CPU time (user + system) and context switches of this JVM's
 * threads from /proc/self/task, grouped by thread name, so a window can say per call where the
 * time goes (amqp-client I/O threads, consumer pool, Vert.x event loops, deadline timers) and how
 * many thread wake-ups each call costs. Linux only; empty elsewhere.
 */
final class ThreadProfile {

    private static final long TICK_NANOS = 10_000_000L;

    record Counters(long cpuNanos, long voluntary, long involuntary) {
        Counters plus(Counters o) {
            return new Counters(cpuNanos + o.cpuNanos, voluntary + o.voluntary, involuntary + o.involuntary);
        }

        Counters minus(Counters o) {
            return new Counters(cpuNanos - o.cpuNanos, voluntary - o.voluntary, involuntary - o.involuntary);
        }
    }

    private final Map<String, Counters> byTid;

    private ThreadProfile(Map<String, Counters> byTid) {
        this.byTid = byTid;
    }

    private static final Map<String, String> NAMES = new HashMap<>();

    static ThreadProfile now() {
        Map<String, Counters> out = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
                    long vol = 0;
                    long invol = 0;
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            vol = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                            invol = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                    String tid = task.getFileName().toString();
                    synchronized (NAMES) {
                        NAMES.put(tid, group(comm));
                    }
                    out.put(tid, new Counters(cpu, vol, invol));
                } catch (IOException | RuntimeException e) {
                    // thread ended meanwhile
                }
            });
        } catch (IOException | RuntimeException e) {
            return new ThreadProfile(Map.of());
        }
        return new ThreadProfile(out);
    }

    /** Per-group difference since {@code earlier}, as text lines per call. */
    String since(ThreadProfile earlier, long calls) {
        Map<String, Counters> groups = new TreeMap<>();
        for (Map.Entry<String, Counters> e : byTid.entrySet()) {
            Counters before = earlier.byTid.getOrDefault(e.getKey(), new Counters(0, 0, 0));
            String name;
            synchronized (NAMES) {
                name = NAMES.getOrDefault(e.getKey(), "?");
            }
            groups.merge(name, e.getValue().minus(before), Counters::plus);
        }
        StringBuilder out = new StringBuilder();
        Counters total = new Counters(0, 0, 0);
        for (Map.Entry<String, Counters> e : groups.entrySet()) {
            Counters c = e.getValue();
            total = total.plus(c);
            if (c.cpuNanos == 0 && c.voluntary == 0) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "      %-22s cpu %7.1f us/call  wake-ups %5.2f/call  preempted %5.2f/call%n",
                    e.getKey(), c.cpuNanos / 1e3 / calls, (double) c.voluntary / calls, (double) c.involuntary / calls));
        }
        out.append(String.format(Locale.ROOT, "      %-22s cpu %7.1f us/call  wake-ups %5.2f/call  preempted %5.2f/call%n",
                "total", total.cpuNanos / 1e3 / calls, (double) total.voluntary / calls, (double) total.involuntary / calls));
        return out.toString();
    }

    private static String group(String comm) {
        // Linux keeps 15 characters of a thread name: "AMQP Connectio", "vert.x-eventlo", "pool-3-thread-1", ...
        String g = comm.replaceAll("[0-9]+", "N");
        if (g.startsWith("vert.x-eventlo")) {
            return "vertx event loops";
        }
        if (g.startsWith("AMQP Connectio")) {
            return "amqp i/o threads";
        }
        if (g.startsWith("pool-N-thread")) {
            return "amqp consumer pool";
        }
        if (g.startsWith("rpc-client-dea") || g.startsWith("rpc-server-dea")) {
            return "rpc deadline timers";
        }
        return g;
    }
}
