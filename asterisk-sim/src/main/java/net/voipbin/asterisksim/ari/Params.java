package net.voipbin.asterisksim.ari;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.UriInfo;
import net.voipbin.asterisksim.model.AriException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ARI operation parameters: query parameters and/or a JSON body (as Asterisk accepts both); a query parameter wins.
 * Also attaches the body to the request log.
 */
@Singleton
public class Params {
    private static final List<String> SCHEMES =
            List.of("sound:", "tts:", "tone:", "http:", "https:", "recording:", "number:", "digits:", "characters:");

    private final ObjectMapper mapper;
    private final CurrentVertxRequest current;

    public Params(ObjectMapper mapper, CurrentVertxRequest current) {
        this.mapper = mapper;
        this.current = current;
    }

    public Map<String, Object> of(UriInfo uri, String body) {
        AriRequests.body(current.getCurrent(), body);
        Map<String, Object> p = new LinkedHashMap<>();
        if (body != null && !body.isBlank()) {
            try {
                p.putAll(mapper.readValue(body, new TypeReference<Map<String, Object>>() { }));
            } catch (Exception e) {
                throw new AriException(400, "Invalid JSON body");
            }
        }
        uri.getQueryParameters().forEach((k, v) -> {
            if (!k.equals("api_key")) {
                p.put(k, v.size() == 1 ? v.get(0) : new ArrayList<>(v));
            }
        });
        return p;
    }

    /** {@code media}: JSON array, repeated query parameter, or a comma list (commas inside tts text kept). */
    public static List<String> media(Map<String, Object> p) {
        Object v = p.get("media");
        List<String> raw = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(x -> raw.add(String.valueOf(x)));
        } else if (v != null) {
            raw.add(String.valueOf(v));
        }
        List<String> out = new ArrayList<>();
        for (String item : raw) {
            boolean firstPiece = true;
            for (String piece : item.split(",", -1)) {
                if (!firstPiece && SCHEMES.stream().noneMatch(piece::startsWith)) {
                    out.set(out.size() - 1, out.get(out.size() - 1) + "," + piece);
                } else {
                    out.add(piece);
                }
                firstPiece = false;
            }
        }
        return out;
    }
}
