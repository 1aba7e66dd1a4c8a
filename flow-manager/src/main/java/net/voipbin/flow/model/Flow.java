package net.voipbin.flow.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A customer's flow: a named list of actions, kept as the public JSON array it was given as. */
@Entity
@Table(name = "flow")
public class Flow extends PanacheEntityBase {

    public static final String TYPE_FLOW = "flow";

    @Id
    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(columnDefinition = "BINARY(16)")
    public UUID id;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "customer_id", columnDefinition = "BINARY(16)", nullable = false)
    public UUID customerId;

    public String type;
    public String name;
    public String detail;

    /** JSON array of action objects, each with a non-empty string "type". */
    @Column(name = "actions", columnDefinition = "MEDIUMTEXT")
    public String actionsJson;

    public boolean persist;

    @Column(name = "tm_create")
    public Instant tmCreate;

    @Column(name = "tm_update")
    public Instant tmUpdate;

    @Column(name = "tm_delete")
    public Instant tmDelete;
}
