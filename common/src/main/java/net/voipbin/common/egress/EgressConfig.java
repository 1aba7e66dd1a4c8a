package net.voipbin.common.egress;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** What requests made on a customer's behalf may reach (env: VOIPBIN_EGRESS_ALLOWED_PORTS, ...). */
@ConfigMapping(prefix = "voipbin.egress")
public interface EgressConfig {

    /** Ports a URL may name (its scheme's default when it names none). */
    @WithDefault("80,443,8080,8443")
    List<Integer> allowedPorts();

    /**
     * Blocks reachable on any port despite {@link NetworkRanges}: tests and a local demo receiver
     * ({@code 127.0.0.1/32}). Empty in production: this is exactly the hole the policy closes.
     */
    Optional<List<String>> allowNetworks();

    /** Largest response body read (bytes); a longer answer fails the request. */
    @WithDefault("1048576")
    int maxResponseBytes();
}
