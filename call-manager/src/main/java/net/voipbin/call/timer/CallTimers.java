package net.voipbin.call.timer;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import net.voipbin.call.service.AfterHangup;
import net.voipbin.call.service.CallLifecycle;
import net.voipbin.call.service.FlowHandshake;
import net.voipbin.call.service.RecordingService;
import net.voipbin.common.db.IsolatedTimerHandler;
import net.voipbin.common.db.TimerHandler;

import java.util.UUID;

/** call-manager's durable timers; each fires once across replicas and survives restarts. */
@ApplicationScoped
public class CallTimers {

    @Produces
    @Singleton
    @Unremovable
    TimerHandler dialTimeout(CallLifecycle lifecycle) {
        return new IsolatedTimerHandler(CallLifecycle.TIMER_DIAL, timer -> lifecycle.onDialTimeout(UUID.fromString(timer.key())));
    }

    @Produces
    @Singleton
    @Unremovable
    TimerHandler maxDuration(CallLifecycle lifecycle) {
        return new IsolatedTimerHandler(CallLifecycle.TIMER_MAX_DURATION, timer -> lifecycle.onMaxDuration(UUID.fromString(timer.key())));
    }

    /** An action's timeout (sleep, digits_receive, digits_send, echo): completes it unless it is done already. */
    @Produces
    @Singleton
    @Unremovable
    TimerHandler actionTimeout(FlowHandshake handshake) {
        return new IsolatedTimerHandler(FlowHandshake.TIMER_ACTION, timer -> handshake.next(
                FlowHandshake.callOfTimerKey(timer.key()), Integer.parseInt(timer.payload()), false));
    }

    /** flow-manager was unavailable when the call asked for its next action: asks again. */
    @Produces
    @Singleton
    @Unremovable
    TimerHandler actionNextRetry(FlowHandshake handshake) {
        return new IsolatedTimerHandler(FlowHandshake.TIMER_ACTION_RETRY, timer -> handshake.next(
                FlowHandshake.callOfTimerKey(timer.key()), Integer.parseInt(timer.payload()), false));
    }

    @Produces
    @Singleton
    @Unremovable
    TimerHandler afterHangup(AfterHangup tail) {
        return new IsolatedTimerHandler(AfterHangup.TIMER, timer -> tail.run(UUID.fromString(timer.key())));
    }

    @Produces
    @Singleton
    @Unremovable
    TimerHandler storeRecording(RecordingService recordings) {
        return new IsolatedTimerHandler(RecordingService.TIMER_STORE, timer -> recordings.store(UUID.fromString(timer.key())));
    }
}
