package net.voipbin.webhook.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import net.voipbin.common.db.TenantResource;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** One attempt of a delivery: the receiver's HTTP status or the transport error, and when it ran. */
@Entity
@Table(name = "webhook_delivery_attempt")
public class WebhookDeliveryAttempt extends TenantResource {

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "delivery_id", columnDefinition = "BINARY(16)", nullable = false)
    public UUID deliveryId;

    /** 1 for the first attempt; unique per delivery, so one attempt is never recorded twice. */
    public int attempt;

    @Column(name = "http_code")
    public Integer httpCode;

    public String error;

    @Column(name = "tm_start")
    public Instant tmStart;

    @Column(name = "tm_end")
    public Instant tmEnd;
}
