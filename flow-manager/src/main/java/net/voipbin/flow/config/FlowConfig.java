package net.voipbin.flow.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** flow-manager's own settings ({@code flow.*}). */
@ConfigMapping(prefix = "flow")
public interface FlowConfig {

    Engine engine();

    /** How long a temporary flow (persist=false) no activeflow uses is kept. */
    @WithDefault("24h")
    Duration tmpFlowRetention();

    /** Deadlines of webhook_send's hand-off to webhook-manager (env: FLOW_WEBHOOK_SYNC_DEADLINE, ...). */
    Webhook webhook();

    interface Webhook {
        /** sync=true waits for the first attempt; webhook-manager cuts that attempt to fit in this. */
        @WithDefault("6s")
        Duration syncDeadline();

        /** sync=false only waits until the delivery is stored. */
        @WithDefault("3s")
        Duration asyncDeadline();
    }

    interface Engine {

        /** Actions an activeflow may step through in its lifetime (runaway loops end there). */
        @WithDefault("1000")
        int maxSteps();

        /** Control actions one NextAction may run before it must answer an action for the call. */
        @WithDefault("1000")
        int maxControlSteps();

        /**
         * Largest value a variable may hold, in UTF-8 bytes. Values are substituted from other variables, so
         * {@code set a=${a}${a}} in a loop doubles a value per step: without a bound it takes the heap of
         * every tenant's flows, long before the step cap.
         */
        @WithDefault("32768")
        int maxVariableBytes();

        /** Variables one activeflow may hold (its own and the referencing manager's). */
        @WithDefault("512")
        int maxVariables();

        /** HTTP timeout of fetch. */
        @WithDefault("5s")
        Duration fetchTimeout();
    }
}
