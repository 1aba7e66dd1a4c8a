package net.voipbin.call.listener;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.service.CallLifecycle;
import net.voipbin.call.service.ConfbridgeService;
import net.voipbin.call.service.FlowDriver;
import net.voipbin.call.service.IncomingCalls;
import net.voipbin.call.service.RecordingService;

import java.util.HashMap;
import java.util.Map;

/** ARI frames to the services they concern. Frames about channels no call owns are ignored. */
@ApplicationScoped
public class AriEventRouter {

    private final CallLifecycle lifecycle;
    private final FlowDriver driver;
    private final IncomingCalls incoming;
    private final RecordingService recordings;
    private final ConfbridgeService confbridges;

    public AriEventRouter(CallLifecycle lifecycle, FlowDriver driver, IncomingCalls incoming, RecordingService recordings,
                          ConfbridgeService confbridges) {
        this.lifecycle = lifecycle;
        this.driver = driver;
        this.incoming = incoming;
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
                        : lifecycle.onChannelState(channelId, channel.path("state").asText(""), asteriskId);
            }
            case "ChannelStateChange" -> lifecycle.onChannelState(channelId, channel.path("state").asText(""), asteriskId);
            case "ChannelHangupRequest" -> lifecycle.onHangupRequest(channelId);
            case "ChannelDestroyed" -> lifecycle.onChannelDestroyed(channelId, frame.path("cause").asInt(16));
            case "ChannelDtmfReceived" -> driver.onDtmf(channelId, frame.path("digit").asText(""));
            case "PlaybackFinished" -> driver.onPlaybackFinished(frame.path("playback").path("id").asText(""));
            case "RecordingStarted" -> recordings.onStarted(frame.path("recording").path("name").asText(""));
            case "RecordingFinished" -> recordings.onFinished(frame.path("recording").path("name").asText(""),
                    frame.path("recording").path("duration").asDouble(0));
            case "ChannelLeftBridge" -> confbridges.onChannelLeft(frame.path("bridge").path("id").asText(""), channelId);
            default -> Uni.createFrom().voidItem();
        };
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
