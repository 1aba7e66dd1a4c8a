package net.voipbin.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load: N workers, each issuing its next call when the previous one completes, so
 * exactly N calls are in flight. Bounded by time (the caller stops it) and by count
 * ({@code maxCalls}), and a drain that waits at most {@code drainMillis} for calls still out.
 */
final class ClosedLoop {

    /** One asynchronous request/reply; must call {@code done} exactly once, on any thread. */
    interface Transport {
        void call(Completion done);
    }

    interface Completion {
        void done(boolean ok);
    }

    /** What one or more measured windows produced (rounds of the same run add up). */
    record Result(String label, int level, double seconds, Histogram latencyNanos, long errors, long lost,
                  CpuSample cpu) {
        double callsPerSecond() {
            return latencyNanos.getTotalCount() / seconds;
        }

        double p50Millis() {
            return latencyNanos.getValueAtPercentile(50) / 1e6;
        }

        double p99Millis() {
            return latencyNanos.getValueAtPercentile(99) / 1e6;
        }

        /** CPU microseconds per completed call in this JVM (client + server halves together). */
        double jvmMicrosPerCall() {
            return perCall(cpu.jvmNanos());
        }

        double brokerMicrosPerCall() {
            return perCall(cpu.brokerNanos());
        }

        /** Cores' worth of CPU other processes used during the windows. */
        double otherCores() {
            long other = cpu.otherNanos();
            return other < 0 ? -1 : other / 1e9 / seconds;
        }

        private double perCall(long nanos) {
            long calls = latencyNanos.getTotalCount();
            return nanos < 0 || calls == 0 ? -1 : nanos / 1e3 / calls;
        }

        Result plus(Result other) {
            Histogram h = latencyNanos.copy();
            h.add(other.latencyNanos);
            return new Result(label, level, seconds + other.seconds, h, errors + other.errors, lost + other.lost,
                    cpu.plus(other.cpu));
        }
    }

    /** --threads: print a per-thread-group CPU and wake-up breakdown of every window to stderr. */
    static volatile boolean profileThreads;

    private final Transport transport;
    private final Recorder recorder = new Recorder(3);
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final long maxCalls;
    private final ScheduledExecutorService retry;
    private volatile boolean stopping;

    ClosedLoop(Transport transport, long maxCalls) {
        this.transport = transport;
        this.maxCalls = maxCalls;
        this.retry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-retry");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts {@code level} workers, warms up, measures, drains; returns the measured window. */
    Result run(String label, int level, long warmupMillis, long measureMillis, long drainMillis)
            throws InterruptedException {
        running.set(level);
        for (int i = 0; i < level; i++) {
            next();
        }
        Thread.sleep(warmupMillis);
        errors.set(0);
        recorder.getIntervalHistogram(); // discard the warm-up
        CpuSample cpuStart = CpuSample.now();
        ThreadProfile threadsStart = profileThreads ? ThreadProfile.now() : null;
        long start = System.nanoTime();
        Thread.sleep(measureMillis);
        Histogram window = recorder.getIntervalHistogram();
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuSample cpu = CpuSample.now().minus(cpuStart);
        if (threadsStart != null && window.getTotalCount() > 0) {
            System.err.printf(java.util.Locale.ROOT, "profile %s, %d in flight: %d calls, %.0f/s, broker %.1f us/call%n%s",
                    label, level, window.getTotalCount(), window.getTotalCount() / seconds,
                    cpu.brokerNanos() / 1e3 / window.getTotalCount(),
                    ThreadProfile.now().since(threadsStart, window.getTotalCount()));
        }
        long windowErrors = errors.get();
        stopping = true;
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
        while (running.get() > 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        retry.shutdownNow();
        return new Result(label, level, seconds, window, windowErrors, Math.max(0, running.get()), cpu);
    }

    private void next() {
        if (stopping || issued.incrementAndGet() > maxCalls) {
            running.decrementAndGet();
            return;
        }
        long t0 = System.nanoTime();
        transport.call(ok -> {
            long elapsed = System.nanoTime() - t0;
            if (ok) {
                recorder.recordValue(elapsed);
                next();
            } else {
                errors.incrementAndGet();
                // A failure may arrive synchronously: never recurse on it, and do not spin on a dead broker.
                try {
                    retry.schedule(this::next, 10, TimeUnit.MILLISECONDS);
                } catch (RuntimeException e) {
                    running.decrementAndGet();
                }
            }
        });
    }
}
