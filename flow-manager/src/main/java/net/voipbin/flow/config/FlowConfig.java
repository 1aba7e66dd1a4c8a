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

    /** The per-customer token bucket of HTTP actions (fetch, webhook_send), per replica. */
    HttpQuota httpQuota();

    interface HttpQuota {
        /** Requests a customer's flows may make at once. */
        @WithDefault("100")
        int burst();

        /** One more request per this period (100ms: 10 a second, sustained). */
        @WithDefault("100ms")
        Duration tokenEvery();
    }

    /** billing-manager's "is this customer funded" before an HTTP action. */
    Billing billing();

    interface Billing {
        /** How long the engine waits for billing's answer; none in time refuses the action. */
        @WithDefault("2s")
        Duration deadline();

        /** How long one answer is kept per customer (and replica). */
        @WithDefault("10s")
        Duration fundedCacheFor();
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

        /**
         * HTTP actions (fetch, fetch_flow, webhook_send) one activeflow may run in its lifetime; past it each fails
         * with the reason and the flow goes on.
         */
        @WithDefault("100")
        int maxHttpActions();

        /** Actions all of an activeflow's stacks may hold together (pushed by fetch, fetch_flow, connect, PushActions). */
        @WithDefault("2000")
        int maxStackActions();

        /** JSON bytes all of an activeflow's stacks may hold together (the row rewritten every step). */
        @WithDefault("1048576")
        int maxStackBytes();

        /** HTTP timeout of fetch. */
        @WithDefault("5s")
        Duration fetchTimeout();
    }
}
