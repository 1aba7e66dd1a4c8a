package net.voipbin.asterisksim.state;

import jakarta.inject.Singleton;
import net.voipbin.asterisksim.model.AriException;
import net.voipbin.asterisksim.model.AriTime;
import net.voipbin.asterisksim.model.SimBridge;
import net.voipbin.asterisksim.model.SimChannel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static net.voipbin.asterisksim.state.Options.firstNonBlank;

/** {@code /ari/bridges}: Stasis bridges and their members. */
@Singleton
public class Bridges {
    private static final List<String> TYPES =
            List.of("mixing", "holding", "dtmf_events", "proxy_media", "video_sfu", "video_single", "sdp_label");

    private final SimStore store;
    private final Channels channels;

    public Bridges(SimStore store, Channels channels) {
        this.store = store;
        this.channels = channels;
    }

    /** Creates a bridge (BridgeCreated); an existing id returns that bridge (renamed when a name is given). */
    public Map<String, Object> create(String id, String type, String name) {
        return store.locked(() -> {
            String bridgeId = firstNonBlank(id, UUID.randomUUID().toString());
            SimBridge existing = store.bridges.get(bridgeId);
            if (existing != null) {
                if (name != null) {
                    existing.name = name;
                }
                return existing.snapshot();
            }
            SimBridge b = new SimBridge();
            b.id = bridgeId;
            b.name = firstNonBlank(name, "");
            if (type != null && !type.isBlank()) {
                List<String> types = Arrays.stream(type.split(",")).map(String::trim).toList();
                for (String t : types) {
                    if (!TYPES.contains(t)) {
                        throw new AriException(400, "Invalid bridge type '" + t + "'");
                    }
                }
                b.types = types;
            }
            b.creationtime = AriTime.now();
            store.bridges.put(b.id, b);
            store.event("BridgeCreated", "bridge", b.snapshot());
            return b.snapshot();
        });
    }

    public List<Map<String, Object>> snapshots() {
        return store.locked(() -> store.bridges.values().stream().map(SimBridge::snapshot).toList());
    }

    public Map<String, Object> snapshot(String id) {
        return store.locked(() -> bridge(id).snapshot());
    }

    /** DELETE /bridges/{id}: every member leaves (ChannelLeftBridge), then BridgeDestroyed. */
    public void destroy(String id) {
        store.locked(() -> {
            SimBridge b = bridge(id);
            for (String cid : new ArrayList<>(b.channels)) {
                SimChannel ch = channels.live(cid);
                if (ch != null) {
                    leave(b, ch);
                }
            }
            store.bridges.remove(id);
            store.event("BridgeDestroyed", "bridge", b.snapshot());
        });
    }

    /** addChannel: all listed channels must be in Stasis; one in another bridge leaves that first. */
    public void add(String id, String channelList) {
        store.locked(() -> {
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
                if (ch.bridgeId != null && store.bridges.containsKey(ch.bridgeId)) {
                    leave(store.bridges.get(ch.bridgeId), ch);
                }
                ch.bridgeId = b.id;
                b.channels.add(ch.id);
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("bridge", b.snapshot());
                f.put("channel", ch.snapshot());
                store.emit("ChannelEnteredBridge", f);
            }
        });
    }

    public void remove(String id, String channelList) {
        store.locked(() -> {
            SimBridge b = bridge(id);
            List<SimChannel> list = channelsOf(channelList);
            for (SimChannel ch : list) {
                if (!b.channels.contains(ch.id)) {
                    throw new AriException(422, "Channel not in this bridge");
                }
            }
            list.forEach(ch -> leave(b, ch));
        });
    }

    // ---------------------------------------------------------------- under the lock

    SimBridge bridge(String id) {
        store.requireLock();
        SimBridge b = store.bridges.get(id);
        if (b == null) {
            throw new AriException(404, "Bridge not found");
        }
        return b;
    }

    /** The channel leaves its bridge, if it is in one (a hangup). */
    void leaveIfBridged(SimChannel ch) {
        store.requireLock();
        if (ch.bridgeId != null) {
            SimBridge b = store.bridges.get(ch.bridgeId);
            if (b != null) {
                leave(b, ch);
            }
        }
    }

    private void leave(SimBridge b, SimChannel ch) {
        b.channels.remove(ch.id);
        ch.bridgeId = null;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("bridge", b.snapshot());
        f.put("channel", ch.snapshot());
        store.emit("ChannelLeftBridge", f);
    }

    private List<SimChannel> channelsOf(String channelList) {
        if (channelList == null || channelList.isBlank()) {
            throw new AriException(400, "Channel parameter is required");
        }
        List<SimChannel> list = new ArrayList<>();
        for (String cid : channelList.split(",")) {
            SimChannel ch = channels.live(cid.trim());
            if (ch == null) {
                throw new AriException(400, "Channel not found");
            }
            list.add(ch);
        }
        return list;
    }
}
