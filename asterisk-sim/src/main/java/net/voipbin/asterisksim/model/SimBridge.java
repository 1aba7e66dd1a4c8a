package net.voipbin.asterisksim.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A Stasis bridge. Mutated only under the {@link net.voipbin.asterisksim.state.SimStore} lock. */
public class SimBridge {
    public String id;
    public String name = "";
    public List<String> types = List.of("mixing");
    public String creationtime;
    public final Set<String> channels = new LinkedHashSet<>();

    public Map<String, Object> snapshot() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", id);
        b.put("technology", types.contains("holding") ? "holding_bridge" : channels.size() > 2 ? "softmix" : "simple_bridge");
        b.put("bridge_type", types.contains("holding") ? "holding" : "mixing");
        b.put("bridge_class", "stasis");
        b.put("creator", "Stasis");
        b.put("name", name);
        b.put("channels", new ArrayList<>(channels));
        b.put("video_mode", types.contains("video_sfu") ? "sfu" : "talker");
        b.put("creationtime", creationtime);
        b.put("bridgevars", new LinkedHashMap<String, String>());
        return b;
    }
}
