package net.voipbin.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** api-manager settings ({@code voipbin.api.*}). */
@ConfigMapping(prefix = "voipbin.api")
public interface ApiConfig {

    Jwt jwt();

    Bootstrap bootstrap();

    RateLimit rateLimit();

    Ws ws();

    Rpc rpc();

    interface Jwt {
        /** The development default of {@link #key()}: accepted with a warning, never to be deployed. */
        String DEVELOPMENT_KEY = "voipbin-development-jwt-key-change-me-0123456789";

        /** HS256 secret (at least 32 bytes): signs the agent tokens and verifies them. */
        @WithDefault(DEVELOPMENT_KEY)
        String key();

        @WithDefault("P7D")
        Duration lifetime();
    }

    interface Bootstrap {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("admin")
        String superadminUsername();

        @WithDefault("admin-password")
        String superadminPassword();

        @WithDefault("demo")
        String demoUsername();

        @WithDefault("demo-password")
        String demoPassword();

        @WithDefault("demo")
        String demoCustomerName();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Use the first X-Forwarded-For address as the client IP (only behind a trusted proxy). */
        @WithDefault("false")
        boolean trustForwardedFor();

        /**
         * Keep the buckets in Redis ({@link #redisUri()}) so that every api-manager replica draws from the
         * same buckets; false keeps them in this instance's memory (N replicas admit N times the rate).
         */
        @WithDefault("false")
        boolean shared();

        /** The Redis holding the shared buckets (only read when {@link #shared()}). */
        @WithDefault("redis://127.0.0.1:6379")
        String redisUri();

        /**
         * Longest wait for Redis per request; past it (or with Redis down) the request is admitted and a
         * warning logged: an unreachable rate-limit store must not take the API down with it.
         */
        @WithDefault("500ms")
        Duration redisTimeout();

        /** Prefix of the bucket keys in Redis, so several deployments (or test runs) can share one Redis. */
        @WithDefault("voipbin:api:rate-limit")
        String redisKeyPrefix();

        Tier ip();

        Tier customer();

        Tier login();

        interface Tier {
            /** Tokens per second. */
            double rate();

            int burst();
        }
    }

    interface Ws {
        /** Messages buffered per WebSocket client; a client that falls this far behind is disconnected. */
        @WithDefault("1000")
        int buffer();

        /** Managers whose event exchanges feed the WebSocket. */
        @WithDefault("call-manager,flow-manager,queue-manager,transfer-manager,billing-manager,storage-manager,webhook-manager")
        List<String> publishers();
    }

    interface Rpc {
        /** Deadline of every manager call the gateway makes; past it the caller gets 503 + Retry-After. */
        @WithDefault("3s")
        Duration deadline();
    }
}
