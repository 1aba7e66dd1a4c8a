package net.voipbin.billing.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.voipbin.billing.config.BillingConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pricing rule table, row by row. */
class CallPricingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static BillingConfig.Rate rate(BillingConfig.Mode mode, long token, long credit) {
        return new BillingConfig.Rate() {
            public BillingConfig.Mode mode() { return mode; }
            public long tokenPerUnit() { return token; }
            public long creditPerUnit() { return credit; }
        };
    }

    @ParameterizedTest(name = "{0} s -> {1} minutes")
    @CsvSource({"0,1", "1,1", "59,1", "60,1", "61,2", "120,2", "121,3", "3600,60"})
    void startedMinutes(long seconds, long minutes) {
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        assertEquals(minutes, CallPricing.billableMinutes(start, start.plusSeconds(seconds).plusMillis(999), java.time.Duration.ofSeconds(60)));
    }

    @ParameterizedTest(name = "{0} {1}->{3}: {4}/{5}")
    @CsvSource({
            "outgoing, tel, +15550001, tel, call_pstn_outgoing, call",
            "outgoing, tel, +89912345, tel, call_pstn_outgoing, call",
            "outgoing, tel, 2001, extension, call_extension, call_extension",
            "incoming, tel, +89912345, tel, call_vn, call",
            "incoming, tel, +15550001, tel, call_pstn_incoming, call",
            "incoming, sip, 2001, extension, call_direct_ext, call_extension",
            "incoming, extension, 2001, extension, call_extension, call_extension",
    })
    void classification(String direction, String sourceType, String target, String destinationType, String costType, String referenceType) {
        ObjectNode source = JSON.createObjectNode().put("type", sourceType).put("target", "x");
        ObjectNode destination = JSON.createObjectNode().put("type", destinationType).put("target", target);
        assertEquals(costType, CallPricing.costType(direction, source, destination));
        assertEquals(referenceType, CallPricing.referenceType(direction, source, destination));
    }

    @ParameterizedTest(name = "{0}: {1} units with {2} tokens, {3} credit -> {4} tokens, {5} credit")
    @CsvSource({
            "credit_only, 2, 100, 1000000, 0, 20000",
            "token_first, 2, 100, 0, 2, 0",
            "token_first, 5, 3, 1000000, 3, 20000",
            "token_first, 5, 0, 15000, 0, 15000",
            "credit_only, 5, 0, 0, 0, 0",
            "free, 5, 100, 100, 0, 0",
    })
    void tokensFirstThenCreditNeverBelowZero(BillingConfig.Mode mode, long units, long tokens, long credit,
                                              long takesTokens, long takesCredit) {
        CallPricing.Charge charge = CallPricing.charge(rate(mode, 1, 10_000), units, tokens, credit);
        assertEquals(units, charge.units());
        assertEquals(takesTokens, charge.tokens());
        assertEquals(takesCredit, charge.credit());
    }

    /** "-" = no minute reserved: the call is cut off before it starts that minute. */
    @ParameterizedTest(name = "{0} ({1} token, {2} credit per minute) with {3} tokens, {4} credit -> {5}")
    @CsvSource({
            "token_first, 1, 10000, 1, 0, 1/0",
            "token_first, 1, 10000, 0, 10000, 0/10000",
            "token_first, 1, 10000, 0, 9999, -",
            "token_first, 1, 10000, -3, 50000, 0/10000",   // tokens held by other calls: credit pays
            "token_first, 1, 10000, 5, -1, 1/0",
            "token_first, 2, 10000, 1, 0, -",              // half a minute of tokens pays nothing
            "token_first, 1, 0, 0, 1000000, -",            // token-only rate, no token left
            "credit_only, 1, 10000, 100, 9999, -",         // credit-only never spends tokens
            "credit_only, 1, 10000, 100, 10000, 0/10000",
            "credit_only, 0, 0, 0, 0, 0/0",                // a rate of zero is free
            "free, 1, 10000, 0, 0, 0/0",
    })
    void aMinuteIsReservedOnlyWhenItIsPaidInFull(BillingConfig.Mode mode, long tokenPerUnit, long creditPerUnit,
                                                  long tokens, long credit, String reserved) {
        var minute = CallPricing.reserveMinute(rate(mode, tokenPerUnit, creditPerUnit), tokens, credit);
        assertEquals(reserved, minute.map(m -> m.tokens() + "/" + m.credit()).orElse("-"));
        minute.ifPresent(m -> assertEquals(1, m.units()));
    }
}
