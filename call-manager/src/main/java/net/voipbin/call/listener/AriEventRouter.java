package net.voipbin.call.listener;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.service.CallDialer;
import net.voipbin.call.service.CallLifecycle;
import net.voipbin.call.service.ConfbridgeService;
import net.voipbin.call.service.DtmfService;
import net.voipbin.call.service.FlowHandshake;
import net.voipbin.call.service.IncomingCalls;
import net.voipbin.call.service.RecordingService;

import java.util.HashMap;
import java.util.Map;

/**
 * ARI frames to the services they concern. Frames about channels no call owns are ignored. What a
 * service reports back (a call whose flow may start, a call to re-dial on its next route, an action
 * completed) is handed on from here, so the services never call back up into the flow handshake.
 */
@ApplicationScoped
public class AriEventRouter {

    private final CallLifecycle lifecycle;
    private final FlowHandshake handshake;
    private final CallDialer dialer;
    private final IncomingCalls incoming;
    private final DtmfService dtmf;
    private final RecordingService recordings;
    private final ConfbridgeService confbridges;

    public AriEventRouter(CallLifecycle lifecycle, FlowHandshake handshake, CallDialer dialer, IncomingCalls incoming,
                          DtmfService dtmf, RecordingService recordings, ConfbridgeService confbridges) {
        this.lifecycle = lifecycle;
        this.handshake = handshake;
        this.dialer = dialer;
        this.incoming = incoming;
        this.dtmf = dtmf;
        this.recordings = recordings;
        this.confbridges = confbridges;
    }

    public Uni<Void> route(String asteriskId, JsonNode frame) {
        String type = frame.path("type").asText("");
        JsonNode channel = frame.path("channel");
        String channelId = channel.path("id").asText("");
        return switch (type) {
            case "StasisStart" -> {
                Map<String, String> args = args(frame.path("args"));
                yield "call-in".equals(args.get("context"))
                        ? incoming.onStasisStart(channel, asteriskId)
                        : channelState(channelId, channel.path("state").asText(""), asteriskId);
            }
            case "ChannelStateChange" -> channelState(channelId, channel.path("state").asText(""), asteriskId);
            case "ChannelHangupRequest" -> lifecycle.onHangupRequest(channelId);
            case "ChannelDestroyed" -> lifecycle.onChannelDestroyed(channelId, frame.path("cause").asInt(16))
                    .chain(rerouted -> rerouted == null ? Uni.createFrom().voidItem() : dialer.originate(rerouted));
            case "ChannelDtmfReceived" -> dtmf.onDtmf(channelId, frame.path("digit").asText("")).chain(handshake::complete);
            case "PlaybackFinished" -> handshake.onPlaybackFinished(frame.path("playback").path("id").asText(""));
            case "RecordingStarted" -> recordings.onStarted(frame.path("recording").path("name").asText(""));
            case "RecordingFinished" -> recordings.onFinished(frame.path("recording").path("name").asText(""),
                    frame.path("recording").path("duration").asDouble(0)).chain(handshake::complete);
            case "ChannelLeftBridge" -> confbridges.onChannelLeft(frame.path("bridge").path("id").asText(""), channelId)
                    .chain(handshake::complete);
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> channelState(String channelId, String state, String asteriskId) {
        return lifecycle.onChannelState(channelId, state, asteriskId).chain(handshake::startIfDue);
    }

    static Map<String, String> args(JsonNode args) {
        Map<String, String> map = new HashMap<>();
        args.forEach(a -> {
            String s = a.asText();
            int eq = s.indexOf('=');
            if (eq > 0) {
                map.put(s.substring(0, eq), s.substring(eq + 1));
            }
        });
        return map;
    }
}
