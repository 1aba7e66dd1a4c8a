package net.voipbin.asterisksim.ari;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every request received under /ari (for GET /sim/requests), newest last; the oldest beyond {@link #KEPT} dropped. */
@Singleton
public class AriRequests {
    static final int KEPT = 50_000;
    static final String KEY = "asterisk-sim.request";

    /** One recorded request; {@code body} is filled in by the resource that reads it. */
    public static final class Entry {
        final String timestamp = net.voipbin.asterisksim.model.AriTime.now();
        final String method;
        final String path;
        final String query;
        volatile String body;
        volatile int status;

        Entry(String method, String path, String query) {
            this.method = method;
            this.path = path;
            this.query = query;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("timestamp", timestamp);
            m.put("method", method);
            m.put("path", path);
            m.put("query", query == null ? "" : query);
            m.put("body", body == null ? "" : body);
            m.put("status", status);
            return m;
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    void routes(@Observes Router router) {
        router.route("/ari/*").order(-200).handler(this::record);
    }

    private void record(RoutingContext rc) {
        Entry e = new Entry(rc.request().method().name(), rc.request().path(), rc.request().query());
        synchronized (entries) {
            entries.addLast(e);
            while (entries.size() > KEPT) {
                entries.removeFirst();
            }
        }
        rc.put(KEY, e);
        rc.addHeadersEndHandler(v -> e.status = rc.response().getStatusCode());
        rc.next();
    }

    /** Attaches the request body to the current request's entry. */
    static void body(RoutingContext rc, String body) {
        if (rc != null && body != null && rc.get(KEY) instanceof Entry e) {
            e.body = body;
        }
    }

    /** Sets the recorded status of the current request (a WebSocket upgrade answers outside the response). */
    public static void status(RoutingContext rc, int status) {
        if (rc.get(KEY) instanceof Entry e) {
            e.status = status;
        }
    }

    public List<Map<String, Object>> list() {
        synchronized (entries) {
            List<Map<String, Object>> out = new ArrayList<>(entries.size());
            entries.forEach(e -> out.add(e.toMap()));
            return out;
        }
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
