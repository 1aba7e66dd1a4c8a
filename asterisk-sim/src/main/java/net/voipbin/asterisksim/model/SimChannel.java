package net.voipbin.asterisksim.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One simulated channel. Mutated only under the {@link net.voipbin.asterisksim.state.SimStore} lock. */
public class SimChannel {
    public String id;
    public String name;
    public String state = "Down";
    public String direction; // "outgoing" or "incoming"
    public String endpoint;
    public String number; // dialled number (outgoing) or destination (incoming)
    public String callerName = "";
    public String callerNumber = "";
    public String connectedName = "";
    public String connectedNumber = "";
    public String context = "default";
    public String exten = "s";
    public int priority = 1;
    public String appName = "";
    public String appData = "";
    public String creationtime;
    public String language = "en";
    public String app; // Stasis application when in Stasis (or to enter on answer)
    public List<String> args = List.of();
    public boolean inStasis;
    public boolean hungUp;
    public boolean dialing;
    public boolean ringing;
    public boolean hold;
    public boolean moh;
    public String mohClass;
    public String mute; // null, "in", "out", "both"
    public boolean silence;
    public String bridgeId;
    public long dialTimeoutSec = 30;
    public Integer hangupCause;
    public String sipCallId;
    public String snoopOf; // spied channel id, for Snoop channels
    public final Map<String, String> channelvars = new LinkedHashMap<>();
    public final Map<String, String> variables = new LinkedHashMap<>();
    public final List<String> played = new ArrayList<>();
    public final List<String> spoken = new ArrayList<>();
    public final List<String> dtmfSent = new ArrayList<>();
    public final List<String> dtmfReceived = new ArrayList<>();
    public final List<String> recordings = new ArrayList<>();
    public final Set<Long> timers = new LinkedHashSet<>();
    public final Set<String> playbacks = new LinkedHashSet<>();

    /** ARI Channel model. */
    public Map<String, Object> snapshot() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        c.put("name", name);
        c.put("state", state);
        c.put("protocol_id", sipCallId == null ? "" : sipCallId);
        c.put("caller", Map.of("name", callerName, "number", callerNumber));
        c.put("connected", Map.of("name", connectedName, "number", connectedNumber));
        c.put("accountcode", "");
        Map<String, Object> dialplan = new LinkedHashMap<>();
        dialplan.put("context", context);
        dialplan.put("exten", exten);
        dialplan.put("priority", priority);
        dialplan.put("app_name", appName);
        dialplan.put("app_data", appData);
        c.put("dialplan", dialplan);
        c.put("creationtime", creationtime);
        c.put("language", language);
        c.put("channelvars", new LinkedHashMap<>(channelvars));
        return c;
    }

    /** Everything the simulator knows (GET /sim/channels). */
    public Map<String, Object> simView() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("name", name);
        v.put("state", state);
        v.put("direction", direction);
        v.put("endpoint", endpoint);
        v.put("number", number);
        v.put("caller", Map.of("name", callerName, "number", callerNumber));
        v.put("app", app);
        v.put("args", args);
        v.put("in_stasis", inStasis);
        v.put("hungup", hungUp);
        v.put("hangup_cause", hangupCause);
        v.put("ringing", ringing);
        v.put("hold", hold);
        v.put("moh", moh);
        v.put("moh_class", mohClass);
        v.put("mute", mute);
        v.put("silence", silence);
        v.put("bridge_id", bridgeId);
        v.put("snoop_of", snoopOf);
        v.put("variables", new LinkedHashMap<>(variables));
        v.put("played", new ArrayList<>(played));
        v.put("spoken", new ArrayList<>(spoken));
        v.put("dtmf_sent", new ArrayList<>(dtmfSent));
        v.put("dtmf_received", new ArrayList<>(dtmfReceived));
        v.put("recordings", new ArrayList<>(recordings));
        v.put("playbacks", new ArrayList<>(playbacks));
        v.put("creationtime", creationtime);
        return v;
    }
}
