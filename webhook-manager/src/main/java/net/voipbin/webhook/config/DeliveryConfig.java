package net.voipbin.webhook.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How webhook-manager delivers (env: VOIPBIN_WEBHOOK_DELIVERY_CONNECT_TIMEOUT, ...). */
@ConfigMapping(prefix = "voipbin.webhook.delivery")
public interface DeliveryConfig {

    /** Connecting to a receiver may take this long per attempt. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** A receiver that sends nothing for this long (and an attempt that takes longer overall) is cut. */
    @WithDefault("5s")
    Duration readTimeout();

    /** Attempts in all (the first and the retries) before a delivery is failed. */
    @WithDefault("4")
    int maxAttempts();

    /** Wait before the first retry; doubled for each further one, up to {@link #backoffMax()}. */
    @WithDefault("1s")
    Duration backoffInitial();

    @WithDefault("60s")
    Duration backoffMax();

    /**
     * A sync request makes its first attempt itself, within its caller's deadline; a durable timer stored with the
     * delivery makes it instead this long after that deadline, should the replica die first (so the two never race).
     */
    @WithDefault("30s")
    Duration syncFallback();

    /** Largest body accepted (bytes). */
    @WithDefault("1048576")
    int maxBody();
}
