package net.voipbin.billing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/**
 * Prices and plans. Defaults (application.properties) are the reference's rates: PSTN calls
 * 10,000 micros ($0.01) per started minute in credit, virtual-number calls a token first, calls
 * between extensions free; plans' monthly token allowances free 100, basic 1,000, professional 10,000.
 */
@ConfigMapping(prefix = "voipbin.billing")
public interface BillingConfig {

    /** By cost type (call_pstn_outgoing, call_pstn_incoming, call_vn, call_extension, call_direct_ext). */
    Map<String, Rate> rates();

    /** By plan type (free, basic, professional, unlimited). */
    Map<String, Plan> plans();

    /** Below this credit (micros) after a charge, billing_account_low_balance is published once. */
    @WithDefault("1000000")
    long lowBalanceThreshold();

    /**
     * The length of a billed minute: what "per started minute" counts in, for charging and for the
     * cut-off alike (the two must agree, or a call cut off at its last paid minute is charged another).
     * 60 s; shorter only in tests, so a call that runs out of money does so in seconds.
     */
    @WithDefault("60s")
    Duration minute();

    /** The mid-call cut-off: no answered call runs on money its account does not hold. */
    Cutoff cutoff();

    interface Cutoff {
        /** Off: calls are charged at hangup only, and what the balance cannot pay is not taken. */
        @WithDefault("true")
        boolean enabled();

        /**
         * How long before a minute begins its reservation is tried: the time the hangup needs to reach
         * the call (timer poll, RPC, ARI) so that a call cut off does not start a minute it cannot pay.
         */
        @WithDefault("2s")
        Duration margin();

        /** Deadline of call-manager's HangupCall (retried by the durable timer when it fails). */
        @WithDefault("5s")
        Duration hangupDeadline();
    }

    interface Rate {
        /** free, credit_only, token_first. */
        Mode mode();

        @WithDefault("0")
        long tokenPerUnit();

        @WithDefault("0")
        long creditPerUnit();
    }

    interface Plan {
        /** The token balance each month resets to (no rollover); 0 = no allowance. */
        @WithDefault("0")
        long monthlyTokens();
    }

    enum Mode {
        free, credit_only, token_first
    }
}
