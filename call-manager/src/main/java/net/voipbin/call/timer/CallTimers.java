package net.voipbin.call.timer;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.service.CallLifecycle;
import net.voipbin.call.service.FlowDriver;
import net.voipbin.call.service.RecordingService;
import net.voipbin.common.db.DurableTimer;
import net.voipbin.common.db.TimerHandler;

import java.util.UUID;

/** call-manager's durable timers; each fires once across replicas and survives restarts. */
public final class CallTimers {

    private CallTimers() {
    }

    @ApplicationScoped
    public static class DialTimeout implements TimerHandler {
        private final CallLifecycle lifecycle;

        public DialTimeout(CallLifecycle lifecycle) {
            this.lifecycle = lifecycle;
        }

        @Override
        public String kind() {
            return CallLifecycle.TIMER_DIAL;
        }

        @Override
        public Uni<Void> fire(DurableTimer timer) {
            return lifecycle.onDialTimeout(UUID.fromString(timer.key()));
        }
    }

    @ApplicationScoped
    public static class MaxDuration implements TimerHandler {
        private final CallLifecycle lifecycle;

        public MaxDuration(CallLifecycle lifecycle) {
            this.lifecycle = lifecycle;
        }

        @Override
        public String kind() {
            return CallLifecycle.TIMER_MAX_DURATION;
        }

        @Override
        public Uni<Void> fire(DurableTimer timer) {
            return lifecycle.onMaxDuration(UUID.fromString(timer.key()));
        }
    }

    @ApplicationScoped
    public static class ActionTimeout implements TimerHandler {
        private final FlowDriver driver;

        public ActionTimeout(FlowDriver driver) {
            this.driver = driver;
        }

        @Override
        public String kind() {
            return CallLifecycle.TIMER_ACTION;
        }

        @Override
        public Uni<Void> fire(DurableTimer timer) {
            return driver.onActionTimeout(UUID.fromString(timer.key()), Integer.parseInt(timer.payload()));
        }
    }

    @ApplicationScoped
    public static class ActionNextRetry implements TimerHandler {
        private final FlowDriver driver;

        public ActionNextRetry(FlowDriver driver) {
            this.driver = driver;
        }

        @Override
        public String kind() {
            return CallLifecycle.TIMER_ACTION_RETRY;
        }

        @Override
        public Uni<Void> fire(DurableTimer timer) {
            return driver.next(UUID.fromString(timer.key()), Integer.parseInt(timer.payload()), false);
        }
    }

    @ApplicationScoped
    public static class AfterHangup implements TimerHandler {
        private final CallLifecycle lifecycle;

        public AfterHangup(CallLifecycle lifecycle) {
            this.lifecycle = lifecycle;
        }

        @Override
        public String kind() {
            return CallLifecycle.TIMER_AFTER_HANGUP;
        }

        @Override
        public Uni<Void> fire(DurableTimer timer) {
            return lifecycle.afterHangup(UUID.fromString(timer.key()));
        }
    }

    @ApplicationScoped
    public static class StoreRecording implements TimerHandler {
        private final RecordingService recordings;

        public StoreRecording(RecordingService recordings) {
            this.recordings = recordings;
        }

        @Override
        public String kind() {
            return RecordingService.TIMER_STORE;
        }

        @Override
        public Uni<Void> fire(DurableTimer timer) {
            return recordings.store(UUID.fromString(timer.key()));
        }
    }
}
