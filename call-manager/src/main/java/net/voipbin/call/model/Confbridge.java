package net.voipbin.call.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import net.voipbin.common.db.TenantResource;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.UUID;

/** A mixing bridge calls join (connect: caller and callee). The ARI bridge is made on first join. */
@Entity
@Table(name = "confbridge")
public class Confbridge extends TenantResource {

    public static final String TYPE_CONNECT = "connect";
    public static final String TYPE_CONFERENCE = "conference";
    public static final String STATUS_PROGRESSING = "progressing";
    public static final String STATUS_TERMINATING = "terminating";
    public static final String STATUS_TERMINATED = "terminated";

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "activeflow_id", columnDefinition = "BINARY(16)")
    public UUID activeflowId;

    @Column(name = "reference_type")
    public String referenceType;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "reference_id", columnDefinition = "BINARY(16)")
    public UUID referenceId;

    public String type;
    public String status;

    @Column(name = "bridge_id")
    public String bridgeId = "";

    @Column(name = "asterisk_id")
    public String asteriskId = "";

    /** JSON array of the member call ids. */
    @Column(name = "call_ids", columnDefinition = "TEXT")
    public String callIds = "[]";
}
