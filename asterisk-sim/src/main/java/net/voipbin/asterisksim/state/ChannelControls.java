package net.voipbin.asterisksim.state;

import jakarta.inject.Singleton;
import net.voipbin.asterisksim.model.AriException;
import net.voipbin.asterisksim.model.SimChannel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static net.voipbin.asterisksim.state.Options.str;

/** The per-channel ARI operations that only change flags or variables: answer, ring, hold, mute, moh, silence, dtmf, continue. */
@Singleton
public class ChannelControls {
    private final SimStore store;
    private final Channels channels;

    public ChannelControls(SimStore store, Channels channels) {
        this.store = store;
        this.channels = channels;
    }

    public void answer(String id) {
        store.locked(() -> {
            SimChannel ch = channels.stasisChannel(id);
            ch.ringing = false;
            channels.setState(ch, "Up");
        });
    }

    public void ring(String id, boolean on) {
        store.locked(() -> {
            channels.stasisChannel(id).ringing = on;
        });
    }

    public void hold(String id, boolean on) {
        store.locked(() -> {
            SimChannel ch = channels.stasisChannel(id);
            if (ch.hold == on) {
                return;
            }
            ch.hold = on;
            store.event(on ? "ChannelHold" : "ChannelUnhold", "channel", ch.snapshot());
        });
    }

    /** Mute directions combine as Asterisk's do: in + out = both; unmuting one side of both leaves the other. */
    public void mute(String id, String direction, boolean on) {
        store.locked(() -> {
            SimChannel ch = channels.stasisChannel(id);
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
        });
    }

    public void moh(String id, String mohClass, boolean on) {
        store.locked(() -> {
            SimChannel ch = channels.stasisChannel(id);
            ch.moh = on;
            ch.mohClass = on ? (mohClass == null || mohClass.isBlank() ? "default" : mohClass) : null;
        });
    }

    public void silence(String id, boolean on) {
        store.locked(() -> {
            channels.stasisChannel(id).silence = on;
        });
    }

    /** POST /channels/{id}/dtmf: recorded as sent (no audio here). */
    public void sendDtmf(String id, String dtmf) {
        store.locked(() -> {
            SimChannel ch = channels.stasisChannel(id);
            if (dtmf == null || dtmf.isEmpty()) {
                throw new AriException(400, "DTMF is required");
            }
            ch.dtmfSent.add(dtmf);
        });
    }

    /** POST /channels/{id}/continue: leaves Stasis for the dialplan. */
    public void continueInDialplan(String id, Map<String, Object> p) {
        store.locked(() -> {
            SimChannel ch = channels.stasisChannel(id);
            ch.inStasis = false;
            if (str(p, "context") != null) {
                ch.context = str(p, "context");
            }
            if (str(p, "extension") != null) {
                ch.exten = str(p, "extension");
            }
            ch.appName = "";
            ch.appData = "";
            store.event("StasisEnd", "channel", ch.snapshot());
        });
    }

    public String getVariable(String id, String name) {
        return store.locked(() -> {
            SimChannel ch = channels.channel(id);
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
        });
    }

    public void setVariable(String id, String name, String value) {
        store.locked(() -> {
            SimChannel ch = channels.channel(id);
            if (name == null || name.isBlank()) {
                throw new AriException(400, "Variable name is required");
            }
            setVariableQuiet(ch, name, value == null ? "" : value);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("variable", name);
            f.put("value", value == null ? "" : value);
            f.put("channel", ch.snapshot());
            store.emit("ChannelVarset", f);
        });
    }

    /** Sets a variable without ChannelVarset (variables given at creation); CALLERID(...) set the caller. */
    static void setVariableQuiet(SimChannel ch, String name, String value) {
        switch (name) {
            case "CALLERID(num)" -> ch.callerNumber = value;
            case "CALLERID(name)" -> ch.callerName = value;
            default -> ch.variables.put(name, value);
        }
    }

    /** The {@code variables} object of a create request, set quietly. */
    static void setVariablesQuiet(SimChannel ch, Object vars) {
        if (vars instanceof Map<?, ?> m) {
            m.forEach((k, v) -> setVariableQuiet(ch, String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
    }
}
