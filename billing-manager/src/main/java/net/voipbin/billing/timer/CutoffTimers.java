package net.voipbin.billing.timer;

import io.quarkus.arc.Unremovable;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import net.voipbin.billing.client.CallClient;
import net.voipbin.billing.service.CallCutoff;
import net.voipbin.common.db.Deadlocks;
import net.voipbin.common.db.DurableTimer;
import net.voipbin.common.db.TimerHandler;

import java.util.UUID;
import java.util.function.Function;

/**
 * The cut-off's durable timers. Their work runs beside the timer's claim, on a fresh context in its
 * own transaction (as call-manager's timers do): the reservation locks the account row and is re-run
 * whole when it loses a deadlock, and the hangup's RPC holds no database transaction. Both re-check the
 * live row, so a firing after the call was charged, or a second firing, does nothing.
 */
@ApplicationScoped
public class CutoffTimers {

    /** Reserve minute k of a call (key {@code <call>:<k>}, payload the account id). */
    @Produces
    @Singleton
    @Unremovable
    TimerHandler minute(CallCutoff cutoff) {
        return new Beside(CallCutoff.TIMER_MINUTE, timer -> {
            int colon = timer.key().indexOf(':');
            return cutoff.onMinuteDue(UUID.fromString(timer.payload()), UUID.fromString(timer.key().substring(0, colon)),
                    Long.parseLong(timer.key().substring(colon + 1)));
        });
    }

    /** Hang up a call cut off (key = call id); retried with the timer's backoff while call-manager fails. */
    @Produces
    @Singleton
    @Unremovable
    TimerHandler hangup(CallCutoff cutoff, CallClient calls) {
        return new Beside(CallCutoff.TIMER_HANGUP, timer -> {
            UUID callId = UUID.fromString(timer.key());
            return cutoff.stillLive(callId).chain(live -> live
                    ? calls.hangupForCutoff(timer.customerId(), callId)
                    : Uni.createFrom().voidItem());
        });
    }

    static final class Beside implements TimerHandler {
        private final String kind;
        private final Function<DurableTimer, Uni<Void>> work;

        Beside(String kind, Function<DurableTimer, Uni<Void>> work) {
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
            // Isolated like a message's context, so Hibernate Reactive opens a session of its own on it.
            VertxContextSafetyToggle.setContextSafe(fresh, true);
            return Uni.createFrom().<Void>emitter(emitter -> fresh.runOnContext(v -> Deadlocks.retry(() -> work.apply(timer))
                            .subscribe().with(emitter::complete, emitter::fail)))
                    // Back on the claiming context: the claim's session lives there.
                    .emitOn(task -> claiming.runOnContext(v -> task.run()));
        }
    }
}
