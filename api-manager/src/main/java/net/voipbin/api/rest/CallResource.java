package net.voipbin.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.ws.rs.core.Response;
import net.voipbin.api.auth.CurrentIdentity;
import net.voipbin.api.auth.Permissions;
import net.voipbin.api.mapping.Bodies;
import net.voipbin.api.client.CallManagerClient;
import net.voipbin.common.json.PublicJson;
import net.voipbin.api.mapping.Validate;
import net.voipbin.api.mapping.Views;
import net.voipbin.api.rest.error.ApiError;
import net.voipbin.common.error.Errors;
import net.voipbin.proto.call.v1.CallToggleRequest;
import net.voipbin.proto.call.v1.CreateCallsRequest;
import net.voipbin.proto.call.v1.GetCallRequest;
import net.voipbin.proto.call.v1.HangupCallRequest;
import net.voipbin.proto.call.v1.ListCallsRequest;
import net.voipbin.proto.call.v1.MuteRequest;
import net.voipbin.proto.call.v1.SendDtmfRequest;
import net.voipbin.proto.call.v1.StartRecordingRequest;
import net.voipbin.proto.call.v1.TalkRequest;
import net.voipbin.proto.flow.v1.FlowAction;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /calls}: call-manager's CallService for the caller's customer (CustomerAdmin or CustomerManager). */
@Path("/v1.0/calls")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CallResource {

    public static class CreateCallsBody {
        public String flow_id;
        public List<JsonNode> actions;
        public Bodies.AddressBody source;
        public List<Bodies.AddressBody> destinations;
        public String anonymous;
        public Map<String, String> variables;
        @Schema(description = "Milliseconds VoIPBIN rings each destination before giving up (hangup_reason dialout)."
                + " Default 30000.", minimum = "1000", maximum = "600000", example = "45000")
        public Integer dial_timeout;
        @Schema(description = "Start the flow while the destination is still ringing (early media) instead of on"
                + " answer. Default false.")
        public Boolean early_execution;
        @Schema(description = "Longest the call may last, in milliseconds from its creation; then it is hung up"
                + " (hangup_reason timeout). Default and maximum 3600000 (1 hour).", minimum = "1000",
                maximum = "3600000", example = "600000")
        public Integer time_limit;
    }

    /** Bounds of the call options (call-manager enforces the same; checked here to name the public field). */
    static final int DIAL_TIMEOUT_MIN = 1000, DIAL_TIMEOUT_MAX = 600_000, TIME_LIMIT_MIN = 1000, TIME_LIMIT_MAX = 3_600_000;

    public static class RecordingStartBody {
        public String format;
        public Integer end_of_silence;
        public String end_of_key;
        public Integer duration;
        public String on_end_flow_id;
        public Boolean beep_start;
    }

    public static class MuteBody {
        public String direction;
    }

    public static class DtmfBody {
        public String digits;
        public Integer duration;
        public Integer interval;
    }

    public static class TalkBody {
        public String text;
        public String language;
        public String provider;
        public String voice_id;
    }

    private final CallManagerClient callManager;
    private final CurrentIdentity current;

    public CallResource(CallManagerClient callManager, CurrentIdentity current) {
        this.callManager = callManager;
        this.current = current;
    }

    private String customer() {
        return current.customerId(Permissions.ADMIN_OR_MANAGER);
    }

    @GET
    public Uni<ObjectNode> list(@QueryParam("page_size") String pageSize, @QueryParam("page_token") String pageToken) {
        ListCallsRequest request = ListCallsRequest.newBuilder().setCustomerId(customer())
                .setPage(Validate.page(pageSize, pageToken)).build();
        return callManager.calls().listCalls(request)
                .map(r -> PublicJson.page(r.getCallsList(), r.getPage().getNextPageToken()));
    }

    @POST
    public Uni<ObjectNode> create(CreateCallsBody body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        String customerId = customer();
        if (body == null) {
            throw Errors.invalidArgument("body", "is required");
        }
        CreateCallsRequest.Builder request = CreateCallsRequest.newBuilder().setCustomerId(customerId)
                .setFlowId(Validate.optionalId("flow_id", body.flow_id))
                .setSource(Bodies.address("source", body.source));
        if (body.destinations == null || body.destinations.isEmpty()) {
            throw Errors.invalidArgument("destinations", "at least one destination is required");
        }
        if (body.destinations.size() > 100) {
            throw Errors.invalidArgument("destinations", "at most 100 destinations");
        }
        for (int i = 0; i < body.destinations.size(); i++) {
            request.addDestinations(Bodies.address("destinations[" + i + "]", body.destinations.get(i)));
        }
        List<FlowAction> actions = Bodies.actions(body.actions);
        if (request.getFlowId().isEmpty() && (actions == null || actions.isEmpty())) {
            throw Errors.invalidArgument("flow_id", "either flow_id or a non-empty actions array is required");
        }
        if (request.getFlowId().isEmpty()) {
            request.addAllActions(actions);
        }
        String anonymous = body.anonymous == null ? "" : body.anonymous;
        if (!Set.of("", "yes", "no", "auto").contains(anonymous)) {
            throw Errors.invalidArgument("anonymous", "must be yes, no or auto");
        }
        request.setAnonymous(anonymous).putAllVariables(Bodies.variables(body.variables));
        if (body.dial_timeout != null) {
            request.setDialTimeoutMs(range("dial_timeout", body.dial_timeout, DIAL_TIMEOUT_MIN, DIAL_TIMEOUT_MAX));
        }
        if (body.time_limit != null) {
            request.setMaxDurationMs(range("time_limit", body.time_limit, TIME_LIMIT_MIN, TIME_LIMIT_MAX));
        }
        request.setEarlyExecution(Boolean.TRUE.equals(body.early_execution));
        if (idempotencyKey != null) {
            request.setIdempotencyKey(Validate.text("Idempotency-Key", idempotencyKey, 255));
        }
        return callManager.calls().createCalls(request.build()).map(r -> {
            ObjectNode out = Views.MAPPER.createObjectNode();
            var calls = out.putArray("calls");
            r.getCallsList().forEach(c -> calls.add(PublicJson.toJson(c)));
            out.putArray("groupcalls");
            return out;
        });
    }

    private static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw Errors.invalidArgument(field, "must be between " + min + " and " + max + " (milliseconds)");
        }
        return value;
    }

    private GetCallRequest get(String id) {
        return GetCallRequest.newBuilder().setCustomerId(customer()).setId(Validate.id("id", id).toString()).build();
    }

    @GET
    @Path("/{id}")
    public Uni<ObjectNode> getOne(@PathParam("id") String id) {
        return callManager.calls().getCall(get(id)).map(PublicJson::toJson);
    }

    /**
     * The contract's media stream (a WebSocket carrying the call's RTP) is not offered: this gateway has no
     * external-media bridge. The call is looked up first so another customer's id stays 404; the caller's own
     * call gets the contract's error shape with 500 (the only error status the operation lists besides 401)
     * and reason UNIMPLEMENTED, so a client can tell it from a fault.
     */
    @GET
    @Path("/{id}/media_stream")
    public Uni<Response> mediaStream(@PathParam("id") String id, @QueryParam("encapsulation") String encapsulation) {
        return callManager.calls().getCall(get(id)).map(call -> ApiError.response(500, "UNIMPLEMENTED",
                "media_stream: external media streaming is not offered by this deployment", null));
    }

    @DELETE
    @Path("/{id}")
    public Uni<ObjectNode> delete(@PathParam("id") String id) {
        return callManager.calls().deleteCall(get(id)).map(PublicJson::toJson);
    }

    @POST
    @Path("/{id}/hangup")
    public Uni<ObjectNode> hangup(@PathParam("id") String id) {
        GetCallRequest g = get(id);
        return callManager.calls().hangupCall(HangupCallRequest.newBuilder().setCustomerId(g.getCustomerId())
                .setId(g.getId()).build()).map(PublicJson::toJson);
    }

    private CallToggleRequest toggle(String id, boolean on) {
        GetCallRequest g = get(id);
        return CallToggleRequest.newBuilder().setCustomerId(g.getCustomerId()).setId(g.getId()).setOn(on).build();
    }

    private static Uni<Response> empty(Uni<?> call) {
        return call.replaceWith(Response.ok().build());
    }

    @POST
    @Path("/{id}/hold")
    public Uni<Response> hold(@PathParam("id") String id) {
        return empty(callManager.calls().hold(toggle(id, true)));
    }

    @DELETE
    @Path("/{id}/hold")
    public Uni<Response> unhold(@PathParam("id") String id) {
        return empty(callManager.calls().hold(toggle(id, false)));
    }

    @POST
    @Path("/{id}/moh")
    public Uni<Response> moh(@PathParam("id") String id) {
        return empty(callManager.calls().moh(toggle(id, true)));
    }

    @DELETE
    @Path("/{id}/moh")
    public Uni<Response> mohOff(@PathParam("id") String id) {
        return empty(callManager.calls().moh(toggle(id, false)));
    }

    @POST
    @Path("/{id}/silence")
    public Uni<Response> silence(@PathParam("id") String id) {
        return empty(callManager.calls().silence(toggle(id, true)));
    }

    @DELETE
    @Path("/{id}/silence")
    public Uni<Response> silenceOff(@PathParam("id") String id) {
        return empty(callManager.calls().silence(toggle(id, false)));
    }

    private MuteRequest mute(String id, boolean on, MuteBody body) {
        String direction = body == null || body.direction == null ? "" : body.direction;
        if (!Set.of("", "both", "in", "out").contains(direction)) {
            throw Errors.invalidArgument("direction", "must be both, in or out");
        }
        GetCallRequest g = get(id);
        return MuteRequest.newBuilder().setCustomerId(g.getCustomerId()).setId(g.getId()).setOn(on)
                .setDirection(direction).build();
    }

    @POST
    @Path("/{id}/mute")
    public Uni<Response> mute(@PathParam("id") String id, MuteBody body) {
        return empty(callManager.calls().mute(mute(id, true, body)));
    }

    @DELETE
    @Path("/{id}/mute")
    public Uni<Response> unmute(@PathParam("id") String id, MuteBody body) {
        return empty(callManager.calls().mute(mute(id, false, body)));
    }

    @POST
    @Path("/{id}/talk")
    public Uni<Response> talk(@PathParam("id") String id, TalkBody body) {
        if (body == null) {
            throw Errors.invalidArgument("text", "is required");
        }
        GetCallRequest g = get(id);
        return empty(callManager.calls().talk(TalkRequest.newBuilder().setCustomerId(g.getCustomerId()).setId(g.getId())
                .setText(Validate.required("text", body.text, 5000))
                .setLanguage(Validate.text("language", body.language, 32))
                .setProvider(Validate.text("provider", body.provider, 32))
                .setVoice(Validate.text("voice_id", body.voice_id, 128)).build()));
    }

    @POST
    @Path("/{id}/recording_start")
    public Uni<ObjectNode> recordingStart(@PathParam("id") String id, RecordingStartBody body) {
        RecordingStartBody b = body == null ? new RecordingStartBody() : body;
        String format = b.format == null ? "" : b.format;
        if (!Set.of("", "wav", "mp3", "ogg").contains(format)) {
            throw Errors.invalidArgument("format", "must be wav, mp3 or ogg");
        }
        if (b.end_of_silence != null && (b.end_of_silence < 0 || b.end_of_silence > 3600)) {
            throw Errors.invalidArgument("end_of_silence", "must be 0..3600 seconds");
        }
        if (b.duration != null && (b.duration < 0 || b.duration > 86_400)) {
            throw Errors.invalidArgument("duration", "must be 0..86400 seconds");
        }
        String endOfKey = b.end_of_key == null ? "" : b.end_of_key;
        if (!Set.of("", "none", "any", "*", "#").contains(endOfKey) && !endOfKey.matches("[0-9]")) {
            throw Errors.invalidArgument("end_of_key", "must be \"\", none, any, a digit, * or #");
        }
        GetCallRequest g = get(id);
        StartRecordingRequest request = StartRecordingRequest.newBuilder().setCustomerId(g.getCustomerId())
                .setId(g.getId()).setFormat(format)
                .setEndOfSilence(b.end_of_silence == null ? 0 : b.end_of_silence)
                .setEndOfKey(endOfKey).setDuration(b.duration == null ? 0 : b.duration)
                .setBeepStart(Boolean.TRUE.equals(b.beep_start))
                .setOnEndFlowId(Validate.optionalId("on_end_flow_id", b.on_end_flow_id)).build();
        // The contract answers the call; the recording id is in its recording_id.
        return callManager.calls().startRecording(request).chain(rec -> callManager.calls().getCall(g)).map(PublicJson::toJson);
    }

    @POST
    @Path("/{id}/recording_stop")
    public Uni<ObjectNode> recordingStop(@PathParam("id") String id) {
        return callManager.calls().stopRecording(get(id)).map(PublicJson::toJson);
    }

    /** Extension (not in the contract): sends DTMF digits into the call (CallService.SendDtmf). */
    @POST
    @Path("/{id}/dtmf")
    public Uni<Response> dtmf(@PathParam("id") String id, DtmfBody body) {
        if (body == null) {
            throw Errors.invalidArgument("digits", "is required");
        }
        String digits = Validate.required("digits", body.digits, 100);
        if (!digits.matches("[0-9A-D#*]+")) {
            throw Errors.invalidArgument("digits", "only 0-9, A-D, # and * are allowed");
        }
        if (body.duration != null && (body.duration < 0 || body.duration > 5000)) {
            throw Errors.invalidArgument("duration", "must be 0..5000 ms");
        }
        if (body.interval != null && (body.interval < 0 || body.interval > 5000)) {
            throw Errors.invalidArgument("interval", "must be 0..5000 ms");
        }
        GetCallRequest g = get(id);
        return empty(callManager.calls().sendDtmf(SendDtmfRequest.newBuilder().setCustomerId(g.getCustomerId())
                .setId(g.getId()).setDigits(digits).setDurationMs(body.duration == null ? 0 : body.duration)
                .setIntervalMs(body.interval == null ? 0 : body.interval).build()));
    }
}
