package net.voipbin.billing.listener;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.billing.service.AccountLifecycle;
import net.voipbin.common.event.Event;
import net.voipbin.common.event.EventChannels;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.UUID;

/** Billing accounts follow api-manager's customers (created, frozen, recovered, deleted). */
@ApplicationScoped
public class CustomerEventListener {

    private final AccountLifecycle lifecycle;

    public CustomerEventListener(AccountLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Incoming(EventChannels.API_MANAGER)
    public Uni<Void> handle(Event event) {
        String id = event.data().path("id").asText("");
        if (id.isEmpty() || !event.type().startsWith("customer_")) {
            return Uni.createFrom().voidItem();
        }
        UUID customerId = UUID.fromString(id);
        return switch (event.type()) {
            case "customer_created" -> lifecycle.onCustomerCreated(customerId).replaceWithVoid();
            case "customer_frozen" -> lifecycle.onCustomerFrozen(customerId);
            case "customer_recovered" -> lifecycle.onCustomerRecovered(customerId);
            case "customer_deleted" -> lifecycle.onCustomerDeleted(customerId);
            default -> Uni.createFrom().voidItem();
        };
    }
}
