package net.voipbin.call.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.voipbin.call.model.Recording;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;

public final class RecordingMapper {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private RecordingMapper() {
    }

    public static net.voipbin.proto.call.v1.Recording toProto(Recording r) {
        var b = net.voipbin.proto.call.v1.Recording.newBuilder()
                .setId(r.id.toString())
                .setCustomerId(r.customerId.toString())
                .setOwnerType(r.ownerType == null ? "" : r.ownerType)
                .setOwnerId(Ids.format(r.ownerId))
                .setReferenceType(r.referenceType)
                .setReferenceId(Ids.format(r.referenceId))
                .setStatus(r.status)
                .setFormat(r.format)
                .setActiveflowId(Ids.format(r.activeflowId))
                .setOnEndFlowId(Ids.format(r.onEndFlowId))
                .setTmStart(TimeFormat.format(r.tmStart))
                .setTmEnd(TimeFormat.format(r.tmEnd))
                .setTmCreate(TimeFormat.format(r.tmCreate))
                .setTmUpdate(TimeFormat.format(r.tmUpdate))
                .setTmDelete(TimeFormat.format(r.tmDelete))
                .setDurationMs(r.durationMs)
                .setStorageFileId(Ids.format(r.storageFileId));
        b.addFilenames(r.filename());
        return b.build();
    }

    /** The public Recording JSON (openapi CallManagerRecording, plus duration_ms and filenames). */
    public static ObjectNode toJson(Recording r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", r.id.toString());
        n.put("customer_id", r.customerId.toString());
        n.put("owner_type", r.ownerType == null ? "" : r.ownerType);
        n.put("owner_id", CallMapper.nil(r.ownerId));
        n.put("reference_type", r.referenceType);
        n.put("reference_id", CallMapper.nil(r.referenceId));
        n.put("status", r.status);
        n.put("format", r.format);
        n.put("activeflow_id", CallMapper.nil(r.activeflowId));
        n.put("on_end_flow_id", CallMapper.nil(r.onEndFlowId));
        n.put("duration_ms", r.durationMs);
        n.putArray("filenames").add(r.filename());
        n.put("storage_file_id", CallMapper.nil(r.storageFileId));
        CallMapper.time(n, "tm_start", r.tmStart);
        CallMapper.time(n, "tm_end", r.tmEnd);
        CallMapper.time(n, "tm_create", r.tmCreate);
        CallMapper.time(n, "tm_update", r.tmUpdate);
        CallMapper.time(n, "tm_delete", r.tmDelete);
        return n;
    }
}
