package net.voipbin.api;

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

    interface Jwt {
        /** HS256 secret (at least 32 bytes). The default is for development only. */
        @WithDefault("voipbin-development-jwt-key-change-me-0123456789")
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
}
