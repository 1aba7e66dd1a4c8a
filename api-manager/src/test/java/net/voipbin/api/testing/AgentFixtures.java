package net.voipbin.api.testing;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import net.voipbin.api.auth.Permissions;
import net.voipbin.api.service.IdentityService;

import java.util.UUID;

/** Agents the API does not (yet) let one create: made directly through the service. */
public final class AgentFixtures {

    private AgentFixtures() {
    }

    /** A permission-16 agent of the customer; returns its token. */
    public static String plainAgent(String customerId) {
        String username = "agent-" + UUID.randomUUID();
        IdentityService identity = Arc.container().instance(IdentityService.class).get();
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                    identity.createAgent(UUID.fromString(customerId), username, "agent-pass", Permissions.CUSTOMER_AGENT, "a")));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return Api.login(username, "agent-pass");
    }
}
