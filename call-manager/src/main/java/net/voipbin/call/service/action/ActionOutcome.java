package net.voipbin.call.service.action;

/**
 * What a handler tells the handshake once an action is under way: go on to the next action now,
 * after a delay (a durable action timeout), or wait for a completion (playback finished, bridge
 * left, recording finished, the call ending).
 */
public record ActionOutcome(Kind kind, long afterMillis) {

    public enum Kind { NEXT, AFTER, WAIT }

    public static final ActionOutcome NEXT = new ActionOutcome(Kind.NEXT, 0);
    public static final ActionOutcome WAIT = new ActionOutcome(Kind.WAIT, 0);

    public static ActionOutcome after(long millis) {
        return new ActionOutcome(Kind.AFTER, Math.max(0, millis));
    }
}
