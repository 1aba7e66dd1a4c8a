package net.voipbin.common.rpc;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;

/**
 * Deadlines of RPCs in progress. Timeouts sit on one hashed-wheel timer per process (10 ms ticks):
 * arming and cancelling one is O(1) and wakes no thread, where a scheduled executor woke its
 * thread about once per call (measured in bench/). The deadline of the request being served is
 * kept in its duplicated Vert.x context, so calls it makes inherit it across async steps.
 */
public final class Deadlines {

    private static final String KEY = "x-deadline-nanos";
    private static final HashedWheelTimer WHEEL = new HashedWheelTimer(r -> {
        Thread t = new Thread(r, "rpc-deadlines");
        t.setDaemon(true);
        return t;
    }, 10, TimeUnit.MILLISECONDS, 512);

    private Deadlines() {
    }

    /** Runs {@code action} after {@code nanos} unless the returned timeout is cancelled first. */
    public static Timeout after(long nanos, Runnable action) {
        return WHEEL.newTimeout(t -> action.run(), nanos, TimeUnit.NANOSECONDS);
    }

    /** The {@link System#nanoTime()} deadline of the request this context serves, or 0 for none. */
    public static long current() {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            Object value = context.getLocal(KEY);
            return value instanceof Long l ? l : 0;
        }
        return 0;
    }

    static void set(Context context, long deadlineNanos) {
        context.putLocal(KEY, deadlineNanos);
    }
}
