package net.voipbin.proto.flow.v1;

/**
 * Flow actions that do not have the contract's shape, naming where ({@code actions[2].type}). It is
 * the caller's mistake, never ours: RPC servers answer it as INVALID_ARGUMENT and api-manager as 400.
 */
public class InvalidActionException extends IllegalArgumentException {

    private final String field;
    private final String reason;

    public InvalidActionException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
