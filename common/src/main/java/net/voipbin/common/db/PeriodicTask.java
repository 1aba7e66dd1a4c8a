package net.voipbin.common.db;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import net.voipbin.common.rpc.EventLoopContexts;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** Runs a reactive job every interval on a fresh duplicated context; a run never overlaps the previous one. */
final class PeriodicTask {

    private static final Logger LOG = Logger.getLogger(PeriodicTask.class);

    private final Vertx vertx;
    private final EventLoopContexts contexts;
    private final String name;
    private final Supplier<Uni<?>> job;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long timerId = -1;

    PeriodicTask(Vertx vertx, String name, Supplier<Uni<?>> job) {
        this.vertx = vertx;
        this.contexts = new EventLoopContexts(vertx, 1);
        this.name = name;
        this.job = job;
    }

    void start(Duration interval) {
        timerId = vertx.setPeriodic(interval.toMillis(), id -> runNow());
    }

    /** Runs the job now unless a run is in progress. */
    void runNow() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        contexts.newDuplicated().runOnContext(v -> {
            Uni<?> run;
            try {
                run = job.get();
            } catch (RuntimeException e) {
                run = Uni.createFrom().failure(e);
            }
            run.subscribe().with(
                    ignored -> running.set(false),
                    failure -> {
                        running.set(false);
                        LOG.warnf("%s failed: %s", name, failure.toString());
                    });
        });
    }

    void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (running.get() && System.nanoTime() < until) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
