package net.voipbin.call.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import net.voipbin.call.model.Call;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.flow.v1.FlowActionJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Call entity to the RPC message; its public JSON (REST and event data) is PublicJson of that message. */
public final class CallMapper {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private CallMapper() {
    }

    public static net.voipbin.proto.call.v1.Call toProto(Call call) {
        var builder = net.voipbin.proto.call.v1.Call.newBuilder()
                .setId(Ids.format(call.id))
                .setCustomerId(Ids.format(call.customerId))
                .setFlowId(Ids.format(call.flowId))
                .setActiveflowId(Ids.format(call.activeflowId))
                .setType(call.type)
                .setDirection(call.direction)
                .setStatus(call.status)
                .setSource(AddressJson.fromJson(call.sourceJson))
                .setDestination(AddressJson.fromJson(call.destinationJson))
                .setHangupBy(nz(call.hangupBy))
                .setHangupReason(nz(call.hangupReason))
                .setTmCreate(TimeFormat.format(call.tmCreate))
                .setTmUpdate(TimeFormat.format(call.tmUpdate))
                .setTmRinging(TimeFormat.format(call.tmRinging))
                .setTmProgressing(TimeFormat.format(call.tmProgressing))
                .setTmHangup(TimeFormat.format(call.tmHangup))
                .setTmDelete(TimeFormat.format(call.tmDelete))
                .setOwnerType(nz(call.ownerType))
                .setOwnerId(Ids.format(call.ownerId))
                .setMasterCallId(Ids.format(call.masterCallId))
                .addAllChainedCallIds(ids(call.chainedCallIds).stream().map(UUID::toString).toList())
                .setRecordingId(Ids.format(call.recordingId))
                .addAllRecordingIds(ids(call.recordingIds).stream().map(UUID::toString).toList())
                .setGroupcallId(Ids.format(call.groupcallId))
                .setMuteDirection(nz(call.muteDirection))
                .setMetadataJson(call.metadata == null || call.metadata.isEmpty() ? "{}" : call.metadata);
        if (call.action != null) {
            builder.setAction(FlowActionJson.actionFromJson(call.action, "action"));
        }
        return builder.build();
    }

    /** Unset ids are the nil UUID in the public JSON, as the VoIPBIN documentation promises. */
    public static String nil(java.util.UUID id) {
        return id == null ? "00000000-0000-0000-0000-000000000000" : id.toString();
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    public static JsonNode readTree(String json) {
        if (json == null || json.isEmpty()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON unreadable: " + json, e);
        }
    }

    public static List<UUID> ids(String json) {
        List<UUID> out = new ArrayList<>();
        JsonNode node = readTree(json);
        if (node.isArray()) {
            node.forEach(e -> out.add(UUID.fromString(e.asText())));
        }
        return out;
    }

    public static String idsJson(List<UUID> ids) {
        ArrayNode array = JSON.createArrayNode();
        ids.forEach(id -> array.add(id.toString()));
        return array.toString();
    }
}
