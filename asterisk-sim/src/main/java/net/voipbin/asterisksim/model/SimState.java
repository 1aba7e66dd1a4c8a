package net.voipbin.asterisksim.model;

import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import io.vertx.core.buffer.Buffer;
import net.voipbin.asterisksim.config.SimConfig;
import net.voipbin.asterisksim.events.EventHub;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated Asterisk: channels, bridges, playbacks, recordings and scripted endpoint behaviour, all in memory.
 * Every mutation runs under this object's lock (operations take microseconds), so the events of one call come out
 * in the order Asterisk gives them; delays run on Vert.x timers, never on sleeping threads.
 */
@Singleton
public class SimState {
    /** Hung-up channels kept for GET /sim/channels (the oldest are forgotten beyond this). */
    static final int ENDED_KEPT = 20_000;
    private static final Logger LOG = Logger.getLogger(SimState.class);

    private final Vertx vertx;
    private final EventHub hub;
    private final SimConfig config;
    private final Map<String, SimChannel> channels = new ConcurrentHashMap<>();
    private final Map<String, SimChannel> ended = new ConcurrentHashMap<>();
    private final java.util.ArrayDeque<String> endedOrder = new java.util.ArrayDeque<>();
    private final Map<String, EndpointBehavior> behaviors = new ConcurrentHashMap<>();
    private final Map<String, SimPlayback> playbacks = new ConcurrentHashMap<>();
    private final Map<String, SimBridge> bridges = new ConcurrentHashMap<>();
    private final Map<String, SimRecording> liveRecordings = new ConcurrentHashMap<>();
    private final Map<String, SimRecording> storedRecordings = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final long epoch = System.currentTimeMillis() / 1000;

    public SimState(Vertx vertx, EventHub hub, SimConfig config) {
        this.vertx = vertx;
        this.hub = hub;
        this.config = config;
    }

    // ---------------------------------------------------------------- control

    public synchronized void reset() {
        for (SimChannel ch : channels.values()) {
            ch.timers.forEach(vertx::cancelTimer);
        }
        playbacks.values().forEach(p -> vertx.cancelTimer(p.timer));
        liveRecordings.values().forEach(r -> vertx.cancelTimer(r.timer));
        channels.clear();
        ended.clear();
        endedOrder.clear();
        behaviors.clear();
        playbacks.clear();
        bridges.clear();
        liveRecordings.clear();
        storedRecordings.clear();
    }

    public void setBehavior(String number, EndpointBehavior behavior) {
        behaviors.put(number, behavior);
    }

    public Map<String, EndpointBehavior> behaviors() {
        return behaviors;
    }

    // ---------------------------------------------------------------- lookups

    public Collection<SimChannel> liveChannels() {
        return channels.values();
    }

    public SimChannel channel(String id) {
        SimChannel ch = channels.get(id);
        if (ch == null) {
            throw AriException.channelNotFound();
        }
        return ch;
    }

    /** Live or hung-up channel, or null. */
    public SimChannel anyChannel(String id) {
        SimChannel ch = channels.get(id);
        return ch != null ? ch : ended.get(id);
    }

    public synchronized List<Map<String, Object>> simChannels() {
        List<Map<String, Object>> all = new ArrayList<>();
        channels.values().forEach(c -> all.add(c.simView()));
        ended.values().forEach(c -> all.add(c.simView()));
        all.sort((a, b) -> String.valueOf(a.get("creationtime")).compareTo(String.valueOf(b.get("creationtime"))));
        return all;
    }

    public synchronized Map<String, Object> snapshot(String id) {
        return channel(id).snapshot();
    }

    public synchronized Map<String, Object> simView(String id) {
        SimChannel ch = anyChannel(id);
        if (ch == null) {
            throw AriException.channelNotFound();
        }
        return ch.simView();
    }

    // ---------------------------------------------------------------- channels

