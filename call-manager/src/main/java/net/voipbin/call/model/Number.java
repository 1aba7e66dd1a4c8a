package net.voipbin.call.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import net.voipbin.common.db.TenantResource;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.UUID;

/**
 * A phone number owned by a customer (openapi NumberManagerNumber). {@code number} is E.164, unique
 * among live (not deleted) rows: the table's generated {@code live_number} column carries the key.
 */
@Entity(name = "OwnedNumber")
@Table(name = "`number`")
public class Number extends TenantResource {

    public static final String TYPE_NORMAL = "normal";
    public static final String TYPE_VIRTUAL = "virtual";

    public static final String STATUS_ACTIVE = "active";
    public static final String STATUS_DELETED = "deleted";

    @Column(name = "`number`")
    public String number;

    public String type;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "call_flow_id", columnDefinition = "BINARY(16)")
    public UUID callFlowId;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "message_flow_id", columnDefinition = "BINARY(16)")
    public UUID messageFlowId;

    public String name = "";
    public String detail = "";
    public String status;

    /** metadata.rtp_debug of the contract (stored and shown; this build has no RTP capture). */
    @Column(name = "rtp_debug")
    public boolean rtpDebug;

    /** Usable as the caller id of an outgoing PSTN call: normal, active, not deleted. */
    public boolean isUsableSource() {
        return TYPE_NORMAL.equals(type) && STATUS_ACTIVE.equals(status) && tmDelete == null;
    }
}
