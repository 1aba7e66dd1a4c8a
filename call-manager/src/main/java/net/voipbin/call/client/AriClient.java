package net.voipbin.call.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.asterisk.v1.AriRequest;
import net.voipbin.proto.asterisk.v1.AriResponse;
import net.voipbin.proto.asterisk.v1.MutinyAriServiceGrpc;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The one place that builds ARI URIs. ARI through asterisk-proxy's RPC: the request queue of a known Asterisk for
 * its channels, any proxy's queue to place a new call (common's BrokerNames through
 * {@link RpcClient#channelToAsterisk}). ARI status codes come back as
 * they are; 4xx/5xx become failures except where the caller says a 404 means "already gone".
 */
@ApplicationScoped
public class AriClient {

    public static final String APP = "voipbin";

    private final RpcClient rpc;
    private final ObjectMapper json;
    private final Map<String, MutinyAriServiceGrpc.MutinyAriServiceStub> stubs = new ConcurrentHashMap<>();

    public AriClient(RpcClient rpc, ObjectMapper json) {
        this.rpc = rpc;
        this.json = json;
    }

    private MutinyAriServiceGrpc.MutinyAriServiceStub stub(String asteriskId) {
        String key = asteriskId == null ? "" : asteriskId;
        return stubs.computeIfAbsent(key, id -> MutinyAriServiceGrpc.newMutinyStub(rpc.channelToAsterisk(id)));
    }

    /** A parsed ARI answer: status, body (null when empty) and the Asterisk that served it. */
    public record Answer(int status, JsonNode body, String asteriskId) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Uni<Answer> request(String asteriskId, String method, String uri, Object body) {
        AriRequest.Builder req = AriRequest.newBuilder().setMethod(method).setUri(uri);
        if (body != null) {
            try {
                req.setContentType("application/json").setBody(ByteString.copyFrom(json.writeValueAsBytes(body)));
            } catch (IOException e) {
                return Uni.createFrom().failure(e);
            }
        }
        return stub(asteriskId).withDeadlineAfter(5, TimeUnit.SECONDS).request(req.build())
                .map(this::parse);
    }

    private Answer parse(AriResponse response) {
        JsonNode body = null;
        if (!response.getBody().isEmpty()) {
            try {
                body = json.readTree(response.getBody().toByteArray());
            } catch (IOException e) {
                body = json.getNodeFactory().textNode(response.getBody().toStringUtf8());
            }
        }
        return new Answer(response.getStatusCode(), body, response.getAsteriskId());
    }

    /** Fails unless 2xx (or 404 when {@code goneIsFine}: hanging up a channel that is already gone). */
    public Uni<Answer> expect(String asteriskId, String method, String uri, Object body, boolean goneIsFine) {
        return request(asteriskId, method, uri, body).map(a -> {
            if (a.ok() || (goneIsFine && a.status() == 404)) {
                return a;
            }
            Status status = a.status() == 404 ? Status.NOT_FOUND : a.status() == 409 ? Status.FAILED_PRECONDITION : Status.UNAVAILABLE;
            throw status.withDescription("asterisk answered " + a.status() + " to " + method + " " + uri
                    + (a.body() == null ? "" : ": " + a.body().path("message").asText(a.body().toString()))).asRuntimeException();
        });
    }

    public static String q(Map<String, ?> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (v == null) {
                return;
            }
            sb.append(sb.isEmpty() ? '?' : '&').append(k).append('=')
                    .append(URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    /**
     * Places an outgoing call on any Asterisk the way the reference does: the channel is created in
     * our Stasis app first (StasisStart at once, so early media can play while it rings), then dialled
     * on the Asterisk that took it. Emits the create answer (asterisk_id tells where it landed).
     */
    public Uni<Answer> originate(String channelId, String endpoint, String appArgs, String callerId, int timeoutSeconds,
                                 Map<String, String> variables) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("endpoint", endpoint);
        params.put("app", APP);
        params.put("appArgs", appArgs);
        params.put("channelId", channelId);
        params.put("callerId", callerId);
        ObjectNode body = json.createObjectNode();
        ObjectNode vars = body.putObject("variables");
        variables.forEach(vars::put);
        return expect(null, "POST", "/ari/channels/create" + q(params), body, false);
    }

    /** Dials a channel made by {@link #originate} on the Asterisk that has it. */
    public Uni<Answer> dial(String asteriskId, String channelId, int timeoutSeconds) {
        return expect(asteriskId, "POST", "/ari/channels/" + channelId + "/dial" + q(Map.of("timeout", timeoutSeconds)), null, false);
    }

    public Uni<Answer> hangup(String asteriskId, String channelId, int cause) {
        return expect(asteriskId, "DELETE", "/ari/channels/" + channelId + q(Map.of("reason_code", cause)), null, true);
    }

    public Uni<Answer> answer(String asteriskId, String channelId) {
        return expect(asteriskId, "POST", "/ari/channels/" + channelId + "/answer", null, false);
    }

    public Uni<Answer> toggle(String asteriskId, String channelId, String what, boolean on, Map<String, ?> params) {
        return expect(asteriskId, on ? "POST" : "DELETE", "/ari/channels/" + channelId + "/" + what + q(params), null, false);
    }

    public Uni<Answer> dtmf(String asteriskId, String channelId, String digits, int durationMs, int betweenMs) {
        return expect(asteriskId, "POST", "/ari/channels/" + channelId + "/dtmf"
                + q(Map.of("dtmf", digits, "duration", durationMs, "between", betweenMs)), null, false);
    }

    public Uni<Answer> play(String asteriskId, String channelId, String playbackId, List<String> media, String lang) {
        ObjectNode body = json.createObjectNode();
        body.putArray("media").addAll(media.stream().map(json.getNodeFactory()::textNode).toList());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("playbackId", playbackId);
        params.put("lang", lang == null || lang.isEmpty() ? null : lang);
        return expect(asteriskId, "POST", "/ari/channels/" + channelId + "/play" + q(params), body, false);
    }

    public Uni<Answer> stopPlayback(String asteriskId, String playbackId) {
        return expect(asteriskId, "DELETE", "/ari/playbacks/" + playbackId, null, true);
    }

    public Uni<Answer> record(String asteriskId, String channelId, String name, String format, int maxDurationSeconds,
                              int maxSilenceSeconds, String terminateOn, boolean beep) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", name);
        params.put("format", format);
        params.put("maxDurationSeconds", maxDurationSeconds);
        params.put("maxSilenceSeconds", maxSilenceSeconds);
        params.put("terminateOn", terminateOn == null || terminateOn.isEmpty() ? "none" : terminateOn);
        params.put("beep", beep);
        params.put("ifExists", "fail");
        return expect(asteriskId, "POST", "/ari/channels/" + channelId + "/record" + q(params), null, false);
    }

    public Uni<Answer> stopRecording(String asteriskId, String name) {
        return expect(asteriskId, "POST", "/ari/recordings/live/" + name + "/stop", null, true);
    }

    public Uni<Answer> createBridge(String asteriskId, String bridgeId, String name) {
        return expect(asteriskId, "POST", "/ari/bridges/" + bridgeId + q(Map.of("type", "mixing", "name", name)), null, false);
    }

    public Uni<Answer> addToBridge(String asteriskId, String bridgeId, String channelId) {
        return expect(asteriskId, "POST", "/ari/bridges/" + bridgeId + "/addChannel" + q(Map.of("channel", channelId)), null, false);
    }

    public Uni<Answer> removeFromBridge(String asteriskId, String bridgeId, String channelId) {
        return request(asteriskId, "POST", "/ari/bridges/" + bridgeId + "/removeChannel" + q(Map.of("channel", channelId)), null);
    }

    public Uni<Answer> destroyBridge(String asteriskId, String bridgeId) {
        return expect(asteriskId, "DELETE", "/ari/bridges/" + bridgeId, null, true);
    }

    public Uni<Answer> channels(String asteriskId) {
        return expect(asteriskId, "GET", "/ari/channels", null, false);
    }

    /** A stored recording's file as Asterisk has it: status, raw bytes and content type. */
    public record StoredFile(int status, byte[] body, String contentType) {
    }

    public Uni<StoredFile> storedRecordingFile(String asteriskId, String name) {
        return stub(asteriskId).withDeadlineAfter(10, TimeUnit.SECONDS)
                .request(AriRequest.newBuilder().setMethod("GET").setUri("/ari/recordings/stored/" + name + "/file").build())
                .map(r -> new StoredFile(r.getStatusCode(), r.getBody().toByteArray(), r.getContentType()));
    }
}
