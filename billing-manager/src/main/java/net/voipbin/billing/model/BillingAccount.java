package net.voipbin.billing.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A customer's billing account; the balance is kept in micros of the account currency. */
@Entity
@Table(name = "billing_account")
public class BillingAccount extends PanacheEntityBase {

    public static final String TYPE_NORMAL = "normal";
    public static final String TYPE_ADMIN = "admin";

    @Id
    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(columnDefinition = "BINARY(16)")
    public UUID id;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "customer_id", columnDefinition = "BINARY(16)", nullable = false)
    public UUID customerId;

    public String name;
    public String detail;
    public String type;

    @Column(name = "balance_micros")
    public long balanceMicros;

    @Column(name = "tm_create")
    public Instant tmCreate;

    @Column(name = "tm_update")
    public Instant tmUpdate;

    @Column(name = "tm_delete")
    public Instant tmDelete;
}
