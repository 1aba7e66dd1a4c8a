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

    /**
     * SIP hosts (routes) PSTN calls are sent to, in order: a call that fails on one (a cause other
     * than normal, busy, no answer or rejected, before it is answered) is dialled again on the next.
     */
    @WithDefault("pstn.voipbin.net")
    java.util.List<String> pstnHosts();

    /**
     * Reconciliation hangs up channels in our Stasis app that no call owns only when they are older
     * than this: a new channel's StasisStart may still be on its way.
     */
    @WithDefault("30s")
    Duration orphanGrace();

    /**
     * The platform's SIP base domain. A customer's extensions register at
     * {@code <customer_id>.registrar.<sip-domain>} (the reference's Kamailio domain); an outgoing
     * {@code sip} destination must name that host, so calls reach only the customer's own endpoints.
     */
    @WithDefault("voipbin.net")
    String sipDomain();

    /** Partitions of asterisk.all.event; must equal asterisk-proxy's voipbin.asterisk.events.partitions. */
    @WithDefault("16")
    int ariPartitions();
}
