package net.voipbin.asterisksim.state;

import jakarta.inject.Singleton;
import net.voipbin.asterisksim.model.AriException;
import net.voipbin.asterisksim.model.SimChannel;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static net.voipbin.asterisksim.state.Options.firstNonBlank;
import static net.voipbin.asterisksim.state.Options.splitArgs;
import static net.voipbin.asterisksim.state.Options.str;

/** Channels that carry media rather than a call: Snoop channels on another channel, and externalMedia (RTP/AudioSocket). */
@Singleton
public class MediaChannels {
    private final SimStore store;
    private final Channels channels;

    public MediaChannels(SimStore store, Channels channels) {
        this.store = store;
        this.channels = channels;
    }

    /** POST /channels/{id}/snoop: a Snoop channel on the target enters Stasis at once (hung up with its target). */
    public Map<String, Object> snoop(String targetId, Map<String, Object> p) {
        return store.locked(() -> {
            SimChannel target = channels.channel(targetId);
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
            store.requireFreeChannelId(id);
            SimChannel ch = store.newChannel(id, target.number);
            ch.name = "Snoop/" + target.id + "-" + String.format("%08x", store.nextSeq());
            ch.direction = "snoop";
            ch.snoopOf = target.id;
            ch.state = "Up";
            ch.number = target.number;
            ch.app = app;
            ch.args = splitArgs(str(p, "appArgs"));
            channels.register(ch);
            channels.enterStasis(ch);
            return ch.snapshot();
        });
    }

    /** POST /channels/externalMedia: a UnicastRTP (or AudioSocket) channel in Stasis, with its local address. */
    public Map<String, Object> externalMedia(Map<String, Object> p) {
        return store.locked(() -> {
            String app = str(p, "app");
            String host = str(p, "external_host");
            String format = str(p, "format");
            if (app == null || app.isBlank() || host == null || host.isBlank() || format == null || format.isBlank()) {
                throw new AriException(400, "app, external_host and format are required");
            }
            String id = firstNonBlank(str(p, "channelId"), str(p, "channel_id"));
            store.requireFreeChannelId(id);
            String encapsulation = firstNonBlank(str(p, "encapsulation"), "rtp");
            SimChannel ch = store.newChannel(id, host);
            long n = store.nextSeq();
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
            ChannelControls.setVariablesQuiet(ch, p.get("variables"));
            channels.register(ch);
            channels.enterStasis(ch);
            return ch.snapshot();
        });
    }
}
