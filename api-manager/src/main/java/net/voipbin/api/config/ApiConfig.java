package net.voipbin.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** api-manager settings ({@code voipbin.api.*}). */
@ConfigMapping(prefix = "voipbin.api")
public interface ApiConfig {

    Jwt jwt();

    Bootstrap bootstrap();

    RateLimit rateLimit();

    Ws ws();

    Signup signup();

    Rpc rpc();

    Password password();

    Cookie cookie();

    Cors cors();

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

        /**
         * The proxies (CIDRs, e.g. {@code 10.0.0.0/8,127.0.0.1/32}) whose {@code X-Forwarded-For} is believed: the
         * client is the rightmost hop that is not one of them. Empty: the peer address is the client.
         */
        Optional<List<String>> trustedProxies();

        /** Exponential back-off on failed logins, per client and per username ({@link LoginBackoff}). */
        LoginBackoff loginBackoff();

        interface LoginBackoff {
            /** Failures (per client, per username) before any delay. */
            @WithDefault("5")
            int freeFailures();

            /** The first delay; each further failure doubles it. */
            @WithDefault("1s")
            Duration initialDelay();

            /** The longest delay: bounds how long someone else's failures can hold an account back. */
            @WithDefault("5m")
            Duration maxDelay();

            /** Failures are forgotten after this long without one. */
            @WithDefault("1h")
            Duration forgetAfter();
        }

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

        /** How long a ticket of {@code POST /v1.0/ws/tickets} may wait for its (single) use. */
        @WithDefault("30s")
        Duration ticketLifetime();

        /**
         * How often an open socket's identity is checked again (agent or key deleted, customer deleted, token
         * expired, permission changed); the socket is closed when it no longer holds.
         */
        @WithDefault("30s")
        Duration recheckInterval();

        /** Topics one connection may hold; a subscribe beyond them gets an error frame for each topic refused. */
        @WithDefault("100")
        int maxTopics();

        /** Open WebSockets per customer on this instance; the upgrade beyond them is refused with 429. */
        @WithDefault("20")
        int maxConnectionsPerCustomer();

        /** Managers whose event exchanges feed the WebSocket. */
        @WithDefault("call-manager,flow-manager,queue-manager,transfer-manager,billing-manager,storage-manager,webhook-manager")
        List<String> publishers();
    }

    interface Password {
        /** bcrypt cost of new password hashes (2^cost rounds); older, cheaper hashes are rehashed at login. */
        @WithDefault("12")
        int bcryptCost();
    }

    interface Cookie {
        /** The login cookie's {@code Secure} flag; only dev/test over plain HTTP may turn it off. */
        @WithDefault("true")
        boolean secure();
    }

    interface Cors {
        /**
         * Browser origins allowed to call the API with credentials ({@code https://app.example.com}), exact
         * matches; empty: no cross-origin access at all. A wildcard is refused.
         */
        Optional<List<String>> allowedOrigins();
    }

    interface Signup {
        /**
         * Self-service signup ({@code POST /auth/signup} + {@code /auth/email-verify}); it mails, so in production
         * it needs SMTP ({@code VOIPBIN_SMTP_HOST}, {@code VOIPBIN_MAIL_FROM}) or is switched off (403).
         */
        @WithDefault("true")
        boolean enabled();

        /** How long the mailed verification token is valid (used once). */
        @WithDefault("P1D")
        Duration tokenLifetime();
    }

    interface Rpc {
        /** Deadline of every manager call the gateway makes; past it the caller gets 503 + Retry-After. */
        @WithDefault("3s")
        Duration deadline();
    }
}
