package net.voipbin.api.auth;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.api.repository.AccesskeyRepository;
import net.voipbin.api.repository.AgentRepository;
import net.voipbin.api.repository.CustomerRepository;
import net.voipbin.common.time.TimeFormat;

/**
 * Turns a JWT or an access key into an {@link Identity}; null when invalid. A token of a deleted
 * agent or customer, or a deleted/expired key, is refused: deleting revokes access at once.
 */
@ApplicationScoped
public class Authenticator {

    private final JwtService jwt;
    private final AgentRepository agents;
    private final AccesskeyRepository keys;
    private final CustomerRepository customers;

    public Authenticator(JwtService jwt, AgentRepository agents, AccesskeyRepository keys, CustomerRepository customers) {
        this.jwt = jwt;
        this.agents = agents;
        this.keys = keys;
        this.customers = customers;
    }

    public Uni<Identity> authenticate(String token, String accesskey) {
        if (token != null) {
            Identity identity = jwt.verify(token);
            if (identity == null) {
                return Uni.createFrom().nullItem();
            }
            return Panache.withSession(() -> agents.findActive(identity.agentId())
                    .chain(agent -> agent == null || !agent.customerId.equals(identity.customerId())
                            ? Uni.createFrom().nullItem()
                            // The permission is read from the agent now, not frozen in the token.
                            : customers.findActive(identity.customerId()).map(c -> c == null ? null
                                    : new Identity(Identity.Kind.AGENT, agent.customerId, agent.id, null,
                                            agent.permission, agent.username))));
        }
        if (accesskey == null || !accesskey.startsWith(Secrets.ACCESSKEY_PREFIX) || accesskey.length() > 64) {
            return Uni.createFrom().nullItem();
        }
        String hash = Secrets.sha256(accesskey);
        return Panache.withSession(() -> keys.findByHash(hash).chain(key -> {
            if (key == null || key.tmExpire.isBefore(TimeFormat.now())) {
                return Uni.createFrom().nullItem();
            }
            return customers.findActive(key.customerId).map(c -> c == null ? null
                    : new Identity(Identity.Kind.ACCESSKEY, key.customerId, null, key.id, Permissions.CUSTOMER_ADMIN, null));
        }));
    }
}
