package net.voipbin.webhook.listener;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.event.Event;
import net.voipbin.common.event.EventChannels;
import net.voipbin.webhook.service.EventDeliveries;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/** api-manager's customer events: the customer's webhook_method/webhook_uri become its webhook target. */
@ApplicationScoped
public class CustomerEventListener {

    private static final Set<String> FOLLOWED = Set.of("customer_created", "customer_updated", "customer_deleted");

    private final EventDeliveries deliveries;

    public CustomerEventListener(EventDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Incoming(EventChannels.API_MANAGER)
    public Uni<Void> handle(Event event) {
        return FOLLOWED.contains(event.type()) ? deliveries.followCustomer(event) : Uni.createFrom().voidItem();
    }
}
