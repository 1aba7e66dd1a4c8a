package net.voipbin.asterisksim.state;

import jakarta.inject.Singleton;
import net.voipbin.asterisksim.model.AriException;
import net.voipbin.asterisksim.model.SimChannel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Channel lookups and views, and the transitions every way of creating a channel shares (registering it, state
 * changes, entering Stasis). Views are built under the lock, so a caller never reads a channel mid-change.
 */
@Singleton
public class Channels {
    private final SimStore store;

    public Channels(SimStore store) {
        this.store = store;
    }

    // ---------------------------------------------------------------- public views

    /** GET /ari/channels: the ARI model of every live channel. */
    public List<Map<String, Object>> snapshots() {
        return store.locked(() -> store.channels.values().stream().map(SimChannel::snapshot).toList());
    }

    /** GET /ari/channels/{id}. */
    public Map<String, Object> snapshot(String id) {
        return store.locked(() -> channel(id).snapshot());
    }

    /** GET /sim/channels: live and remembered channels, oldest first. */
    public List<Map<String, Object>> simViews() {
        return store.locked(() -> {
            List<Map<String, Object>> all = new ArrayList<>();
            store.channels.values().forEach(c -> all.add(c.simView()));
            store.ended.values().forEach(c -> all.add(c.simView()));
            all.sort((a, b) -> String.valueOf(a.get("creationtime")).compareTo(String.valueOf(b.get("creationtime"))));
            return all;
        });
    }

    /** GET /sim/channels/{id}: a live or hung-up channel. */
    public Map<String, Object> simView(String id) {
        return store.locked(() -> {
            SimChannel ch = store.channels.get(id);
            if (ch == null) {
                ch = store.ended.get(id);
            }
            if (ch == null) {
                throw AriException.channelNotFound();
            }
            return ch.simView();
        });
    }

    // ---------------------------------------------------------------- under the lock

    SimChannel channel(String id) {
        store.requireLock();
        SimChannel ch = store.channels.get(id);
        if (ch == null) {
            throw AriException.channelNotFound();
        }
        return ch;
    }

    /** Most channel operations are only allowed while the channel is in a Stasis application. */
    SimChannel stasisChannel(String id) {
        SimChannel ch = channel(id);
        if (!ch.inStasis) {
            throw new AriException(409, "Channel not in Stasis application");
        }
        return ch;
    }

    /** Live channel or null. */
    SimChannel live(String id) {
        store.requireLock();
        return store.channels.get(id);
    }

    /** Makes a new channel live: ChannelCreated. */
    void register(SimChannel ch) {
        store.requireLock();
        store.channels.put(ch.id, ch);
        store.event("ChannelCreated", "channel", ch.snapshot());
    }

    void setState(SimChannel ch, String state) {
        store.requireLock();
        if (!state.equals(ch.state)) {
            ch.state = state;
            store.event("ChannelStateChange", "channel", ch.snapshot());
        }
    }

    void enterStasis(SimChannel ch) {
        store.requireLock();
        ch.inStasis = true;
        ch.appName = "Stasis";
        ch.appData = ch.app + (ch.args.isEmpty() ? "" : "," + String.join(",", ch.args));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("args", ch.args);
        f.put("channel", ch.snapshot());
        store.emit("StasisStart", f);
    }

    /** Live channels spying on {@code targetId} (hung up with their target). */
    List<SimChannel> snoopsOf(String targetId) {
        store.requireLock();
        return store.channels.values().stream().filter(c -> targetId.equals(c.snoopOf)).toList();
    }
}
