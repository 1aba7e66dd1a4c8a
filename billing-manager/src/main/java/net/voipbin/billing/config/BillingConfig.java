package net.voipbin.billing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
