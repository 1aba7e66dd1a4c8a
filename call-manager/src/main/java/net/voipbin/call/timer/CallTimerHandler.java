package net.voipbin.call.timer;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import net.voipbin.common.db.Deadlocks;
import net.voipbin.common.db.DurableTimer;
import net.voipbin.common.db.TimerHandler;

import java.util.function.Function;

/**
 * The one shape of call-manager's timer handlers. The work runs on a fresh duplicated context, so in
 * its own short transactions beside the timer's claim, not inside it: inside, a flow step (lock the
 * call, ARI requests, the next action's locks) held the call's row for the whole step and could not
 * be retried when it lost a deadlock. Every handler re-checks the state it acts on (action sequence,
 * call status, stored file), so a timer that fires again after its work committed does nothing; the
 * claim commits "fired" only once the work succeeded, and a failure retries the timer.
 */
final class CallTimerHandler implements TimerHandler {

    private final String kind;
    private final Function<DurableTimer, Uni<Void>> work;

    CallTimerHandler(String kind, Function<DurableTimer, Uni<Void>> work) {
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
        // Isolated like every message's context, so Hibernate Reactive opens its own session on it.
        VertxContextSafetyToggle.setContextSafe(fresh, true);
        return Uni.createFrom().<Void>emitter(emitter -> fresh.runOnContext(v -> Deadlocks.retry(() -> work.apply(timer))
                        .subscribe().with(emitter::complete, emitter::fail)))
                // Back on the claiming context: the claim's session lives there.
                .emitOn(task -> claiming.runOnContext(v -> task.run()));
    }
}
