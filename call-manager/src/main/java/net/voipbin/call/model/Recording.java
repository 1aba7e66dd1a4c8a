package net.voipbin.call.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import net.voipbin.common.db.TenantResource;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A recording of a call; its file goes to storage-manager once Asterisk finished it. */
@Entity
@Table(name = "recording")
public class Recording extends TenantResource {

    public static final String STATUS_INITIATING = "initiating";
    public static final String STATUS_RECORDING = "recording";
    public static final String STATUS_STOPPING = "stopping";
    public static final String STATUS_ENDED = "ended";

    @Column(name = "owner_type")
    public String ownerType = "";

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "owner_id", columnDefinition = "BINARY(16)")
    public UUID ownerId;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "activeflow_id", columnDefinition = "BINARY(16)")
    public UUID activeflowId;

    @Column(name = "reference_type")
    public String referenceType;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "reference_id", columnDefinition = "BINARY(16)")
    public UUID referenceId;

    public String status;
    public String format;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "on_end_flow_id", columnDefinition = "BINARY(16)")
    public UUID onEndFlowId;

    /** Asterisk's name of the recording (unique): the stored file is {@code <name>.<format>}. */
    @Column(name = "recording_name")
    public String recordingName;

    @Column(name = "asterisk_id")
    public String asteriskId = "";

    @Column(name = "channel_id")
    public String channelId = "";

    /** For record_voice: the flow variable that receives the recording when it is finished. */
    @Column(name = "flow_variable")
    public String flowVariable = "";

    /** For record_voice: the action that waits for this recording to finish. */
    @Column(name = "action_id")
    public String actionId = "";

    @Column(name = "duration_ms")
    public long durationMs;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "storage_file_id", columnDefinition = "BINARY(16)")
    public UUID storageFileId;

    @Column(name = "tm_start")
    public Instant tmStart;

    @Column(name = "tm_end")
    public Instant tmEnd;

    public String filename() {
        return recordingName + "." + format;
    }
}
