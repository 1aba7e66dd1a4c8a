package net.voipbin.asterisksim.state;

import io.vertx.core.buffer.Buffer;
import jakarta.inject.Singleton;
import net.voipbin.asterisksim.config.SimConfig;
import net.voipbin.asterisksim.model.AriException;
import net.voipbin.asterisksim.model.SimBridge;
import net.voipbin.asterisksim.model.SimChannel;
import net.voipbin.asterisksim.model.SimRecording;
import net.voipbin.asterisksim.model.Wav;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

import static net.voipbin.asterisksim.state.Options.firstNonBlank;
import static net.voipbin.asterisksim.state.Options.parseLong;
import static net.voipbin.asterisksim.state.Options.str;

/** Live recordings of channels and bridges, and the stored ones they become (silent WAV of the recorded length). */
@Singleton
public class Recordings {
    private static final Logger LOG = Logger.getLogger(Recordings.class);
    private static final List<String> FORMATS = List.of("wav", "gsm", "ulaw", "alaw", "sln", "g722", "wav16", "mp3", "ogg");

    /** A stored recording's name, format and length (to build its file). */
    public record Stored(String name, String format, long durationMs) {
    }

    private final SimStore store;
    private final Channels channels;
    private final Bridges bridges;
    private final SimConfig config;

    public Recordings(SimStore store, Channels channels, Bridges bridges, SimConfig config) {
        this.store = store;
        this.channels = channels;
        this.bridges = bridges;
        this.config = config;
    }

    /** POST /channels/{id}/record ({@code channelId}) or /bridges/{id}/record ({@code bridgeId}): RecordingStarted. */
    public Map<String, Object> record(String channelId, String bridgeId, Map<String, Object> p) {
        return store.locked(() -> {
            String name = str(p, "name");
            String format = str(p, "format");
            if (name == null || name.isBlank() || format == null || format.isBlank()) {
                throw new AriException(400, "Recording name and format are required");
            }
            if (!FORMATS.contains(format)) {
                throw new AriException(422, "The format specified is unknown on this system");
            }
            String ifExists = firstNonBlank(str(p, "ifExists"), "fail");
            if (store.liveRecordings.containsKey(name)
                    || (store.storedRecordings.containsKey(name) && "fail".equals(ifExists))) {
                throw new AriException(409, "A recording with the same name already exists on the system");
            }
            SimRecording r = new SimRecording();
            r.name = name;
            r.format = format;
            if (channelId != null) {
                SimChannel ch = channels.stasisChannel(channelId);
                r.channelId = ch.id;
                r.targetUri = "channel:" + ch.id;
                ch.recordings.add(name);
            } else {
                SimBridge b = bridges.bridge(bridgeId);
                r.bridgeId = b.id;
                r.targetUri = "bridge:" + b.id;
            }
            r.startedNanos = System.nanoTime();
            r.terminateOn = firstNonBlank(str(p, "terminateOn"), "none");
            store.liveRecordings.put(name, r);
            store.event("RecordingStarted", "recording", r.snapshot());
            String max = str(p, "maxDurationSeconds");
            long maxSec = max == null || max.isBlank() ? 0 : parseLong(max, "maxDurationSeconds");
            if (maxSec > 0) {
                r.timer = store.timer(maxSec * 1000, () -> {
                    if (store.liveRecordings.get(name) == r) {
                        finish(r, null);
                    }
                });
            }
            return r.snapshot();
        });
    }

    public Map<String, Object> live(String name) {
        return store.locked(() -> liveRecording(name).snapshot());
    }

    /** POST /recordings/live/{name}/stop: RecordingFinished, and the recording is stored. */
    public void stop(String name) {
        store.locked(() -> {
            finish(liveRecording(name), null);
        });
    }

    /** DELETE /recordings/live/{name}: stop and discard. */
    public void cancel(String name) {
        store.locked(() -> {
            finish(liveRecording(name), null);
            store.storedRecordings.remove(name);
        });
    }

    public List<Map<String, Object>> stored() {
        return store.locked(() -> store.storedRecordings.values().stream()
                .map(r -> Map.<String, Object>of("name", r.name, "format", r.format)).toList());
    }

    public Stored stored(String name) {
        return store.locked(() -> {
            SimRecording r = store.storedRecordings.get(name);
            if (r == null) {
                throw new AriException(404, "Recording not found");
            }
            return new Stored(r.name, r.format, r.durationMs);
        });
    }

    public void deleteStored(String name) {
        store.locked(() -> {
            if (store.storedRecordings.remove(name) == null) {
                throw new AriException(404, "Recording not found");
            }
        });
    }

    // ---------------------------------------------------------------- under the lock

    /** A hangup ends the channel's live recordings (cause "hangup"). */
    void finishAllOf(SimChannel ch) {
        store.requireLock();
        for (SimRecording r : List.copyOf(store.liveRecordings.values())) {
            if (ch.id.equals(r.channelId)) {
                finish(r, "hangup");
            }
        }
    }

    /** Asterisk ends a recording whose terminateOn matches a received key (the key is not recorded). */
    void dtmfReceived(SimChannel ch, char digit) {
        store.requireLock();
        for (SimRecording r : List.copyOf(store.liveRecordings.values())) {
            if (ch.id.equals(r.channelId) && ("any".equals(r.terminateOn) || String.valueOf(digit).equals(r.terminateOn))) {
                finish(r, null);
            }
        }
    }

    private SimRecording liveRecording(String name) {
        SimRecording r = store.liveRecordings.get(name);
        if (r == null) {
            throw new AriException(404, "Recording not found");
        }
        return r;
    }

    private void finish(SimRecording r, String cause) {
        store.liveRecordings.remove(r.name);
        store.vertx.cancelTimer(r.timer);
        r.durationMs = (System.nanoTime() - r.startedNanos) / 1_000_000;
        r.state = "done";
        r.cause = cause;
        store.storedRecordings.put(r.name, r);
        store.event("RecordingFinished", "recording", r.snapshot());
        long durationMs = r.durationMs;
        config.recordingDirectory().filter(d -> !d.isBlank()).ifPresent(dir -> {
            String path = dir + "/" + r.name + "." + r.format;
            store.vertx.fileSystem().mkdirs(dir)
                    .compose(v -> store.vertx.fileSystem().writeFile(path, Buffer.buffer(Wav.silence(durationMs))))
                    .onFailure(e -> LOG.warnf("could not write recording %s: %s", path, e.getMessage()));
        });
    }
}
