package net.voipbin.webhook.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.db.TenantRepository;
import net.voipbin.webhook.model.WebhookDeliveryAttempt;

import java.util.List;
import java.util.UUID;

/** The attempt history of deliveries. */
@ApplicationScoped
@WithSession
public class WebhookDeliveryAttemptRepository implements TenantRepository<WebhookDeliveryAttempt> {

    /** Oldest first. */
    public Uni<List<WebhookDeliveryAttempt>> listForDelivery(UUID customerId, UUID deliveryId) {
        return list("customerId = ?1 and deliveryId = ?2 order by attempt", customerId, deliveryId);
    }
}
