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

    /**
     * The customer's own webhook_method/webhook_uri as api-manager announces it: only method and uri change (the
     * event filter and secret set over RPC stay), and only from a customer version at least as new as what the row
     * holds, so a late redelivery of an older customer_updated cannot undo a newer one. tm_update is assigned last:
     * MariaDB evaluates the assignments in order, and the comparisons must see the row's old version.
     */
    private static final String FOLLOW_CUSTOMER = """
            INSERT INTO webhook (id, customer_id, method, uri, event_types, secret, tm_create, tm_update, tm_delete)
            VALUES (:id, :customerId, :method, :uri, '[]', NULL, :version, :version, :deleted)
            ON DUPLICATE KEY UPDATE
                method = IF(VALUES(tm_update) >= tm_update OR tm_update IS NULL, VALUES(method), method),
                uri = IF(VALUES(tm_update) >= tm_update OR tm_update IS NULL, VALUES(uri), uri),
                tm_delete = IF(VALUES(tm_update) >= tm_update OR tm_update IS NULL, VALUES(tm_delete), tm_delete),
                tm_update = IF(VALUES(tm_update) >= tm_update OR tm_update IS NULL, VALUES(tm_update), tm_update)""";

    /**
     * Sets the customer's target to {@code method uri} as of customer version {@code version}; a blank {@code uri}
     * (the customer cleared it, or was deleted) keeps the row but marks it deleted, so nothing is delivered.
     */
    public Uni<Integer> followCustomer(UUID customerId, String method, String uri, java.time.Instant version) {
        boolean none = uri == null || uri.isBlank();
        return getSession().flatMap(session -> session.createNativeQuery(FOLLOW_CUSTOMER)
                .setParameter("id", bytes(net.voipbin.common.id.Ids.newId()))
                .setParameter("customerId", bytes(customerId))
                .setParameter("method", method)
                .setParameter("uri", none ? "" : uri)
                .setParameter("version", version)
                .setParameter("deleted", none ? version : null)
                .executeUpdate());
    }

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
