package net.voipbin.api.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import net.voipbin.api.config.ApiConfig;
import net.voipbin.api.auth.Permissions;
import net.voipbin.api.model.Customer;
import net.voipbin.api.repository.AgentRepository;
import net.voipbin.api.repository.CustomerRepository;
import net.voipbin.common.time.TimeFormat;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * First start: a superadmin (own customer "voipbin") and a demo customer with an admin agent,
 * from {@code voipbin.api.bootstrap.*}. Idempotent across restarts and replicas: the customers'
 * ids derive from the usernames (a second insert hits the primary key) and usernames are unique.
 */
@ApplicationScoped
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class);

    private final ApiConfig config;
    private final IdentityService identity;
    private final CustomerRepository customers;
    private final AgentRepository agents;
    private final CustomerEvents events;

    public Bootstrap(ApiConfig config, IdentityService identity, CustomerRepository customers, AgentRepository agents,
                     CustomerEvents events) {
        this.events = events;
        this.config = config;
        this.identity = identity;
        this.customers = customers;
        this.agents = agents;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        ApiConfig.Bootstrap b = config.bootstrap();
        if (!b.enabled()) {
            return;
        }
        ensure("voipbin", b.superadminUsername(), b.superadminPassword(),
                Permissions.PROJECT_SUPER_ADMIN | Permissions.CUSTOMER_ADMIN);
        ensure(b.demoCustomerName(), b.demoUsername(), b.demoPassword(), Permissions.CUSTOMER_ADMIN);
        LOG.infof("log in with POST /auth/login {\"username\":\"%s\",\"password\":\"...\"} (superadmin) or "
                        + "{\"username\":\"%s\",...} (admin of customer %s); passwords from voipbin.api.bootstrap.*",
                b.superadminUsername(), b.demoUsername(), b.demoCustomerName());
    }

    private void ensure(String customerName, String username, String password, long permission) throws Throwable {
        UUID customerId = UUID.nameUUIDFromBytes(("voipbin.bootstrap.customer:" + username).getBytes(StandardCharsets.UTF_8));
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                    customers.findById(customerId).chain(existing -> {
                        if (existing != null) {
                            return Uni.createFrom().voidItem();
                        }
                        Customer c = new Customer();
                        c.id = customerId;
                        c.name = customerName;
                        c.detail = "created at first start";
                        c.webhookMethod = "";
                        c.webhookUri = "";
                        c.tmCreate = TimeFormat.now();
                        // Announced like any customer, so billing-manager opens its account.
                        return customers.persist(c).chain(saved -> events.publish(CustomerEvents.CREATED, saved)).replaceWithVoid();
                    }).chain(() -> agents.find("username = ?1", username).firstResult()).chain(agent -> agent != null
                            ? Uni.createFrom().voidItem()
                            : identity.createAgent(customerId, username, password, permission, username).replaceWithVoid())));
        } catch (Throwable e) {
            // Another replica created it at the same moment: fine, as long as it exists now.
            Object agent = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> agents.findByUsername(username)));
            if (agent == null) {
                throw e;
            }
        }
    }
}
