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

    /** The Asterisk channel the call rides on (its id is chosen by us for outgoing calls). */
    @Column(name = "channel_id")
    public String channelId;

    @Column(name = "asterisk_id")
    public String asteriskId = "";

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "master_call_id", columnDefinition = "BINARY(16)")
    public UUID masterCallId;

    /** JSON array of call ids hung up together with this one. */
    @Column(name = "chained_call_ids", columnDefinition = "TEXT")
    public String chainedCallIds = "[]";

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "recording_id", columnDefinition = "BINARY(16)")
    public UUID recordingId;

    @Column(name = "recording_ids", columnDefinition = "TEXT")
    public String recordingIds = "[]";

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "groupcall_id", columnDefinition = "BINARY(16)")
    public UUID groupcallId;

    @Column(name = "owner_type")
    public String ownerType = "";

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "owner_id", columnDefinition = "BINARY(16)")
    public UUID ownerId;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "confbridge_id", columnDefinition = "BINARY(16)")
    public UUID confbridgeId;

    /** JSON of the flow action being executed ({id,next_id,type,option,tm_execute}); null = none yet. */
    @Column(name = "action", columnDefinition = "TEXT")
    public String action;

    /** Bumped per executed action: playbacks and timeouts of an earlier action are recognised as stale. */
    @Column(name = "action_seq")
    public int actionSeq;

    @Column(name = "mute_direction")
    public String muteDirection = "";

    @Column(name = "metadata", columnDefinition = "TEXT")
    public String metadata = "{}";

    @Column(name = "early_execution")
    public boolean earlyExecution;

    @Column(name = "connect_leg")
    public boolean connectLeg;

    @Column(name = "anonymous")
    public String anonymous = "";

    @Column(name = "dial_timeout_ms")
    public int dialTimeoutMs = 30_000;

    /** Why we hung up locally (dialout, timeout, busy...): it decides hangup_reason at ChannelDestroyed. */
    @Column(name = "requested_reason")
    public String requestedReason = "";

    @Column(name = "hangup_cause")
    public Integer hangupCause;

    /** The playback started for the current action ("" = none). */
    @Column(name = "playback_id")
    public String playbackId = "";

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "destination_index")
    public int destinationIndex;

    /** Index into the configured PSTN routes this call is dialled through (failover moves on). */
    @Column(name = "route_index")
    public int routeIndex;

    /** Asterisk announced the channel's hangup; it is about to be destroyed. */
    @Column(name = "far_end_hanging_up")
    public boolean farEndHangingUp;

    public boolean isLive() {
        return !STATUS_HANGUP.equals(status);
    }

    public boolean isHangingUp() {
        return farEndHangingUp || STATUS_TERMINATING.equals(status) || STATUS_CANCELING.equals(status)
                || STATUS_HANGUP.equals(status);
    }
}
