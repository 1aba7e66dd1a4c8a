package net.voipbin.asterisksim.model;

import java.util.Map;

/** Q.850 hangup causes with Asterisk's cause texts (ast_cause2str) and ARI's DELETE reason names. */
public final class Causes {
    public static final int NORMAL_CLEARING = 16;
    public static final int USER_BUSY = 17;
    public static final int NO_USER_RESPONSE = 18;
    public static final int NO_ANSWER = 19;
    public static final int CALL_REJECTED = 21;
    public static final int CONGESTION = 34;

    private static final Map<Integer, String> TEXT = Map.ofEntries(
            Map.entry(0, "Unknown"),
            Map.entry(1, "Unallocated (unassigned) number"),
            Map.entry(3, "No route to destination"),
            Map.entry(16, "Normal Clearing"),
            Map.entry(17, "User busy"),
            Map.entry(18, "No user responding"),
            Map.entry(19, "User alerting, no answer"),
            Map.entry(21, "Call Rejected"),
            Map.entry(26, "Answered elsewhere"),
            Map.entry(27, "Destination out of order"),
            Map.entry(28, "Invalid number format (incomplete number)"),
            Map.entry(31, "Normal, unspecified"),
            Map.entry(34, "Circuit/channel congestion"),
            Map.entry(38, "Network out of order"),
            Map.entry(58, "Bearer capability not available"),
            Map.entry(127, "Interworking, unspecified"));

    /** ARI {@code DELETE /channels/{id}?reason=} names (resource_channels.c). */
    private static final Map<String, Integer> REASONS = Map.ofEntries(
            Map.entry("normal", 16), Map.entry("busy", 17), Map.entry("congestion", 34),
            Map.entry("no_answer", 19), Map.entry("timeout", 18), Map.entry("rejected", 21),
            Map.entry("unallocated", 1), Map.entry("normal_unspecified", 31),
            Map.entry("number_incomplete", 28), Map.entry("codec_mismatch", 58),
            Map.entry("interworking", 127), Map.entry("failure", 27), Map.entry("answered_elsewhere", 26));

    private Causes() {
    }

    public static String text(int cause) {
        return TEXT.getOrDefault(cause, "Unknown");
    }

    /** Cause for a hangup request: {@code reason_code} (int) wins over {@code reason}; default 16. */
    public static int fromRequest(String reasonCode, String reason) {
        if (reasonCode != null && !reasonCode.isBlank()) {
            try {
                return Integer.parseInt(reasonCode.trim());
            } catch (NumberFormatException e) {
                throw new AriException(400, "Invalid reason_code specified");
            }
        }
        if (reason != null && !reason.isBlank()) {
            Integer cause = REASONS.get(reason.trim());
            if (cause == null) {
                throw new AriException(400, "Invalid reason " + reason + " specified");
            }
            return cause;
        }
        return NORMAL_CLEARING;
    }
}
