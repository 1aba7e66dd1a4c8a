package net.voipbin.call.service;

import net.voipbin.call.model.Call;

import java.util.Set;

/**
 * hangup_by / hangup_reason from the status before hangup, the ARI cause and what a local hangup
 * asked for. The reference recomputes everything from the cause and so turns our own dial timeout or
 * duration limit into "cancel"/"normal"; here a local hangup keeps the reason it was made for.
 */
public final class HangupReasons {

    /** Reasons a local hangup may carry into hangup_reason. */
    static final Set<String> KEPT_LOCAL = Set.of("dialout", "timeout", "amd", "busy", "failed", "noanswer");
    public static final Set<String> ALL = Set.of("normal", "failed", "busy", "cancel", "timeout", "noanswer", "dialout", "amd");

    private HangupReasons() {
    }

    public static String hangupBy(String statusBefore) {
        return Call.STATUS_TERMINATING.equals(statusBefore) || Call.STATUS_CANCELING.equals(statusBefore) ? "local" : "remote";
    }

    public static String reason(String direction, String statusBefore, int cause, String requested) {
        if (Call.STATUS_TERMINATING.equals(statusBefore) || Call.STATUS_CANCELING.equals(statusBefore)) {
            if (requested != null && KEPT_LOCAL.contains(requested)) {
                return requested;
            }
            return Call.STATUS_CANCELING.equals(statusBefore) ? "cancel" : "normal";
        }
        boolean early = Call.STATUS_DIALING.equals(statusBefore) || Call.STATUS_RINGING.equals(statusBefore);
        if (Call.DIRECTION_INCOMING.equals(direction)) {
            if (early) {
                return switch (cause) {
                    case 19 -> "noanswer";
                    case 17 -> "busy";
                    default -> "normal";
                };
            }
            return cause == 200 ? "timeout" : "normal";
        }
        if (early) {
            return switch (cause) {
                case 19, 21 -> "noanswer";
                case 17 -> "busy";
                case 16, 26 -> "normal";
                case 0 -> "dialout";
                default -> "failed";
            };
        }
        return cause == 200 ? "timeout" : "normal";
    }

    /** The Q.850 cause ARI is asked to hang up with, for a requested reason. */
    public static int cause(String reason) {
        return switch (reason == null ? "" : reason) {
            case "failed" -> 18;
            case "busy" -> 17;
            case "noanswer", "dialout" -> 19;
            default -> 16;
        };
    }
}
