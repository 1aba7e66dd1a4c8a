package net.voipbin.asteriskproxy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which Asterisk this proxy fronts and how to reach its ARI. */
@ConfigMapping(prefix = "asterisk-proxy")
public interface AsteriskProxyConfig {

    /** Stable id of the Asterisk; names asterisk.<id>.request. Unset: the MAC of {@link #interfaceName()}. */
    java.util.Optional<String> asteriskId();

    /** Interface whose MAC is the id when none is configured (the reference's default). */
    @WithDefault("eth0")
    String interfaceName();

    Ari ari();

    Events events();

    interface Events {
        /** Partitions of asterisk.all.event (section 10); every call-manager replica consumes all. */
        @WithDefault("16")
        int partitions();

        /** Frames held while the broker is slow or away, before new ones are dropped and counted. */
        @WithDefault("65536")
        int bufferSize();

        /** First and longest pause between WebSocket reconnect attempts. */
        @WithDefault("1s")
        java.time.Duration reconnectMin();

        @WithDefault("10s")
        java.time.Duration reconnectMax();

        /**
         * Ping interval on the ARI WebSocket; a socket that answers no ping for two intervals is
         * closed and re-opened (a vanished Asterisk host sends no close and no FIN).
         */
        @WithDefault("30s")
        java.time.Duration pingInterval();
    }

    interface Ari {
        String url();

        String username();

        String password();

        String application();
    }
}
