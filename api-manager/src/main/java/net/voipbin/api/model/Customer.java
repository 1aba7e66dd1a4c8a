package net.voipbin.api.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A customer (tenant). Its id is the {@code customer_id} of everything the customer owns. */
@Entity
@Table(name = "customer")
public class Customer extends PanacheEntityBase {

    public static final String STATUS_ACTIVE = "active";
    public static final String STATUS_FROZEN = "frozen";

    @Id
    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(columnDefinition = "BINARY(16)")
    public UUID id;

    public String name;
    public String detail;

    /** Null when none (the unique index ignores nulls). */
    public String email;

    @Column(name = "phone_number")
    public String phoneNumber = "";

    public String address = "";

    public String status = STATUS_ACTIVE;

    @Column(name = "email_verified")
    public boolean emailVerified;

    /** metadata.rtp_debug of the contract: capture this customer's RTP (stored; no RTP engine here). */
    @Column(name = "rtp_debug")
    public boolean rtpDebug;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "billing_account_id", columnDefinition = "BINARY(16)")
    public UUID billingAccountId;

    @Column(name = "webhook_method")
    public String webhookMethod;

    @Column(name = "webhook_uri")
    public String webhookUri;

    @Column(name = "tm_create")
    public Instant tmCreate;

    @Column(name = "tm_update")
    public Instant tmUpdate;

    @Column(name = "tm_delete")
    public Instant tmDelete;
}
