package net.voipbin.call.mapping;

import net.voipbin.call.model.Recording;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;

/** Recording entity to the RPC message; its public JSON (REST and event data) is PublicJson of that message. */
public final class RecordingMapper {

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
}