    /** POST /channels (dial = true) and POST /channels/create (dial = false). */
    public synchronized SimChannel originate(Map<String, Object> p, boolean dial) {
        String endpoint = str(p, "endpoint");
        if (endpoint == null || endpoint.isBlank()) {
            throw new AriException(400, "Endpoint must be specified");
        }
        String app = str(p, "app");
        if (!dial && (app == null || app.isBlank())) {
            throw new AriException(400, "Application must be specified");
        }
        String id = firstNonBlank(str(p, "channelId"), str(p, "channel_id"));
        if (id != null && (channels.containsKey(id) || ended.containsKey(id))) {
            throw new AriException(409, "Channel with given unique ID already exists");
        }
        SimChannel ch = newChannel(id, endpointNumber(endpoint));
        ch.direction = "outgoing";
        ch.endpoint = endpoint;
        ch.number = endpointNumber(endpoint);
        ch.connectedNumber = ch.number;
        String callerId = str(p, "callerId");
        if (callerId != null) {
            parseCallerId(ch, callerId);
        }
        Object vars = p.get("variables");
        if (vars instanceof Map<?, ?> m) {
            m.forEach((k, v) -> setVariableQuiet(ch, String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        ch.app = blankToNull(app);
        ch.args = splitArgs(str(p, "appArgs"));
        String timeout = str(p, "timeout");
        ch.dialTimeoutSec = timeout == null || timeout.isBlank() ? 30 : parseLong(timeout, "timeout");
        channels.put(ch.id, ch);
        event("ChannelCreated", "channel", ch.snapshot());
        if (dial) {
            startDial(ch);
        } else {
            enterStasis(ch);
        }
        return ch;
    }

    /** POST /channels/{id}/dial. */
    public synchronized void dial(String id, Map<String, Object> p) {
        SimChannel ch = channel(id);
        if (!"Down".equals(ch.state) || ch.dialing) {
            throw new AriException(409, "Channel is not in the 'Down' state");
        }
        String timeout = str(p, "timeout");
        if (timeout != null && !timeout.isBlank()) {
            long t = parseLong(timeout, "timeout");
            ch.dialTimeoutSec = t > 0 ? t : 30;
        }
        startDial(ch);
    }

    private void startDial(SimChannel ch) {
        ch.dialing = true;
        dialEvent(ch, "");
        // A behaviour for "<number>@<host>" (one route of several) wins over the number's own.
        String host = ch.endpoint == null ? null : endpointHost(ch.endpoint);
        EndpointBehavior b = host != null && behaviors.containsKey(ch.number + "@" + host)
                ? behaviors.get(ch.number + "@" + host)
                : behaviors.getOrDefault(ch.number, EndpointBehavior.DEFAULT);
        long timeoutMs = ch.dialTimeoutSec * 1000;
        switch (b.result()) {
            case "busy" -> later(ch, 1, () -> dialFailed(ch, Causes.USER_BUSY));
            case "reject" -> later(ch, 1, () -> dialFailed(ch, Causes.CALL_REJECTED));
            case "fail" -> later(ch, 1, () -> dialFailed(ch, Causes.CONGESTION));
            case "noanswer" -> later(ch, 1, () -> {
                ringing(ch);
                // hangup_after_ms on a noanswer endpoint: the far end stops ringing first (its own ring timeout).
                long giveUp = b.hangupAfterMs() > 0 ? Math.min(b.hangupAfterMs(), timeoutMs) : timeoutMs;
                later(ch, giveUp, () -> dialFailed(ch, Causes.NO_ANSWER));
            });
            default -> later(ch, 1, () -> {
                ringing(ch);
                if (b.answerAfterMs() >= timeoutMs) {
                    later(ch, timeoutMs, () -> dialFailed(ch, Causes.NO_ANSWER));
                } else if (b.answerAfterMs() <= 0) {
                    answered(ch, b);
                } else {
                    later(ch, b.answerAfterMs(), () -> answered(ch, b));
                }
            });
        }
    }

    private void ringing(SimChannel ch) {
        setState(ch, "Ringing");
        dialEvent(ch, "RINGING");
    }

    /** ARI Dial: {@code peer} is the dialled channel, {@code dialstatus} "" when dialling starts, then its progress and result. */
    private void dialEvent(SimChannel ch, String status) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("dialstatus", status);
        f.put("dialstring", ch.endpoint == null ? "" : ch.endpoint.substring(ch.endpoint.indexOf('/') + 1));
        f.put("peer", ch.snapshot());
        hub.emit("Dial", f);
    }

    private void answered(SimChannel ch, EndpointBehavior b) {
        ch.dialing = false;
        setState(ch, "Up");
        dialEvent(ch, "ANSWER");
        if (!ch.inStasis && ch.app != null) {
            enterStasis(ch);
        }
        for (EndpointBehavior.ScriptedDtmf d : b.dtmf()) {
            later(ch, d.afterMs(), () -> receiveDtmf(ch, d.digits(), 100));
        }
        if (b.hangupAfterMs() > 0) {
            later(ch, b.hangupAfterMs(), () -> hangup(ch, Causes.NORMAL_CLEARING, true));
        }
    }

    /** The far end refused: no hangup request, the channel just goes (leaving Stasis first if it was in it). */
    private void dialFailed(SimChannel ch, int cause) {
        ch.dialing = false;
        dialEvent(ch, switch (cause) {
            case Causes.USER_BUSY -> "BUSY";
            case Causes.NO_ANSWER -> "NOANSWER";
            case Causes.CONGESTION -> "CONGESTION";
            default -> "CHANUNAVAIL";
        });
        hangup(ch, cause, false);
    }

    private void enterStasis(SimChannel ch) {
        ch.inStasis = true;
        ch.appName = "Stasis";
        ch.appData = ch.app + (ch.args.isEmpty() ? "" : "," + String.join(",", ch.args));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("args", ch.args);
        f.put("channel", ch.snapshot());
        hub.emit("StasisStart", f);
    }

    private void setState(SimChannel ch, String state) {
        if (!state.equals(ch.state)) {
            ch.state = state;
            event("ChannelStateChange", "channel", ch.snapshot());
        }
    }

    /** DELETE /channels/{id}. */
    public synchronized void hangup(String id, int cause) {
        hangup(channel(id), cause, true);
    }

    /** DELETE /sim/channels/{id}: the far end hangs up (cause 16 unless given). */
    public synchronized void remoteHangup(String id, int cause) {
        hangup(channel(id), cause, true);
    }

    private void hangup(SimChannel ch, int cause, boolean requested) {
        if (ch.hungUp) {
            return;
        }
        ch.hungUp = true;
        ch.hangupCause = cause;
        ch.timers.forEach(vertx::cancelTimer);
        ch.timers.clear();
        if (requested) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("cause", cause);
            f.put("channel", ch.snapshot());
            hub.emit("ChannelHangupRequest", f);
        }
        for (String pb : new ArrayList<>(ch.playbacks)) {
            finishPlayback(pb);
        }
        for (SimRecording r : new ArrayList<>(liveRecordings.values())) {
            if (ch.id.equals(r.channelId)) {
                finishRecording(r, "hangup");
            }
        }
        if (ch.bridgeId != null) {
            SimBridge b = bridges.get(ch.bridgeId);
            if (b != null) {
                leaveBridge(b, ch);
            }
        }
        if (ch.inStasis) {
            ch.inStasis = false;
            event("StasisEnd", "channel", ch.snapshot());
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("cause", cause);
        f.put("cause_txt", Causes.text(cause));
        f.put("channel", ch.snapshot());
        hub.emit("ChannelDestroyed", f);
        channels.remove(ch.id);
        ended.put(ch.id, ch);
        for (SimChannel snoop : new ArrayList<>(channels.values())) {
            if (ch.id.equals(snoop.snoopOf)) {
                hangup(snoop, Causes.NORMAL_CLEARING, true);
            }
        }
        endedOrder.addLast(ch.id);
        while (endedOrder.size() > ENDED_KEPT) {
            ended.remove(endedOrder.removeFirst());
        }
    }

    public synchronized void answer(String id) {
        SimChannel ch = stasisChannel(id);
        ch.ringing = false;
        setState(ch, "Up");
    }

    public synchronized void ring(String id, boolean on) {
        stasisChannel(id).ringing = on;
    }

    public synchronized void hold(String id, boolean on) {
        SimChannel ch = stasisChannel(id);
        if (ch.hold == on) {
            return;
        }
        ch.hold = on;
        event(on ? "ChannelHold" : "ChannelUnhold", "channel", ch.snapshot());
    }

    public synchronized void mute(String id, String direction, boolean on) {
        SimChannel ch = stasisChannel(id);
        String dir = direction == null || direction.isBlank() ? "both" : direction;
        if (!List.of("both", "in", "out").contains(dir)) {
            throw new AriException(400, "Invalid direction specified");
        }
        if (on) {
            ch.mute = ch.mute == null || ch.mute.equals(dir) ? dir : "both";
        } else if (dir.equals("both") || dir.equals(ch.mute)) {
            ch.mute = null;
        } else if ("both".equals(ch.mute)) {
            ch.mute = dir.equals("in") ? "out" : "in";
        }
    }

    public synchronized void moh(String id, String mohClass, boolean on) {
        SimChannel ch = stasisChannel(id);
        ch.moh = on;
        ch.mohClass = on ? (mohClass == null || mohClass.isBlank() ? "default" : mohClass) : null;
    }

    public synchronized void silence(String id, boolean on) {
        stasisChannel(id).silence = on;
    }

    public synchronized void sendDtmf(String id, String dtmf) {
        SimChannel ch = stasisChannel(id);
        if (dtmf == null || dtmf.isEmpty()) {
            throw new AriException(400, "DTMF is required");
        }
        ch.dtmfSent.add(dtmf);
    }

    /** POST /channels/{id}/continue: leaves Stasis for the dialplan. */
    public synchronized void continueInDialplan(String id, Map<String, Object> p) {
        SimChannel ch = stasisChannel(id);
        ch.inStasis = false;
        if (str(p, "context") != null) {
            ch.context = str(p, "context");
        }
        if (str(p, "extension") != null) {
            ch.exten = str(p, "extension");
        }
        ch.appName = "";
        ch.appData = "";
        event("StasisEnd", "channel", ch.snapshot());
    }

    public synchronized String getVariable(String id, String name) {
        SimChannel ch = channel(id);
        if (name == null || name.isBlank()) {
            throw new AriException(400, "Variable name is required");
        }
        String v = switch (name) {
            case "CHANNEL(pjsip,call-id)" -> ch.sipCallId;
            case "CALLERID(num)" -> ch.callerNumber;
            case "CALLERID(name)" -> ch.callerName;
            case "CHANNEL(state)" -> ch.state;
            case "UNIQUEID" -> ch.id;
            default -> ch.variables.get(name);
        };
        if (v == null) {
            throw new AriException(404, "Provided variable was not found");
        }
        return v;
    }

    public synchronized void setVariable(String id, String name, String value) {
        SimChannel ch = channel(id);
        if (name == null || name.isBlank()) {
            throw new AriException(400, "Variable name is required");
        }
        setVariableQuiet(ch, name, value == null ? "" : value);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("variable", name);
        f.put("value", value == null ? "" : value);
        f.put("channel", ch.snapshot());
        hub.emit("ChannelVarset", f);
    }

    private static void setVariableQuiet(SimChannel ch, String name, String value) {
        switch (name) {
            case "CALLERID(num)" -> ch.callerNumber = value;
            case "CALLERID(name)" -> ch.callerName = value;
            default -> ch.variables.put(name, value);
        }
    }

    private SimChannel stasisChannel(String id) {
        SimChannel ch = channel(id);
        if (!ch.inStasis) {
            throw new AriException(409, "Channel not in Stasis application");
        }
        return ch;
    }

    /** POST /channels/{id}/snoop: a Snoop channel on the target enters Stasis at once. */
    public synchronized SimChannel snoop(String targetId, Map<String, Object> p) {
        SimChannel target = channel(targetId);
        String app = str(p, "app");
        if (app == null || app.isBlank()) {
            throw new AriException(400, "Application must be specified");
        }
        for (String key : List.of("spy", "whisper")) {
            String dir = str(p, key);
            if (dir != null && !List.of("none", "both", "in", "out").contains(dir)) {
                throw new AriException(400, "Invalid direction specified for " + key);
            }
        }
        String id = firstNonBlank(str(p, "snoopId"), null);
        if (id != null && (channels.containsKey(id) || ended.containsKey(id))) {
            throw new AriException(409, "Channel with given unique ID already exists");
        }
        SimChannel ch = newChannel(id, target.number);
        ch.name = "Snoop/" + target.id + "-" + String.format("%08x", seq.incrementAndGet());
        ch.direction = "snoop";
        ch.snoopOf = target.id;
        ch.state = "Up";
        ch.number = target.number;
        ch.app = app;
        ch.args = splitArgs(str(p, "appArgs"));
        channels.put(ch.id, ch);
        event("ChannelCreated", "channel", ch.snapshot());
        enterStasis(ch);
        return ch;
    }

    /** POST /channels/externalMedia: a UnicastRTP (or AudioSocket) channel in Stasis, with its local address. */
    public synchronized SimChannel externalMedia(Map<String, Object> p) {
        String app = str(p, "app");
        String host = str(p, "external_host");
        String format = str(p, "format");
        if (app == null || app.isBlank() || host == null || host.isBlank() || format == null || format.isBlank()) {
            throw new AriException(400, "app, external_host and format are required");
        }
        String id = firstNonBlank(str(p, "channelId"), str(p, "channel_id"));
        if (id != null && (channels.containsKey(id) || ended.containsKey(id))) {
            throw new AriException(409, "Channel with given unique ID already exists");
        }
        String encapsulation = firstNonBlank(str(p, "encapsulation"), "rtp");
        SimChannel ch = newChannel(id, host);
        long n = seq.incrementAndGet();
        ch.direction = "external";
        ch.number = host;
        if ("audiosocket".equals(encapsulation)) {
            ch.name = "AudioSocket/" + host + "-" + ch.id;
            ch.channelvars.put("MEDIA_WEBSOCKET_CONNECTION_ID", UUID.randomUUID().toString());
        } else {
            ch.name = "UnicastRTP/" + host + "-0x" + Long.toHexString(0x7f0000000000L + n);
            ch.channelvars.put("UNICASTRTP_LOCAL_ADDRESS", "127.0.0.1");
            ch.channelvars.put("UNICASTRTP_LOCAL_PORT", String.valueOf(10000 + (int) (n % 10000) * 2));
        }
        ch.state = "Down";
        ch.app = app;
        ch.args = splitArgs(str(p, "data"));
        Object vars = p.get("variables");
        if (vars instanceof Map<?, ?> m) {
            m.forEach((k, v) -> setVariableQuiet(ch, String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        channels.put(ch.id, ch);
        event("ChannelCreated", "channel", ch.snapshot());
        enterStasis(ch);
        return ch;
    }

    // ---------------------------------------------------------------- dtmf / injected calls

    /** POST /sim/calls: an inbound call enters the dialplan and Stasis. */
    public synchronized SimChannel inject(Map<String, Object> p) {
        String source = str(p, "source");
        String destination = str(p, "destination");
        if (source == null || destination == null) {
            throw new AriException(400, "source and destination are required");
        }
        String id = str(p, "channel_id");
        if (id != null && (channels.containsKey(id) || ended.containsKey(id))) {
            throw new AriException(409, "Channel with given unique ID already exists");
        }
        SimChannel ch = newChannel(id, source);
        ch.direction = "incoming";
        ch.number = destination;
        ch.callerNumber = source;
        ch.callerName = firstNonBlank(str(p, "source_name"), "");
        ch.state = "Ring";
        ch.context = firstNonBlank(str(p, "context"), "in-voipbin");
        ch.exten = destination;
        ch.app = firstNonBlank(str(p, "app"), "voipbin");
        Object args = p.get("args");
        if (args instanceof List<?> l) {
            ch.args = l.stream().map(String::valueOf).toList();
        } else if (args instanceof String s) {
            ch.args = splitArgs(s);
        } else {
            ch.args = List.of("context_type=call", "context=call-in",
                    "domain=" + firstNonBlank(str(p, "domain"), "sip.voipbin.net"),
                    "source=" + firstNonBlank(str(p, "source_ip"), "198.51.100.7"),
                    "direction=incoming",
                    "sip_call_id=" + ch.sipCallId,
                    "sip_pai=" + firstNonBlank(str(p, "sip_pai"), ""),
                    "sip_privacy=" + firstNonBlank(str(p, "sip_privacy"), ""),
                    "transport=" + firstNonBlank(str(p, "transport"), "udp"));
        }
        channels.put(ch.id, ch);
        event("ChannelCreated", "channel", ch.snapshot());
        ch.priority = 2;
        enterStasis(ch);
        Object script = p.get("dtmf");
        if (script instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m && m.get("digits") != null) {
                    long after = m.get("after_ms") instanceof Number num ? num.longValue() : 0;
                    String digits = String.valueOf(m.get("digits"));
                    later(ch, after, () -> receiveDtmf(ch, digits, 100));
                }
            }
        }
        if (p.get("hangup_after_ms") instanceof Number hangupAfter && hangupAfter.longValue() > 0) {
            later(ch, hangupAfter.longValue(), () -> hangup(ch, Causes.NORMAL_CLEARING, true));
        }
        return ch;
    }

    /** POST /sim/channels/{id}/dtmf: the far end presses keys. */
    public synchronized void injectDtmf(String id, String digits, int durationMs) {
        SimChannel ch = channel(id);
        if (digits == null || digits.isEmpty()) {
            throw new AriException(400, "digits are required");
        }
        receiveDtmf(ch, digits, durationMs);
    }

    private void receiveDtmf(SimChannel ch, String digits, int durationMs) {
        for (char d : digits.toCharArray()) {
            ch.dtmfReceived.add(String.valueOf(d));
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("digit", String.valueOf(d));
            f.put("duration_ms", durationMs);
            f.put("channel", ch.snapshot());
            hub.emit("ChannelDtmfReceived", f);
            // Asterisk ends a recording whose terminateOn matches the key (the key is not recorded).
            for (SimRecording r : List.copyOf(liveRecordings.values())) {
                if (ch.id.equals(r.channelId) && ("any".equals(r.terminateOn) || String.valueOf(d).equals(r.terminateOn))) {
                    finishRecording(r, null);
                }
            }
        }
    }

    // ---------------------------------------------------------------- playbacks

    public synchronized SimPlayback playOnChannel(String id, List<String> media, String playbackId, String lang) {
        SimChannel ch = stasisChannel(id);
        SimPlayback pb = newPlayback(media, playbackId, lang);
        pb.channelId = ch.id;
        pb.targetUri = "channel:" + ch.id;
        for (String m : media) {
            ch.played.add(m);
            if (m.startsWith("tts:")) {
                ch.spoken.add(m.substring(4));
            }
        }
        ch.playbacks.add(pb.id);
        startPlayback(pb);
        return pb;
    }

    public synchronized SimPlayback playOnBridge(String bridgeId, List<String> media, String playbackId, String lang) {
        SimBridge b = bridge(bridgeId);
        SimPlayback pb = newPlayback(media, playbackId, lang);
        pb.bridgeId = b.id;
        pb.targetUri = "bridge:" + b.id;
        startPlayback(pb);
        return pb;
    }

    private SimPlayback newPlayback(List<String> media, String playbackId, String lang) {
        if (media == null || media.isEmpty()) {
            throw new AriException(400, "Media must be specified");
        }
        String id = firstNonBlank(playbackId, UUID.randomUUID().toString());
        if (playbacks.containsKey(id)) {
            throw new AriException(409, "Playback with the given ID already exists");
        }
        SimPlayback pb = new SimPlayback();
        pb.id = id;
        pb.media = List.copyOf(media);
        pb.language = firstNonBlank(lang, "en");
        return pb;
    }

    private void startPlayback(SimPlayback pb) {
        playbacks.put(pb.id, pb);
        event("PlaybackStarted", "playback", pb.snapshot());
        pb.timer = vertx.setTimer(SimPlayback.durationMs(pb.media), t -> {
            synchronized (this) {
                if (playbacks.get(pb.id) == pb) {
                    finishPlayback(pb.id);
                }
            }
        });
    }

    public synchronized Map<String, Object> playback(String id) {
        SimPlayback pb = playbacks.get(id);
        if (pb == null) {
            throw new AriException(404, "Playback not found");
        }
        return pb.snapshot();
    }

    public synchronized void stopPlayback(String id) {
        if (!playbacks.containsKey(id)) {
            throw new AriException(404, "Playback not found");
        }
        finishPlayback(id);
    }

    private void finishPlayback(String id) {
        SimPlayback pb = playbacks.remove(id);
        if (pb == null) {
            return;
        }
        vertx.cancelTimer(pb.timer);
        pb.state = "done";
        if (pb.channelId != null) {
            SimChannel ch = channels.get(pb.channelId);
            if (ch != null) {
                ch.playbacks.remove(pb.id);
            }
        }
        event("PlaybackFinished", "playback", pb.snapshot());
    }

    // ---------------------------------------------------------------- bridges

    public synchronized SimBridge createBridge(String id, String type, String name) {
        String bridgeId = firstNonBlank(id, UUID.randomUUID().toString());
        SimBridge existing = bridges.get(bridgeId);
        if (existing != null) {
            if (name != null) {
                existing.name = name;
            }
            return existing;
        }
        SimBridge b = new SimBridge();
        b.id = bridgeId;
        b.name = firstNonBlank(name, "");
        if (type != null && !type.isBlank()) {
            List<String> types = Arrays.stream(type.split(",")).map(String::trim).toList();
            for (String t : types) {
                if (!List.of("mixing", "holding", "dtmf_events", "proxy_media", "video_sfu", "video_single", "sdp_label")
                        .contains(t)) {
                    throw new AriException(400, "Invalid bridge type '" + t + "'");
                }
            }
            b.types = types;
        }
        b.creationtime = AriTime.now();
        bridges.put(b.id, b);
        event("BridgeCreated", "bridge", b.snapshot());
        return b;
    }

    public SimBridge bridge(String id) {
        SimBridge b = bridges.get(id);
        if (b == null) {
            throw new AriException(404, "Bridge not found");
        }
        return b;
    }

    public synchronized List<Map<String, Object>> bridgeSnapshots() {
        return bridges.values().stream().map(SimBridge::snapshot).toList();
    }

    public synchronized Map<String, Object> bridgeSnapshot(String id) {
        return bridge(id).snapshot();
    }

    public synchronized void destroyBridge(String id) {
        SimBridge b = bridge(id);
        for (String cid : new ArrayList<>(b.channels)) {
            SimChannel ch = channels.get(cid);
            if (ch != null) {
                leaveBridge(b, ch);
            }
        }
        bridges.remove(id);
        event("BridgeDestroyed", "bridge", b.snapshot());
    }

    public synchronized void addToBridge(String id, String channelList) {
        SimBridge b = bridge(id);
        List<SimChannel> list = channelsOf(channelList);
        for (SimChannel ch : list) {
            if (!ch.inStasis) {
                throw new AriException(422, "Channel not in Stasis application");
            }
        }
        for (SimChannel ch : list) {
            if (b.id.equals(ch.bridgeId)) {
                continue;
            }
            if (ch.bridgeId != null && bridges.containsKey(ch.bridgeId)) {
                leaveBridge(bridges.get(ch.bridgeId), ch);
            }
            ch.bridgeId = b.id;
            b.channels.add(ch.id);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("bridge", b.snapshot());
            f.put("channel", ch.snapshot());
            hub.emit("ChannelEnteredBridge", f);
        }
    }

    public synchronized void removeFromBridge(String id, String channelList) {
        SimBridge b = bridge(id);
        List<SimChannel> list = channelsOf(channelList);
        for (SimChannel ch : list) {
            if (!b.channels.contains(ch.id)) {
                throw new AriException(422, "Channel not in this bridge");
            }
        }
        list.forEach(ch -> leaveBridge(b, ch));
    }

    private List<SimChannel> channelsOf(String channelList) {
        if (channelList == null || channelList.isBlank()) {
            throw new AriException(400, "Channel parameter is required");
        }
        List<SimChannel> list = new ArrayList<>();
        for (String cid : channelList.split(",")) {
            SimChannel ch = channels.get(cid.trim());
            if (ch == null) {
                throw new AriException(400, "Channel not found");
            }
            list.add(ch);
        }
        return list;
    }

    private void leaveBridge(SimBridge b, SimChannel ch) {
        b.channels.remove(ch.id);
        ch.bridgeId = null;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("bridge", b.snapshot());
        f.put("channel", ch.snapshot());
        hub.emit("ChannelLeftBridge", f);
    }

    // ---------------------------------------------------------------- recordings

    public synchronized SimRecording record(String channelId, String bridgeId, Map<String, Object> p) {
        String name = str(p, "name");
        String format = str(p, "format");
        if (name == null || name.isBlank() || format == null || format.isBlank()) {
            throw new AriException(400, "Recording name and format are required");
        }
        if (!List.of("wav", "gsm", "ulaw", "alaw", "sln", "g722", "wav16", "mp3", "ogg").contains(format)) {
            throw new AriException(422, "The format specified is unknown on this system");
        }
        String ifExists = firstNonBlank(str(p, "ifExists"), "fail");
        if (liveRecordings.containsKey(name)
                || (storedRecordings.containsKey(name) && "fail".equals(ifExists))) {
            throw new AriException(409, "A recording with the same name already exists on the system");
        }
        SimRecording r = new SimRecording();
        r.name = name;
        r.format = format;
        if (channelId != null) {
            SimChannel ch = stasisChannel(channelId);
            r.channelId = ch.id;
            r.targetUri = "channel:" + ch.id;
            ch.recordings.add(name);
        } else {
            SimBridge b = bridge(bridgeId);
            r.bridgeId = b.id;
            r.targetUri = "bridge:" + b.id;
        }
        r.startedNanos = System.nanoTime();
        r.terminateOn = firstNonBlank(str(p, "terminateOn"), "none");
        liveRecordings.put(name, r);
        event("RecordingStarted", "recording", r.snapshot());
        String max = str(p, "maxDurationSeconds");
        long maxSec = max == null || max.isBlank() ? 0 : parseLong(max, "maxDurationSeconds");
        if (maxSec > 0) {
            r.timer = vertx.setTimer(maxSec * 1000, t -> {
                synchronized (this) {
                    if (liveRecordings.get(name) == r) {
                        finishRecording(r, null);
                    }
                }
            });
        }
        return r;
    }

    public synchronized Map<String, Object> liveRecording(String name) {
        SimRecording r = liveRecordings.get(name);
        if (r == null) {
            throw new AriException(404, "Recording not found");
        }
        return r.snapshot();
    }

    public synchronized void stopRecording(String name) {
        SimRecording r = liveRecordings.get(name);
        if (r == null) {
            throw new AriException(404, "Recording not found");
        }
        finishRecording(r, null);
    }

    /** DELETE /recordings/live/{name}: stop and discard. */
    public synchronized void cancelRecording(String name) {
        stopRecording(name);
        storedRecordings.remove(name);
    }

    private void finishRecording(SimRecording r, String cause) {
        liveRecordings.remove(r.name);
        vertx.cancelTimer(r.timer);
        r.durationMs = (System.nanoTime() - r.startedNanos) / 1_000_000;
        r.state = "done";
        r.cause = cause;
        storedRecordings.put(r.name, r);
        event("RecordingFinished", "recording", r.snapshot());
        config.recordingDirectory().filter(d -> !d.isBlank()).ifPresent(dir -> {
            String path = dir + "/" + r.name + "." + r.format;
            vertx.fileSystem().mkdirs(dir)
                    .compose(v -> vertx.fileSystem().writeFile(path, Buffer.buffer(Wav.silence(r.durationMs))))
                    .onFailure(e -> LOG.warnf("could not write recording %s: %s", path, e.getMessage()));
        });
    }

    public synchronized List<Map<String, Object>> storedRecordings() {
        return storedRecordings.values().stream()
                .map(r -> Map.<String, Object>of("name", r.name, "format", r.format)).toList();
    }

    public synchronized SimRecording storedRecording(String name) {
        SimRecording r = storedRecordings.get(name);
        if (r == null) {
            throw new AriException(404, "Recording not found");
        }
        return r;
    }

    public synchronized void deleteStoredRecording(String name) {
        if (storedRecordings.remove(name) == null) {
            throw new AriException(404, "Recording not found");
        }
    }

    // ---------------------------------------------------------------- helpers

    private SimChannel newChannel(String id, String number) {
        long n = seq.incrementAndGet();
        SimChannel ch = new SimChannel();
        ch.id = id != null ? id : epoch + "." + n;
        ch.name = "PJSIP/" + number + "-" + String.format("%08x", n);
        ch.creationtime = AriTime.now();
        ch.sipCallId = UUID.randomUUID() + "@asterisk-sim";
        return ch;
    }

    private void later(SimChannel ch, long ms, Runnable action) {
        long[] holder = new long[1];
        holder[0] = vertx.setTimer(Math.max(1, ms), t -> {
            synchronized (this) {
                ch.timers.remove(t);
                if (!ch.hungUp) {
                    action.run();
                }
            }
        });
        ch.timers.add(holder[0]);
    }

    private void event(String type, String key, Map<String, Object> value) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put(key, value);
        hub.emit(type, f);
    }

    /** {@code PJSIP/+15551234567@trunk}, {@code PJSIP/call-out/sip:+1555@host:5060} → {@code +15551234567}. */
    static String endpointNumber(String endpoint) {
        String r = endpoint.substring(endpoint.lastIndexOf('/') + 1);
        if (r.startsWith("sip:")) {
            r = r.substring(4);
        } else if (r.startsWith("sips:")) {
            r = r.substring(5);
        }
        int at = r.indexOf('@');
        if (at >= 0) {
            r = r.substring(0, at);
        }
        int semi = r.indexOf(';');
        return semi >= 0 ? r.substring(0, semi) : r;
    }

    /** {@code PJSIP/call-out/sip:+1555@pstn-a;transport=udp} → {@code pstn-a}; null without a host. */
    static String endpointHost(String endpoint) {
        String r = endpoint.substring(endpoint.lastIndexOf('/') + 1);
        int at = r.indexOf('@');
        if (at < 0) {
            return null;
        }
        r = r.substring(at + 1);
        int end = r.length();
        for (char c : new char[]{';', ':', '>'}) {
            int i = r.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return r.substring(0, end);
    }

    private static void parseCallerId(SimChannel ch, String callerId) {
        int lt = callerId.indexOf('<');
        int gt = callerId.indexOf('>');
        if (lt >= 0 && gt > lt) {
            ch.callerName = callerId.substring(0, lt).trim().replace("\"", "");
            ch.callerNumber = callerId.substring(lt + 1, gt).trim();
        } else {
            ch.callerNumber = callerId.trim();
        }
    }

    static List<String> splitArgs(String appArgs) {
        if (appArgs == null || appArgs.isEmpty()) {
            return List.of();
        }
        return List.of(appArgs.split(",", -1));
    }

    static String str(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> l) {
            return l.isEmpty() ? null : String.valueOf(l.get(0));
        }
        return String.valueOf(v);
    }

    private static long parseLong(String v, String name) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new AriException(400, "Invalid " + name);
        }
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
