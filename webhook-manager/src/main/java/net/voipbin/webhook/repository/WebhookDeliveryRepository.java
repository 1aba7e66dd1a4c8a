package net.voipbin.webhook.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.db.TenantRepository;
import net.voipbin.webhook.model.WebhookDelivery;

import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Deliveries are found through their customer; the reference key is unique per customer. */
@ApplicationScoped
@WithSession
public class WebhookDeliveryRepository implements TenantRepository<WebhookDelivery> {

    /**
     * Stores a delivery unless one with the same reference key exists: one statement, so two concurrent requests
     * with one key (an RPC redelivered while the first copy still runs) leave one row. The no-op update keeps the
     * existing row as it is.
     */
    private static final String INSERT_ONCE = """
            INSERT INTO webhook_delivery (id, customer_id, reference_type, reference_id, reference_key, uri, method,
                data_type, body, status, attempts, tm_next_attempt, tm_create, tm_update)
            VALUES (:id, :customerId, :referenceType, :referenceId, :referenceKey, :uri, :method,
                :dataType, :body, :status, 0, :next, :now, :now)
            ON DUPLICATE KEY UPDATE id = id""";

    /**
     * Stores {@code delivery} unless its reference key has one; read the key's delivery back with
     * {@link #findByReference} and compare ids to learn which. (The row count cannot tell: the reactive MySQL client
     * reports found rows, so the no-op update of a duplicate counts 1 like an insert.)
     */
    public Uni<Void> insertOnce(WebhookDelivery delivery) {
        return getSession().flatMap(session -> session.createNativeQuery(INSERT_ONCE)
                        .setParameter("id", bytes(delivery.id))
                        .setParameter("customerId", bytes(delivery.customerId))
                        .setParameter("referenceType", delivery.referenceType)
                        .setParameter("referenceId", delivery.referenceId == null ? null : bytes(delivery.referenceId))
                        .setParameter("referenceKey", delivery.referenceKey)
                        .setParameter("uri", delivery.uri)
                        .setParameter("method", delivery.method)
                        .setParameter("dataType", delivery.dataType)
                        .setParameter("body", delivery.body)
                        .setParameter("status", delivery.status)
                        .setParameter("next", utc(delivery.tmNextAttempt))
                        .setParameter("now", utc(delivery.tmCreate))
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<WebhookDelivery> findByReference(UUID customerId, String referenceKey) {
        return find("customerId = ?1 and referenceKey = ?2", customerId, referenceKey).firstResult();
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    private static LocalDateTime utc(java.time.Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
