package net.voipbin.asterisksim.state;

import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import net.voipbin.asterisksim.model.Causes;
import net.voipbin.asterisksim.model.SimChannel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ending a channel, in Asterisk's order: ChannelHangupRequest (when someone asked for it) → PlaybackFinished per
 * playing playback → RecordingFinished per live recording → ChannelLeftBridge → StasisEnd → ChannelDestroyed; its
 * snoops are then hung up too.
 */
@Singleton
public class Hangups {
    private final SimStore store;
    private final Channels channels;
    private final Playbacks playbacks;
    private final Recordings recordings;
    private final Bridges bridges;

    public Hangups(SimStore store, Channels channels, Playbacks playbacks, Recordings recordings, Bridges bridges) {
        this.store = store;
        this.channels = channels;
        this.playbacks = playbacks;
        this.recordings = recordings;
        this.bridges = bridges;
    }

    /** DELETE /ari/channels/{id} (our side) and DELETE /sim/channels/{id} (the far end): the same sequence. */
    public void hangup(String id, int cause) {
        store.locked(() -> hangup(channels.channel(id), cause, true));
    }

    /**
     * {@code requested} = someone hung up (ChannelHangupRequest first); false when a dial failed: the channel just goes.
     */
    void hangup(SimChannel ch, int cause, boolean requested) {
        store.requireLock();
        if (ch.hungUp) {
            return;
        }
        ch.hungUp = true;
        ch.hangupCause = cause;
        Vertx vertx = store.vertx;
        ch.timers.forEach(vertx::cancelTimer);
        ch.timers.clear();
        if (requested) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("cause", cause);
            f.put("channel", ch.snapshot());
            store.emit("ChannelHangupRequest", f);
        }
        playbacks.finishAllOf(ch);
        recordings.finishAllOf(ch);
        bridges.leaveIfBridged(ch);
        if (ch.inStasis) {
            ch.inStasis = false;
            store.event("StasisEnd", "channel", ch.snapshot());
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("cause", cause);
        f.put("cause_txt", Causes.text(cause));
        f.put("channel", ch.snapshot());
        store.emit("ChannelDestroyed", f);
        store.retire(ch);
        for (SimChannel snoop : channels.snoopsOf(ch.id)) {
            hangup(snoop, Causes.NORMAL_CLEARING, true);
        }
    }
}
