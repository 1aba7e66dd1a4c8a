package net.voipbin.call.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import net.voipbin.common.db.TenantResource;

import java.time.Instant;
import java.util.UUID;

/** A call leg of a customer. Source and destination are kept as the public JSON of an address. */
@Entity
@Table(name = "`call`")
public class Call extends TenantResource {

    public static final String TYPE_FLOW = "flow";
    public static final String TYPE_CONFERENCE = "conference";
    public static final String TYPE_SIP_SERVICE = "sip-service";

    public static final String DIRECTION_INCOMING = "incoming";
    public static final String DIRECTION_OUTGOING = "outgoing";

    public static final String STATUS_DIALING = "dialing";
    public static final String STATUS_RINGING = "ringing";
    public static final String STATUS_PROGRESSING = "progressing";
    public static final String STATUS_TERMINATING = "terminating";
    public static final String STATUS_CANCELING = "canceling";
    public static final String STATUS_HANGUP = "hangup";

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "flow_id", columnDefinition = "BINARY(16)")
    public UUID flowId;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "activeflow_id", columnDefinition = "BINARY(16)")
    public UUID activeflowId;

    public String type;
    public String direction;
    public String status;

    /** JSON of the source address ({@code {"type":"tel","target":"+1555...",...}}). */
    @Column(name = "source", columnDefinition = "TEXT")
    public String sourceJson;

    /** JSON of the destination address. */
    @Column(name = "destination", columnDefinition = "TEXT")
    public String destinationJson;

    @Column(name = "hangup_by")
    public String hangupBy = "";

    @Column(name = "hangup_reason")
    public String hangupReason = "";

    @Column(name = "tm_ringing")
    public Instant tmRinging;

    @Column(name = "tm_progressing")
    public Instant tmProgressing;

    @Column(name = "tm_hangup")
    public Instant tmHangup;
}
