package net.voipbin.asterisksim.state;

import jakarta.inject.Singleton;
import net.voipbin.asterisksim.model.AriException;
import net.voipbin.asterisksim.model.SimBridge;
import net.voipbin.asterisksim.model.SimChannel;
import net.voipbin.asterisksim.model.SimPlayback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static net.voipbin.asterisksim.state.Options.firstNonBlank;

/** Playbacks on channels and bridges: PlaybackStarted, then PlaybackFinished when the media's time is up or it is stopped. */
@Singleton
public class Playbacks {
    private final SimStore store;
    private final Channels channels;
    private final Bridges bridges;

    public Playbacks(SimStore store, Channels channels, Bridges bridges) {
        this.store = store;
        this.channels = channels;
        this.bridges = bridges;
    }

    /** POST /channels/{id}/play: what is played (and the text of tts: media) is remembered on the channel. */
    public Map<String, Object> playOnChannel(String id, List<String> media, String playbackId, String lang) {
        return store.locked(() -> {
            SimChannel ch = channels.stasisChannel(id);
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
            start(pb);
            return pb.snapshot();
        });
    }

    public Map<String, Object> playOnBridge(String bridgeId, List<String> media, String playbackId, String lang) {
        return store.locked(() -> {
            SimBridge b = bridges.bridge(bridgeId);
            SimPlayback pb = newPlayback(media, playbackId, lang);
            pb.bridgeId = b.id;
            pb.targetUri = "bridge:" + b.id;
            start(pb);
            return pb.snapshot();
        });
    }

    public Map<String, Object> snapshot(String id) {
        return store.locked(() -> {
            SimPlayback pb = store.playbacks.get(id);
            if (pb == null) {
                throw new AriException(404, "Playback not found");
            }
            return pb.snapshot();
        });
    }

    /** DELETE /playbacks/{id}: finishes it at once. */
    public void stop(String id) {
        store.locked(() -> {
            if (!store.playbacks.containsKey(id)) {
                throw new AriException(404, "Playback not found");
            }
            finish(id);
        });
    }

    /** A hangup finishes the channel's playbacks first. */
    void finishAllOf(SimChannel ch) {
        store.requireLock();
        for (String pb : new ArrayList<>(ch.playbacks)) {
            finish(pb);
        }
    }

    private SimPlayback newPlayback(List<String> media, String playbackId, String lang) {
        if (media == null || media.isEmpty()) {
            throw new AriException(400, "Media must be specified");
        }
        String id = firstNonBlank(playbackId, UUID.randomUUID().toString());
        if (store.playbacks.containsKey(id)) {
            throw new AriException(409, "Playback with the given ID already exists");
        }
        SimPlayback pb = new SimPlayback();
        pb.id = id;
        pb.media = List.copyOf(media);
        pb.language = firstNonBlank(lang, "en");
        return pb;
    }

    private void start(SimPlayback pb) {
        store.playbacks.put(pb.id, pb);
        store.event("PlaybackStarted", "playback", pb.snapshot());
        pb.timer = store.timer(SimPlayback.durationMs(pb.media), () -> {
            if (store.playbacks.get(pb.id) == pb) {
                finish(pb.id);
            }
        });
    }

    private void finish(String id) {
        SimPlayback pb = store.playbacks.remove(id);
        if (pb == null) {
            return;
        }
        store.vertx.cancelTimer(pb.timer);
        pb.state = "done";
        if (pb.channelId != null) {
            SimChannel ch = channels.live(pb.channelId);
            if (ch != null) {
                ch.playbacks.remove(pb.id);
            }
        }
        store.event("PlaybackFinished", "playback", pb.snapshot());
    }
}
