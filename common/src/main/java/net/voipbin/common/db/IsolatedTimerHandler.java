package net.voipbin.common.db;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Function;

/**
 * A timer handler whose work runs beside the timer's claim, not inside it: on a fresh duplicated
 * context, in its own short transactions, re-run whole when it loses a deadlock (1213). Inside the
 * claim, work that locks rows (a flow step locking a call, a reservation locking a billing account)
 * held them for the whole step and could not be retried. The price is that "fired" and the work no
 * longer commit together, so the work must re-check the state it acts on (an action's sequence, a
 * call's status, a live call's row) and do nothing when a timer fires again after its work committed;
 * the claim commits "fired" only once the work succeeded, and a failure retries the timer.
 * Used by call-manager's timers and billing-manager's cut-off.
 */
public final class IsolatedTimerHandler implements TimerHandler {

    private final String kind;
    private final Function<DurableTimer, Uni<Void>> work;

    public IsolatedTimerHandler(String kind, Function<DurableTimer, Uni<Void>> work) {
        this.kind = kind;
        this.work = work;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public Uni<Void> fire(DurableTimer timer) {
        Context claiming = Vertx.currentContext();
        if (claiming == null) {
            return Deadlocks.retry(() -> work.apply(timer));
        }
        Context fresh = VertxContext.createNewDuplicatedContext(claiming);
        // Isolated like a message's context, so Hibernate Reactive opens its own session on it.
        VertxContextSafetyToggle.setContextSafe(fresh, true);
        return Uni.createFrom().<Void>emitter(emitter -> fresh.runOnContext(v -> Deadlocks.retry(() -> work.apply(timer))
                        .subscribe().with(emitter::complete, emitter::fail)))
                // Back on the claiming context: the claim's session lives there.
                .emitOn(task -> claiming.runOnContext(v -> task.run()));
    }
}
