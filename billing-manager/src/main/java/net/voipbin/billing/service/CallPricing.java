package net.voipbin.billing.service;

import com.fasterxml.jackson.databind.JsonNode;
import net.voipbin.billing.config.BillingConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What a call costs. The rule table, and why:
 * <ul>
 * <li>Billed from answer ({@code tm_progressing}) to {@code tm_hangup}, per started minute: a 61 s call is
 *     two minutes, a 0 s answered call one (it did connect); a call never answered costs nothing.</li>
 * <li>Classification as the reference does it (notes 4.3): outgoing to {@code tel} is PSTN outgoing;
 *     incoming from {@code tel} to a {@code +899} virtual number is {@code call_vn}, from {@code tel} to
 *     {@code tel} PSTN incoming, {@code sip} to an extension a direct extension call; anything else is a
 *     call between extensions (free).</li>
 * <li>Token-first rates spend whole minutes of tokens first, the rest in credit; credit never goes below
 *     zero (what a charge cannot take is not taken: the mid-call cut-off and the balance pre-check keep that
 *     from happening, this is the last guard of "no negative balances").</li>
 * </ul>
 */
public final class CallPricing {

    static final String VIRTUAL_NUMBER_PREFIX = "+899";

    private CallPricing() {
    }

    /** One answered call's usage, read from the public Call JSON of a {@code call_hungup} event. */
    public record CallUsage(UUID callId, UUID customerId, String referenceType, String costType,
                            Instant start, Instant end) {

        public long seconds() {
            return Math.max(0, Duration.between(start, end).getSeconds());
        }

        /** Started minutes of {@code minute} length (BillingConfig.minute: 60 s outside tests). */
        public long minutes(Duration minute) {
            return billableMinutes(start, end, minute);
        }
    }

    /** An answered call as a {@code call_progressing} event tells it: what the cut-off needs. */
    public record CallStart(UUID callId, UUID customerId, String referenceType, String costType, Instant start) {
    }

    /** The charge of one entry: whole units, and how many tokens and credit micros they take. */
    public record Charge(long units, long tokens, long credit) {
    }

    /** Empty when the call was never answered (nothing to bill) or is not a hung-up call. */
    public static Optional<CallUsage> usage(JsonNode call) {
        String progressing = call.path("tm_progressing").asText("");
        String hangup = call.path("tm_hangup").asText("");
        if (progressing.isEmpty() || hangup.isEmpty() || "null".equals(progressing) || "null".equals(hangup)) {
            return Optional.empty();
        }
        String direction = call.path("direction").asText("");
        JsonNode source = call.path("source");
        JsonNode destination = call.path("destination");
        return Optional.of(new CallUsage(
                UUID.fromString(call.path("id").asText()),
                UUID.fromString(call.path("customer_id").asText()),
                referenceType(direction, source, destination),
                costType(direction, source, destination),
                Instant.parse(progressing), Instant.parse(hangup)));
    }

    /** Empty when the call has no answer time (then it is not live, and never billed). */
    public static Optional<CallStart> start(JsonNode call) {
        String progressing = call.path("tm_progressing").asText("");
        if (progressing.isEmpty() || "null".equals(progressing)) {
            return Optional.empty();
        }
        String direction = call.path("direction").asText("");
        JsonNode source = call.path("source");
        JsonNode destination = call.path("destination");
        return Optional.of(new CallStart(
                UUID.fromString(call.path("id").asText()),
                UUID.fromString(call.path("customer_id").asText()),
                referenceType(direction, source, destination),
                costType(direction, source, destination),
                Instant.parse(progressing)));
    }

    static String referenceType(String direction, JsonNode source, JsonNode destination) {
        String remote = switch (direction) {
            case "incoming" -> source.path("type").asText("");
            case "outgoing" -> destination.path("type").asText("");
            default -> "tel";
        };
        return "tel".equals(remote) ? "call" : "call_extension";
    }

