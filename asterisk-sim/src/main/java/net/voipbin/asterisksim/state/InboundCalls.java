package net.voipbin.asterisksim.state;

import jakarta.inject.Singleton;
import net.voipbin.asterisksim.model.AriException;
import net.voipbin.asterisksim.model.Causes;
import net.voipbin.asterisksim.model.SimChannel;

import java.util.List;
import java.util.Map;

import static net.voipbin.asterisksim.state.Options.firstNonBlank;
import static net.voipbin.asterisksim.state.Options.splitArgs;
import static net.voipbin.asterisksim.state.Options.str;

/** {@code POST /sim/calls}: an inbound call enters the dialplan and Stasis with the reference dialplan's arguments. */
@Singleton
public class InboundCalls {
    private final SimStore store;
    private final Channels channels;
    private final Hangups hangups;
    private final Dtmf dtmf;

    public InboundCalls(SimStore store, Channels channels, Hangups hangups, Dtmf dtmf) {
        this.store = store;
        this.channels = channels;
        this.hangups = hangups;
        this.dtmf = dtmf;
    }

    /** Returns the new channel's id. Scripted DTMF and hangup_after_ms count from StasisStart. */
    public String inject(Map<String, Object> p) {
        return store.locked(() -> {
            String source = str(p, "source");
            String destination = str(p, "destination");
            if (source == null || destination == null) {
                throw new AriException(400, "source and destination are required");
            }
            String id = str(p, "channel_id");
            store.requireFreeChannelId(id);
            SimChannel ch = store.newChannel(id, source);
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
            channels.register(ch);
            ch.priority = 2;
            channels.enterStasis(ch);
            if (p.get("dtmf") instanceof List<?> script) {
                for (Object o : script) {
                    if (o instanceof Map<?, ?> m && m.get("digits") != null) {
                        long after = m.get("after_ms") instanceof Number num ? num.longValue() : 0;
                        dtmf.later(ch, after, String.valueOf(m.get("digits")));
                    }
                }
            }
            if (p.get("hangup_after_ms") instanceof Number hangupAfter && hangupAfter.longValue() > 0) {
                store.later(ch, hangupAfter.longValue(), () -> hangups.hangup(ch, Causes.NORMAL_CLEARING, true));
            }
            return ch.id;
        });
    }
}
