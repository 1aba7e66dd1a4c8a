package net.voipbin.api.listener;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.api.service.IdentityService;
import net.voipbin.common.event.Event;
import net.voipbin.common.event.EventChannels;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.UUID;

/**
 * The customer's {@code billing_account_id} is written back when billing-manager announces the
 * default account it opened for the customer (the reference has billing-manager call
 * customer-manager; here the owner of the row writes it, from the event).
 */
@ApplicationScoped
public class BillingAccountListener {

    private final IdentityService identity;

    public BillingAccountListener(IdentityService identity) {
        this.identity = identity;
    }

    @Incoming(EventChannels.BILLING_MANAGER)
    public Uni<Void> handle(Event event) {
        if (!"billing_account_created".equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        String id = event.data().path("id").asText("");
        String customerId = event.data().path("customer_id").asText("");
        if (id.isEmpty() || customerId.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return identity.linkBillingAccount(UUID.fromString(customerId), UUID.fromString(id));
    }
}
