package net.voipbin.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time used so far by this JVM, by the local RabbitMQ (beam.smp, from /proc) and by the whole
 * machine, so a window can say how many CPU microseconds each call cost in our process and in the
 * broker, and how busy other processes kept the machine meanwhile. Linux only; missing figures read -1.
 */
record CpuSample(long jvmNanos, long brokerNanos, long machineBusyNanos) {

    private static final long TICK_NANOS = 10_000_000L; // USER_HZ is 100 on Linux
    private static volatile long brokerPid = -2;

    static CpuSample now() {
        return new CpuSample(jvm(), broker(), machineBusy());
    }

    CpuSample minus(CpuSample earlier) {
        return new CpuSample(diff(jvmNanos, earlier.jvmNanos), diff(brokerNanos, earlier.brokerNanos),
                diff(machineBusyNanos, earlier.machineBusyNanos));
    }

    CpuSample plus(CpuSample other) {
        return new CpuSample(sum(jvmNanos, other.jvmNanos), sum(brokerNanos, other.brokerNanos),
                sum(machineBusyNanos, other.machineBusyNanos));
    }

    /** CPU used by processes other than this JVM and the broker. */
    long otherNanos() {
        return jvmNanos < 0 || brokerNanos < 0 || machineBusyNanos < 0 ? -1
                : Math.max(0, machineBusyNanos - jvmNanos - brokerNanos);
    }

    private static long diff(long a, long b) {
        return a < 0 || b < 0 ? -1 : a - b;
    }

    private static long sum(long a, long b) {
        return a < 0 || b < 0 ? -1 : a + b;
    }

    private static long jvm() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static long broker() {
        long pid = brokerPid;
        if (pid == -2) {
            pid = findBroker().orElse(-1);
            brokerPid = pid;
        }
        if (pid < 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is f[0], utime is field 14 overall -> f[11], stime f[12]
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static OptionalLong findBroker() {
        try (var dirs = Files.list(Path.of("/proc"))) {
            return dirs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            String cmd = Files.readString(p.resolve("cmdline"));
                            return cmd.contains("beam.smp") && cmd.contains("rabbit");
                        } catch (IOException | RuntimeException e) {
                            return false;
                        }
                    })
                    .mapToLong(p -> Long.parseLong(p.getFileName().toString()))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static long machineBusy() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = first.trim().split("\\s+");
            long busy = 0;
            // cpu user nice system idle iowait irq softirq steal ...: busy = all but idle and iowait
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
