package net.voipbin.asterisksim.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** A live (then stored) recording. Mutated only under the {@link net.voipbin.asterisksim.state.SimStore} lock. */
public class SimRecording {
    public String name;
    public String format = "wav";
    public String targetUri;
    public String channelId;
    public String bridgeId;
    public String state = "recording";
    public long startedNanos;
    public long durationMs;
    public String cause;
    public long timer = -1;
    /** ARI terminateOn: none, any, * or # (a DTMF that ends the recording). */
    public String terminateOn = "none";

    public Map<String, Object> snapshot() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("format", format);
        r.put("target_uri", targetUri);
        r.put("state", state);
        if (!"recording".equals(state)) {
            int secs = (int) (durationMs / 1000);
            r.put("duration", secs);
            r.put("talking_duration", secs);
            r.put("silence_duration", 0);
        }
        if (cause != null) {
            r.put("cause", cause);
        }
        return r;
    }
}
