package net.voipbin.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Settings every manager shares. All keys can be overridden by environment variables
 * (VOIPBIN_AMQP_HOST, VOIPBIN_RPC_SERVER_PREFETCH, ...).
 */
@ConfigMapping(prefix = "voipbin")
public interface VoipbinConfig {

    /** This manager's name on the bus, e.g. {@code call-manager}; names its queues and exchange. */
    String serviceName();

    /**
     * Prefix for every broker object this process declares or addresses. Empty in production;
     * tests set a random value so parallel runs never take each other's messages.
     */
    Optional<String> namespace();

    Amqp amqp();

    Rpc rpc();

    Events events();

    Timers timers();

    Outbox outbox();

    interface Amqp {
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("5672")
        int port();

        @WithDefault("guest")
        String username();

        @WithDefault("guest")
        String password();

        @WithDefault("/")
        String virtualHost();

        /** quorum (survives a broker node, section 10) or classic. */
        @WithDefault("quorum")
        String queueType();

        /**
         * Deletes this process' durable queues after they have been unused this long ({@code x-expires}).
         * Unset in production; tests set it so their namespaced queues do not pile up in the broker.
         */
        Optional<Duration> queueExpires();

        /** Pause between reconnect attempts after the broker connection is lost. */
        @WithDefault("1s")
        Duration recoveryInterval();

        @WithDefault("10")
        int heartbeatSeconds();
    }

    interface Rpc {
        /** Deadline of a call whose caller set none. */
        @WithDefault("3s")
        Duration defaultDeadline();

        Server server();

        interface Server {
            /** Serve this manager's gRPC services on bin-manager.<service>.request. */
            @WithDefault("true")
            boolean enabled();

            /** Unacknowledged requests per replica; keep at or below the reactive pool size. */
            @WithDefault("16")
            int prefetch();

            /** How long shutdown waits for requests already being handled. */
            @WithDefault("10s")
            Duration drainTimeout();
        }
    }

    interface Events {
        /** Unacknowledged events per replica; keep at or below the reactive pool size. */
        @WithDefault("16")
        int prefetch();

        /** Delays of the retry steps before a failing event is parked in the DLQ. */
        @WithDefault("1s,10s,60s")
        java.util.List<Duration> retryDelays();

        /**
         * How long handled message ids are remembered for de-duplication; longer than any redelivery
         * or retry can take (the last retry step is 60 s).
         */
        @WithDefault("P7D")
        Duration dedupRetention();
    }

    interface Timers {
        /** How often each replica looks for due timers. */
        @WithDefault("250ms")
        Duration pollInterval();

        @WithDefault("50")
        int batchSize();

        /** Failed firings before a timer is parked (tm_failed set, kept for inspection). */
        @WithDefault("10")
        int maxAttempts();
    }

    interface Outbox {
        /** How often each replica relays stored events to the broker. */
        @WithDefault("200ms")
        Duration pollInterval();

        @WithDefault("100")
        int batchSize();
    }
}
