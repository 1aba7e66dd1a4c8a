package net.voipbin.api.ws;

import net.voipbin.api.auth.Identity;
import net.voipbin.api.auth.Permissions;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The topic grammar, who may subscribe to what, and which events a topic takes. */
class TopicTest {

    final UUID customer = UUID.randomUUID();
    final UUID agent = UUID.randomUUID();
    final Identity admin = new Identity(Identity.Kind.AGENT, customer, agent, null, Permissions.CUSTOMER_ADMIN, "a");
    final Identity plain = new Identity(Identity.Kind.AGENT, customer, agent, null, Permissions.CUSTOMER_AGENT, "p");
    final Identity superadmin = new Identity(Identity.Kind.AGENT, UUID.randomUUID(), UUID.randomUUID(), null,
            Permissions.PROJECT_SUPER_ADMIN, "s");

    @Test
    void malformedTopicsSayWhy() {
        assertEquals("not a UUID: x", assertThrows(Topic.Malformed.class, () -> Topic.parse("customer_id:x")).getMessage());
        assertTrue(assertThrows(Topic.Malformed.class, () -> Topic.parse("team_id:" + customer)).getMessage().startsWith("unknown scope"));
        for (String bad : new String[]{"", "customer_id", "customer_id:" + customer + ":", "customer_id:" + customer + ":call:",
                "customer_id:" + customer + ":call:1:2"}) {
            assertThrows(Topic.Malformed.class, () -> Topic.parse(bad), bad);
        }
    }

    @Test
    void ownCustomerForAdminsOwnAgentForEveryoneAnyCustomerForSuperadmins() throws Exception {
        Topic own = Topic.parse("customer_id:" + customer + ":call:*");
        assertNull(own.refusal(admin));
        assertEquals("needs customer admin or manager", own.refusal(plain));
        assertEquals("not your customer", Topic.parse("customer_id:" + UUID.randomUUID()).refusal(admin));
        assertNull(own.refusal(superadmin));
        assertNull(Topic.parse("agent_id:" + agent).refusal(plain));
        assertEquals("only your own agent id", Topic.parse("agent_id:" + UUID.randomUUID()).refusal(superadmin));
    }

    @Test
    void matchesByScopeResourceAndId() throws Exception {
        String c = customer.toString();
        String call = UUID.randomUUID().toString();
        assertTrue(Topic.parse("customer_id:" + c).matches(c, "", "flow", "x"));
        assertTrue(Topic.parse("customer_id:" + c + ":call").matches(c, "", "call", call));
        assertFalse(Topic.parse("customer_id:" + c + ":call").matches(c, "", "flow", call));
        assertTrue(Topic.parse("customer_id:" + c + ":call:*").matches(c, "", "call", call));
        assertTrue(Topic.parse("customer_id:" + c + ":call:" + call).matches(c, "", "call", call));
        assertFalse(Topic.parse("customer_id:" + c + ":call:" + call).matches(c, "", "call", UUID.randomUUID().toString()));
        assertFalse(Topic.parse("customer_id:" + c).matches(UUID.randomUUID().toString(), "", "call", call));
        assertTrue(Topic.parse("agent_id:" + agent + ":call").matches(UUID.randomUUID().toString(), agent.toString(), "call", call));
        assertFalse(Topic.parse("agent_id:" + agent).matches(c, "", "call", call));
        assertEquals(Topic.parse("customer_id:" + c), Topic.parse("customer_id:" + c), "unsubscribe finds what subscribe added");
    }
}
