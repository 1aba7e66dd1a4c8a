package net.voipbin.webhook.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import net.voipbin.common.db.TenantResource;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** One requested delivery of an HTTP request to a receiver; its attempts are {@link WebhookDeliveryAttempt}s. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends TenantResource {

    public static final String STATUS_PENDING = "pending";
    public static final String STATUS_DELIVERED = "delivered";
    public static final String STATUS_FAILED = "failed";

    /** {@code activeflow} (webhook_send) or {@code none} (no reference: never de-duplicated). */
    @Column(name = "reference_type")
    public String referenceType;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "reference_id", columnDefinition = "BINARY(16)")
    public UUID referenceId;

    /** The caller's idempotency key, unique per customer. */
    @Column(name = "reference_key")
    public String referenceKey;

    public String uri;
    public String method;

    @Column(name = "data_type")
    public String dataType;

    @Column(columnDefinition = "MEDIUMBLOB")
    public byte[] body;

    public String status;
    public int attempts;

    /** HTTP status of the last attempt; null when it got no answer (or there was none yet). */
    @Column(name = "http_code")
    public Integer httpCode;

    /** What went wrong in the last attempt; null when it succeeded. */
    public String error;

    @Column(name = "tm_last_attempt")
    public Instant tmLastAttempt;

    @Column(name = "tm_next_attempt")
    public Instant tmNextAttempt;
}
