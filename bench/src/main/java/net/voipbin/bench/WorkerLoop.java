package net.voipbin.bench;

import io.smallrye.mutiny.Uni;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Closed loop of stateful workers, as {@link ClosedLoop} but each worker keeps its own state (an
 * activeflow it is stepping through) and may do untimed setup before the timed part of a step.
 * A step answers a {@link Sample}: the nanoseconds of its timed part (recorded in the latency
 * histogram; negative = not recorded) and the units of work it completed (counted for the rate).
 * Bounded by time (warm-up + window), by {@code maxSteps}, and a drain of at most {@code drainMillis}.
 */
final class WorkerLoop {

    record Sample(long nanos, long units) {
    }

    /** One worker: {@code step()} is subscribed once per step, never concurrently for the same worker. */
    interface Worker {
        Uni<Sample> step();
    }

    record Result(String label, int level, double seconds, Histogram latencyNanos, long units, long errors, long lost,
                  String firstError) {
        double unitsPerSecond() {
            return units / seconds;
        }

        double callsPerSecond() {
            return latencyNanos.getTotalCount() / seconds;
        }

        double p50Millis() {
            return latencyNanos.getValueAtPercentile(50) / 1e6;
        }

        double p99Millis() {
            return latencyNanos.getValueAtPercentile(99) / 1e6;
        }

        Result plus(Result other) {
            Histogram h = latencyNanos.copy();
            h.add(other.latencyNanos);
            return new Result(label, level, seconds + other.seconds, h, units + other.units, errors + other.errors,
                    lost + other.lost, firstError != null ? firstError : other.firstError);
        }
    }

    private final Recorder recorder = new Recorder(3);
    private final LongAdder units = new LongAdder();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong issued = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final long maxSteps;
    private final ScheduledExecutorService retry;
    private volatile boolean stopping;
    private volatile String firstError;

    WorkerLoop(long maxSteps) {
        this.maxSteps = maxSteps;
        this.retry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-retry");
            t.setDaemon(true);
            return t;
        });
    }

    Result run(String label, int level, IntFunction<Worker> workers, long warmupMillis, long measureMillis,
               long drainMillis) throws InterruptedException {
        running.set(level);
        for (int i = 0; i < level; i++) {
            next(workers.apply(i));
        }
        Thread.sleep(warmupMillis);
        recorder.getIntervalHistogram(); // discard the warm-up
        units.reset();
        errors.set(0);
        long start = System.nanoTime();
        Thread.sleep(measureMillis);
        Histogram window = recorder.getIntervalHistogram();
        long windowUnits = units.sum();
        double seconds = (System.nanoTime() - start) / 1e9;
        long windowErrors = errors.get();
        stopping = true;
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
        while (running.get() > 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        retry.shutdownNow();
        return new Result(label, level, seconds, window, windowUnits, windowErrors, Math.max(0, running.get()), firstError);
    }

    private void next(Worker worker) {
        if (stopping || issued.incrementAndGet() > maxSteps) {
            running.decrementAndGet();
            return;
        }
        Uni<Sample> step;
        try {
            step = worker.step();
        } catch (RuntimeException e) {
            failed(worker, e);
            return;
        }
        step.subscribe().with(sample -> {
            if (sample.nanos() >= 0) {
                recorder.recordValue(sample.nanos());
            }
            units.add(sample.units());
            next(worker);
        }, failure -> failed(worker, failure));
    }

    private void failed(Worker worker, Throwable failure) {
        if (errors.incrementAndGet() == 1 || firstError == null) {
            firstError = failure.toString();
            System.err.printf(Locale.ROOT, "bench: step failed: %s%n", failure);
        }
        // Never recurse on a failure, and do not spin on a dead service.
        try {
            retry.schedule(() -> next(worker), 10, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            running.decrementAndGet();
        }
    }
}
