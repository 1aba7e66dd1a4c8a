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

    interface Engine {

        /** Actions an activeflow may step through in its lifetime (runaway loops end there). */
        @WithDefault("1000")
        int maxSteps();

        /** Control actions one NextAction may run before it must answer an action for the call. */
        @WithDefault("1000")
        int maxControlSteps();

        /** HTTP timeout of fetch and webhook_send. */
        @WithDefault("5s")
        Duration fetchTimeout();
    }
}
