package net.voipbin.webhook.listener;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.event.Event;
import net.voipbin.common.event.EventChannels;
import net.voipbin.webhook.service.EventDeliveries;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The events customers receive on their webhook, one channel per publishing manager (the connector binds one queue
 * per publisher's exchange); each is handed to {@link EventDeliveries}, which decides whether it is wanted.
 */
@ApplicationScoped
public class ManagerEventListener {

    private final EventDeliveries deliveries;

    public ManagerEventListener(EventDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Incoming(EventChannels.CALL_MANAGER)
    public Uni<Void> call(Event event) {
        return deliveries.deliver(event);
    }

    @Incoming(EventChannels.FLOW_MANAGER)
    public Uni<Void> flow(Event event) {
        return deliveries.deliver(event);
    }

    @Incoming(EventChannels.BILLING_MANAGER)
    public Uni<Void> billing(Event event) {
        return deliveries.deliver(event);
    }

    @Incoming(EventChannels.STORAGE_MANAGER)
    public Uni<Void> storage(Event event) {
        return deliveries.deliver(event);
    }
}
