package net.voipbin.call.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.mapping.CallMapper;
import net.voipbin.call.mapping.RecordingMapper;
import net.voipbin.call.model.Call;
import net.voipbin.call.model.Recording;
import net.voipbin.common.db.EventOutbox;
import net.voipbin.common.json.PublicJson;

/**
 * call-manager's events, written to the outbox inside the transaction of the change they announce,
 * so an event is published if and only if its change committed. data = the resource as the REST API
 * renders it (PublicJson of the RPC message), so the two cannot drift apart.
 */
@ApplicationScoped
public class CallEvents {

    public static final String CREATED = "call_created";
    public static final String RINGING = "call_ringing";
    public static final String ANSWERED = "call_answered";
    public static final String PROGRESSING = "call_progressing";
    public static final String UPDATED = "call_updated";
    public static final String HUNGUP = "call_hungup";
    public static final String DELETED = "call_deleted";
    public static final String RECORDING_STARTED = "call_recording_started";
    public static final String RECORDING_FINISHED = "call_recording_finished";

    private final EventOutbox outbox;

    public CallEvents(EventOutbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> publish(String type, Call call) {
        return outbox.add(type, call.customerId, PublicJson.toJson(CallMapper.toProto(call))).replaceWithVoid();
    }

    public Uni<Void> publish(String type, Recording recording) {
        return outbox.add(type, recording.customerId, PublicJson.toJson(RecordingMapper.toProto(recording))).replaceWithVoid();
    }

    public Uni<Void> publish(String type, java.util.UUID customerId, Object data) {
        return outbox.add(type, customerId, data).replaceWithVoid();
    }
}
