package net.voipbin.api.auth;

import java.util.UUID;

/** Who makes the request: an agent (JWT) or an access key (acting as customer admin). */
public record Identity(Kind kind, UUID customerId, UUID agentId, UUID accesskeyId, long permission, String username) {

    public enum Kind { AGENT, ACCESSKEY }

    public boolean isSuperadmin() {
        return (permission & Permissions.PROJECT_SUPER_ADMIN) != 0;
    }

    public boolean has(long mask) {
        return isSuperadmin() || (permission & mask) != 0;
    }
}