    static String costType(String direction, JsonNode source, JsonNode destination) {
        String sourceType = source.path("type").asText("");
        String destinationType = destination.path("type").asText("");
        if ("incoming".equals(direction)) {
            if ("tel".equals(destinationType) && destination.path("target").asText("").startsWith(VIRTUAL_NUMBER_PREFIX)) {
                return "call_vn";
            }
            if ("tel".equals(destinationType) && "tel".equals(sourceType)) {
                return "call_pstn_incoming";
            }
            if ("sip".equals(sourceType) && "extension".equals(destinationType)) {
                return "call_direct_ext";
            }
            return "call_extension";
        }
        if ("outgoing".equals(direction)) {
            return "tel".equals(destinationType) ? "call_pstn_outgoing" : "call_extension";
        }
        return "call_pstn_outgoing";
    }

    /**
     * Started minutes between answer and hangup, counted in whole seconds as the reference does (notes
     * 4.6: floor of the duration); at least one once answered. {@code minute} is 60 s outside tests.
     */
    public static long billableMinutes(Instant start, Instant end, Duration minute) {
        long seconds = Math.max(0, Duration.between(start, end).getSeconds());
        long minuteSeconds = Math.max(1, minute.getSeconds());
        return Math.max(1, (seconds + minuteSeconds - 1) / minuteSeconds);
    }

    /** Whether calls at this rate cost anything, i.e. whether a live call's minutes must be paid before they start. */
    public static boolean isPaid(BillingConfig.Rate rate) {
        if (rate == null || rate.mode() == BillingConfig.Mode.free) {
            return false;
        }
        return rate.creditPerUnit() > 0 || (rate.mode() == BillingConfig.Mode.token_first && rate.tokenPerUnit() > 0);
    }

    /**
     * One more minute out of what is available, split as {@link #charge} would split it: a token-first
     * rate takes a whole minute of tokens while there is one, then credit. Empty when neither pays for
     * the minute (the call is then cut off before it starts the minute). The availability passed in is
     * the balance less what the account's other live calls hold, and may be negative.
     */
    public static Optional<Charge> reserveMinute(BillingConfig.Rate rate, long tokensAvailable, long creditAvailable) {
        Charge minute = charge(rate, 1, tokensAvailable, creditAvailable);
        boolean paid = !isPaid(rate) || minute.tokens() > 0
                || (rate.creditPerUnit() > 0 && minute.credit() == rate.creditPerUnit());
        return paid ? Optional.of(minute) : Optional.empty();
    }

    /** Splits {@code units} between the tokens and credit available, by the rate's mode. */
    public static Charge charge(BillingConfig.Rate rate, long units, long tokensAvailable, long creditAvailable) {
        if (rate == null || units <= 0 || rate.mode() == BillingConfig.Mode.free) {
            return new Charge(Math.max(0, units), 0, 0);
        }
        long tokenUnits = 0;
        if (rate.mode() == BillingConfig.Mode.token_first && rate.tokenPerUnit() > 0 && tokensAvailable >= rate.tokenPerUnit()) {
            tokenUnits = Math.min(units, tokensAvailable / rate.tokenPerUnit());
        }
        long creditUnits = units - tokenUnits;
        long credit = Math.min(Math.multiplyExact(creditUnits, rate.creditPerUnit()), Math.max(0, creditAvailable));
        return new Charge(units, tokenUnits * rate.tokenPerUnit(), credit);
    }

    /**
     * Whole minutes the balances still pay for at this rate (Long.MAX_VALUE when the rate is free).
     * Used for the pre-check (at least one) and the mid-call cut-off.
     */
    public static long affordableMinutes(BillingConfig.Rate rate, long tokens, long credit) {
        if (rate == null || rate.mode() == BillingConfig.Mode.free) {
            return Long.MAX_VALUE;
        }
        long minutes = 0;
        if (rate.mode() == BillingConfig.Mode.token_first && rate.tokenPerUnit() > 0 && tokens > 0) {
            minutes += tokens / rate.tokenPerUnit();
        }
        if (rate.creditPerUnit() > 0 && credit > 0) {
            minutes += credit / rate.creditPerUnit();
        } else if (rate.creditPerUnit() == 0) {
            return Long.MAX_VALUE;
        }
        return minutes;
    }
}
