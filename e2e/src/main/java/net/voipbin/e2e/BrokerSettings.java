package net.voipbin.e2e;

import net.voipbin.common.config.VoipbinConfig;

import java.time.Duration;
import java.util.Optional;

/** Broker settings for code running outside a service (demo, e2e tests), from VOIPBIN_AMQP_* or local defaults. */
public final class BrokerSettings {

    private BrokerSettings() {
    }

    public static VoipbinConfig.Amqp fromEnvironment() {
        return new VoipbinConfig.Amqp() {
            public String host() { return env("VOIPBIN_AMQP_HOST", "127.0.0.1"); }
            public int port() { return Integer.parseInt(env("VOIPBIN_AMQP_PORT", "5672")); }
            public String username() { return env("VOIPBIN_AMQP_USERNAME", "guest"); }
            public String password() { return env("VOIPBIN_AMQP_PASSWORD", "guest"); }
            public String virtualHost() { return "/"; }
            public String queueType() { return env("VOIPBIN_AMQP_QUEUE_TYPE", "quorum"); }
            public Optional<Duration> queueExpires() { return Optional.empty(); }
            public Duration recoveryInterval() { return Duration.ofSeconds(1); }
            public int heartbeatSeconds() { return 10; }
        };
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
