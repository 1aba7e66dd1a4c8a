package net.voipbin.api.ws;

import net.voipbin.api.auth.Identity;
import net.voipbin.api.auth.Permissions;

import java.util.UUID;

/**
 * A WebSocket subscription topic, the one place its grammar lives:
 * {@code customer_id:<id>[:<resource>[:<id>|*]]} (a customer's events) or
 * {@code agent_id:<id>[:<resource>[:<id>|*]]} (events whose {@code data.owner_id} is that agent).
 * {@code resource} and {@code id} are null when the topic leaves them open.
 */
record Topic(String text, boolean agentScope, String scopeId, String resource, String id) {

    /** Thrown by {@link #parse} with the reason a text is not a topic. */
    static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    static Topic parse(String text) throws Malformed {
        String[] parts = text.split(":", -1);
        if (parts.length < 2 || parts.length > 4 || parts.length >= 3 && parts[2].isEmpty()
                || parts.length == 4 && parts[3].isEmpty()) {
            throw new Malformed("expected customer_id:<id>[:<resource>[:<id>|*]] or agent_id:<id>[:...]");
        }
        try {
            UUID.fromString(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new Malformed("not a UUID: " + parts[1]);
        }
        boolean agent = parts[0].equals("agent_id");
        if (!agent && !parts[0].equals("customer_id")) {
            throw new Malformed("unknown scope " + parts[0]);
        }
        String id = parts.length < 4 || parts[3].equals("*") ? null : parts[3];
        return new Topic(text, agent, parts[1], parts.length < 3 ? null : parts[2], id);
    }

    /** Null when {@code identity} may subscribe, else why not. */
    String refusal(Identity identity) {
        if (agentScope) {
            return identity.agentId() != null && identity.agentId().toString().equals(scopeId) ? null
                    : "only your own agent id";
        }
        if (identity.isSuperadmin()) {
            return null;
        }
        if (!identity.customerId().toString().equals(scopeId)) {
            return "not your customer";
        }
        return identity.has(Permissions.ADMIN_OR_MANAGER) ? null : "needs customer admin or manager";
    }

    /** Whether an event of {@code customerId} about {@code resource} {@code id} (owned by {@code ownerId}) is in this topic. */
    boolean matches(String customerId, String ownerId, String eventResource, String eventId) {
        return scopeId.equals(agentScope ? ownerId : customerId)
                && (resource == null || resource.equals(eventResource))
                && (id == null || id.equals(eventId));
    }
}
