package net.voipbin.call.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "voipbin.call")
public interface CallConfig {

    /** Longest a call may last (from creation); then it is hung up with reason timeout. */
    @WithDefault("1h")
    Duration maxDuration();

    /** Default dial timeout of outgoing calls when the request gives none; expiry -> reason dialout. */
    @WithDefault("30s")
    Duration dialTimeout();

    /** SIP host PSTN calls are sent to (Kamailio routes them on to a provider). */
    @WithDefault("pstn.voipbin.net")
    String pstnHost();

    /** Partitions of asterisk.all.event; must equal asterisk-proxy's voipbin.asterisk.events.partitions. */
    @WithDefault("16")
    int ariPartitions();
}
