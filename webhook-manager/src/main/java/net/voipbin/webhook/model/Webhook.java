package net.voipbin.webhook.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A customer's webhook target (at most one per customer). */
@Entity
@Table(name = "webhook")
public class Webhook extends PanacheEntityBase {

    public static final String METHOD_POST = "POST";

    @Id
    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(columnDefinition = "BINARY(16)")
    public UUID id;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "customer_id", columnDefinition = "BINARY(16)", nullable = false)
    public UUID customerId;

    public String method;
    public String uri;

    /** JSON array of the event types delivered; empty array = every event. */
    @Column(name = "event_types", columnDefinition = "TEXT")
    public String eventTypesJson;

    /**
     * Signing secret, kept as given because signing needs it (HMAC); never returned by an RPC.
     * Null when deliveries are not signed.
     */
    public String secret;

    @Column(name = "tm_create")
    public Instant tmCreate;

    @Column(name = "tm_update")
    public Instant tmUpdate;

    @Column(name = "tm_delete")
    public Instant tmDelete;
}
