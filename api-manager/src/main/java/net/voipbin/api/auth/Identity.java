package net.voipbin.api.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * Who makes the request: an agent (JWT) or an access key (acting as customer admin). {@code notAfter} is the
 * agent token's expiry (null for an access key, whose expiry the database holds): a WebSocket opened with the
 * token is closed then.
 */
public record Identity(Kind kind, UUID customerId, UUID agentId, UUID accesskeyId, long permission, String username,
                       Instant notAfter) {

    public enum Kind { AGENT, ACCESSKEY }

    public Identity(Kind kind, UUID customerId, UUID agentId, UUID accesskeyId, long permission, String username) {
        this(kind, customerId, agentId, accesskeyId, permission, username, null);
    }

    public boolean isSuperadmin() {
        return (permission & Permissions.PROJECT_SUPER_ADMIN) != 0;
    }

    public boolean has(long mask) {
        return isSuperadmin() || (permission & mask) != 0;
    }
}
