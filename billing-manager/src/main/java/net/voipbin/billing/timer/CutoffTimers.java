package net.voipbin.billing.timer;

import io.quarkus.arc.Unremovable;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import net.voipbin.billing.client.CallClient;
import net.voipbin.billing.service.CallCutoff;
import net.voipbin.common.db.IsolatedTimerHandler;
import net.voipbin.common.db.TimerHandler;

import java.util.UUID;

/**
 * The cut-off's durable timers. Their work runs beside the timer's claim ({@link IsolatedTimerHandler}):
 * the reservation locks the account row and is re-run whole when it loses a deadlock, and the
 * hangup's RPC holds no database transaction. Both re-check the
 * live row, so a firing after the call was charged, or a second firing, does nothing.
 */
@ApplicationScoped
public class CutoffTimers {

    /** Reserve minute k of a call (key {@code <call>:<k>}, payload the account id). */
    @Produces
    @Singleton
    @Unremovable
    TimerHandler minute(CallCutoff cutoff) {
        return new IsolatedTimerHandler(CallCutoff.TIMER_MINUTE, timer -> {
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
        return new IsolatedTimerHandler(CallCutoff.TIMER_HANGUP, timer -> {
            UUID callId = UUID.fromString(timer.key());
            return cutoff.stillLive(callId).chain(live -> live
                    ? calls.hangupForCutoff(timer.customerId(), callId)
                    : Uni.createFrom().voidItem());
        });
    }
}
