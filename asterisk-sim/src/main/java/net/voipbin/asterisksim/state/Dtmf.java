package net.voipbin.asterisksim.state;

import jakarta.inject.Singleton;
import net.voipbin.asterisksim.model.AriException;
import net.voipbin.asterisksim.model.SimChannel;

import java.util.LinkedHashMap;
import java.util.Map;

/** Keys the far end presses: one ChannelDtmfReceived per digit (scripted, or injected through /sim). */
@Singleton
public class Dtmf {
    private final SimStore store;
    private final Channels channels;
    private final Recordings recordings;

    public Dtmf(SimStore store, Channels channels, Recordings recordings) {
        this.store = store;
        this.channels = channels;
        this.recordings = recordings;
    }

    /** POST /sim/channels/{id}/dtmf. */
    public void inject(String id, String digits, int durationMs) {
        store.locked(() -> {
            SimChannel ch = channels.channel(id);
            if (digits == null || digits.isEmpty()) {
                throw new AriException(400, "digits are required");
            }
            receive(ch, digits, durationMs);
        });
    }

    void receive(SimChannel ch, String digits, int durationMs) {
        store.requireLock();
        for (char d : digits.toCharArray()) {
            ch.dtmfReceived.add(String.valueOf(d));
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("digit", String.valueOf(d));
            f.put("duration_ms", durationMs);
            f.put("channel", ch.snapshot());
            store.emit("ChannelDtmfReceived", f);
            recordings.dtmfReceived(ch, d);
        }
    }

    /** Schedules {@code digits} to arrive {@code afterMs} from now (cancelled by a hangup). */
    void later(SimChannel ch, long afterMs, String digits) {
        store.later(ch, afterMs, () -> receive(ch, digits, 100));
    }
}
