package net.voipbin.call.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Vetoed;
import net.voipbin.call.mapping.AddressJson;
import net.voipbin.call.mapping.CallMapper;
import net.voipbin.call.mapping.RecordingMapper;
import net.voipbin.call.model.Call;
import net.voipbin.call.model.Recording;
import net.voipbin.common.db.EventOutbox;
import net.voipbin.common.id.Ids;
import net.voipbin.common.json.PublicJson;
import net.voipbin.proto.common.v1.Address;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event data is the REST resource: what api-manager renders from the RPC message (PublicJson of the
 * message after its trip over the bus), field for field. No infrastructure: the outbox is captured.
 */
class CallEventsTest {

    /**
     * Keeps the data the service hands to the outbox instead of storing it. Vetoed: the bean scope is
     * inherited, and Quarkus tests of this module must not see a second outbox bean.
     */
    @Vetoed
    private static final class CapturingOutbox extends EventOutbox {
        String type;
        UUID customerId;
        Object data;

        CapturingOutbox() {
            super(null, null, null);
        }

        @Override
        public Uni<UUID> add(String type, UUID customerId, Object data) {
            this.type = type;
            this.customerId = customerId;
            this.data = data;
            return Uni.createFrom().item(Ids.newId());
        }
    }

    private final CapturingOutbox outbox = new CapturingOutbox();
    private final CallEvents events = new CallEvents(outbox);

    private static Call call() {
        Call call = new Call();
        call.id = Ids.newId();
        call.customerId = Ids.newId();
        call.flowId = Ids.newId();
        call.activeflowId = Ids.newId();
        call.type = "flow";
        call.direction = "outgoing";
        call.status = "progressing";
        call.sourceJson = AddressJson.toJson(Address.newBuilder().setType("tel").setTarget("+821100000001").build());
        call.destinationJson = AddressJson.toJson(Address.newBuilder().setType("tel").setTarget("+821100000002").build());
        call.action = "{\"id\":\"" + Ids.newId() + "\",\"type\":\"talk\",\"option\":{\"text\":\"hello\"}}";
        call.chainedCallIds = "[\"" + Ids.newId() + "\"]";
        call.channelId = "asterisk-channel-1";
        call.tmCreate = Instant.parse("2026-12-04T10:00:00.123456Z");
        call.tmProgressing = Instant.parse("2026-12-04T10:00:05Z");
        return call;
    }

    /** What a REST GET of the resource returns: the RPC message, over the wire, rendered by PublicJson. */
    private static JsonNode restView(com.google.protobuf.Message message) throws Exception {
        return PublicJson.toJson(message.getParserForType().parseFrom(message.toByteArray()));
    }

    @Test
    void callEventDataIsTheRestCall() throws Exception {
        Call call = call();
        events.publish(CallEvents.PROGRESSING, call).await().indefinitely();

        assertEquals(CallEvents.PROGRESSING, outbox.type);
        assertEquals(call.customerId, outbox.customerId);
        JsonNode data = (JsonNode) outbox.data;
        assertEquals(restView(CallMapper.toProto(call)), data);
        // The contract's shapes, which the old hand-written mapper had to keep equal by hand.
        assertEquals("talk", data.path("action").path("type").asText(), "action is an object, not a string");
        assertTrue(data.path("metadata").isObject());
        assertFalse(data.has("tm_hangup"), "unset times are left out");
        assertEquals("+821100000002", data.path("destination").path("target").asText());
        assertFalse(data.has("channel_id"), "internal state stays out of the public JSON");
    }

    @Test
    void recordingEventDataIsTheRestRecording() throws Exception {
        Recording recording = new Recording();
        recording.id = Ids.newId();
        recording.customerId = Ids.newId();
        recording.referenceType = "call";
        recording.referenceId = Ids.newId();
        recording.status = "ended";
        recording.format = "wav";
        recording.recordingName = "call_" + recording.referenceId;
        recording.durationMs = 4200;
        recording.storageFileId = Ids.newId();
        recording.tmCreate = Instant.parse("2026-12-04T10:00:00Z");
        recording.tmStart = Instant.parse("2026-12-04T10:00:01Z");
        recording.tmEnd = Instant.parse("2026-12-04T10:00:05.2Z");

        events.publish("recording_finished", recording).await().indefinitely();

        assertEquals(recording.customerId, outbox.customerId);
        JsonNode data = (JsonNode) outbox.data;
        assertEquals(restView(RecordingMapper.toProto(recording)), data);
        assertEquals(recording.id.toString(), data.path("id").asText());
        assertFalse(data.path("tm_end").asText().isEmpty());
        for (String internal : new String[] {"duration_ms", "filenames", "storage_file_id"}) {
            assertFalse(data.has(internal), internal + " is not in the contract's Recording, so not in the event either");
        }
    }
}
