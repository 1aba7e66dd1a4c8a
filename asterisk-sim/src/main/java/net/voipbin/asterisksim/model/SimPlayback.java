package net.voipbin.asterisksim.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A playback on a channel or bridge. */
public class SimPlayback {
    public String id;
    public List<String> media;
    public String targetUri;
    public String channelId; // null for bridge playbacks
    public String bridgeId;
    public String language = "en";
    public String state = "playing";
    public long timer = -1;

    public Map<String, Object> snapshot() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("media_uri", media.get(0));
        if (media.size() > 1) {
            p.put("next_media_uri", media.get(1));
        }
        p.put("target_uri", targetUri);
        p.put("language", language);
        p.put("state", state);
        return p;
    }

    /** tts: 60 ms per character; anything else 1 s per media item. */
    public static long durationMs(List<String> media) {
        long total = 0;
        for (String m : media) {
            total += m.startsWith("tts:") ? 60L * m.substring(4).length() : 1000L;
        }
        return Math.max(total, 1);
    }
}
