package net.voipbin.asteriskproxy.config;

import io.smallrye.config.ConfigMapping;

/** Which Asterisk this proxy fronts and how to reach its ARI. */
@ConfigMapping(prefix = "asterisk-proxy")
public interface AsteriskProxyConfig {

    /** Stable id of the Asterisk (the reference uses the host's MAC); names asterisk.<id>.request. */
    String asteriskId();

    Ari ari();

    interface Ari {
        String url();

        String username();

        String password();

        String application();
    }
}
