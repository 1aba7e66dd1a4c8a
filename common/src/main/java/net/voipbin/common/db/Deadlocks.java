package net.voipbin.common.db;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * InnoDB resolves a lock cycle by rolling one transaction back (error 1213, SQLSTATE 40001); the
 * victim is expected to run again. Work that locks rows concurrently (events of many calls at once)
 * goes through {@link #retry}, which re-runs the whole transaction a few times with jittered backoff.
 */
public final class Deadlocks {

    private Deadlocks() {
    }

    public static boolean isDeadlock(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("Deadlock found") || message.contains("40001")
                    || message.contains("errorCode=1213") || message.contains("Lock wait timeout"))) {
                return true;
            }
            if (t.getClass().getSimpleName().equals("LockAcquisitionException")) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code work} (a fresh Uni per attempt) and runs it again when it lost a deadlock, up to 8 times. */
    public static <T> Uni<T> retry(Supplier<Uni<T>> work) {
        return Uni.createFrom().<T>deferred(() -> work.get())
                .onFailure(Deadlocks::isDeadlock).retry()
                .withBackOff(Duration.ofMillis(10), Duration.ofMillis(200)).withJitter(0.5).atMost(8);
    }
}
