package net.voipbin.webhook.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.db.TenantRepository;
import net.voipbin.webhook.model.Webhook;

import java.nio.ByteBuffer;
import java.util.UUID;

/** Every query names the tenant: a webhook is only ever found through its customer. */
@ApplicationScoped
@WithSession
public class WebhookRepository implements TenantRepository<Webhook> {

    /**
     * Inserts or replaces the customer's webhook in one statement, so concurrent first calls for one
     * customer cannot both insert (the unique key on customer_id decides). An existing row keeps its
     * id and tm_create.
     */
    private static final String UPSERT = """
            INSERT INTO webhook (id, customer_id, method, uri, event_types, secret, tm_create, tm_update, tm_delete)
            VALUES (:id, :customerId, :method, :uri, :eventTypes, :secret, :now, :now, NULL)
            ON DUPLICATE KEY UPDATE method = VALUES(method), uri = VALUES(uri), event_types = VALUES(event_types),
                secret = VALUES(secret), tm_update = VALUES(tm_update), tm_delete = NULL""";

    public Uni<Webhook> findForCustomer(UUID customerId) {
        return find("customerId = ?1 and tmDelete is null", customerId).firstResult();
    }

    /** Writes {@code webhook}'s content as the customer's webhook; read it back with {@link #findForCustomer}. */
    public Uni<Integer> upsert(Webhook webhook) {
        return getSession().flatMap(session -> session.createNativeQuery(UPSERT)
                .setParameter("id", bytes(webhook.id))
                .setParameter("customerId", bytes(webhook.customerId))
                .setParameter("method", webhook.method)
                .setParameter("uri", webhook.uri)
                .setParameter("eventTypes", webhook.eventTypesJson)
                .setParameter("secret", webhook.secret)
                .setParameter("now", webhook.tmUpdate)
                .executeUpdate());
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
