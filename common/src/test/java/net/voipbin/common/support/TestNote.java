package net.voipbin.common.support;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A row that event and timer handlers in tests write, to prove they run inside a transaction. */
@Entity
@Table(name = "test_note")
public class TestNote extends PanacheEntityBase {

    @Id
    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(columnDefinition = "BINARY(16)")
    public UUID id;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "customer_id", columnDefinition = "BINARY(16)")
    public UUID customerId;

    public String source;
    public String text;

    @Column(name = "tm_create")
    public Instant tmCreate;
}
