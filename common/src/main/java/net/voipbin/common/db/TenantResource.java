package net.voipbin.common.db;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * What every customer-owned row has (ARCHITECTURE.md section 5): a UUIDv7 id, the tenant column
 * {@code customer_id}, UTC {@code DATETIME(6)} times, and soft delete through {@code tm_delete}.
 * Ids are {@code BINARY(16)}, mapped explicitly (Hibernate Reactive cannot read them back otherwise).
 */
@MappedSuperclass
public abstract class TenantResource extends PanacheEntityBase {

    @Id
    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(columnDefinition = "BINARY(16)")
    public UUID id;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "customer_id", columnDefinition = "BINARY(16)", nullable = false)
    public UUID customerId;

    @Column(name = "tm_create")
    public Instant tmCreate;

    @Column(name = "tm_update")
    public Instant tmUpdate;

    @Column(name = "tm_delete")
    public Instant tmDelete;
}
