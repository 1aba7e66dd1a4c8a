package net.voipbin.asterisksim.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import net.voipbin.asterisksim.ari.AriAuthFilter;
import net.voipbin.asterisksim.config.SimConfig;
import net.voipbin.asterisksim.model.AriTime;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ARI event WebSocket ({@code GET /ari/events?app=<name>&subscribeAll=true}) and the fan-out of events to every
 * connected client. Writes are queued on Vert.x (never blocking the caller); a client whose unsent backlog exceeds
 * {@link #MAX_PENDING_BYTES} is disconnected, as Asterisk drops slow readers.
 */
@Singleton
public class EventHub {
    private static final Logger LOG = Logger.getLogger(EventHub.class);
    static final long MAX_PENDING_BYTES = 64L * 1024 * 1024;

    /** One connected event client. */
    public record Client(ServerWebSocket socket, String app, AtomicLong pending) {
    }

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final ObjectMapper mapper;
    private final SimConfig config;

    public EventHub(ObjectMapper mapper, SimConfig config) {
        this.mapper = mapper;
        this.config = config;
    }

    void routes(@Observes Router router) {
        router.route("/ari/events").order(-100).handler(this::upgrade);
    }

    private void upgrade(RoutingContext rc) {
        var request = rc.request();
        if (!AriAuthFilter.authorized(config, request.getHeader("Authorization"), request.getParam("api_key"))) {
            rc.response().setStatusCode(401)
                    .putHeader("WWW-Authenticate", "Basic realm=\"Asterisk REST Interface\"")
                    .putHeader("Content-Type", "application/json")
                    .end("{\"message\":\"Authentication required\"}");
            return;
        }
        String app = request.getParam("app");
        if (app == null || app.isBlank()) {
            rc.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end("{\"message\":\"Missing param 'app'\"}");
            return;
        }
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            rc.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end("{\"message\":\"WebSocket upgrade required\"}");
            return;
        }
        String first = app.split(",")[0].trim();
        request.toWebSocket().onSuccess(ws -> {
            net.voipbin.asterisksim.ari.AriRequests.status(rc, 101);
            Client client = new Client(ws, first, new AtomicLong());
            clients.add(client);
            ws.closeHandler(v -> clients.remove(client));
            ws.exceptionHandler(e -> clients.remove(client));
            LOG.infof("ARI event client connected: app=%s (%d clients)", first, clients.size());
        }).onFailure(e -> LOG.warnf("WebSocket upgrade failed: %s", e.getMessage()));
    }

    /** Number of connected event clients. */
    public int clientCount() {
        return clients.size();
    }

    /** Connected clients per application. */
    public Map<String, Integer> perApp() {
        Map<String, Integer> m = new java.util.TreeMap<>();
        clients.forEach(c -> m.merge(c.app(), 1, Integer::sum));
        return m;
    }

    /** Drops the event sockets of one application, or every socket if {@code app} is null (to test reconnects). */
    public int close(String app) {
        int n = 0;
        for (Client c : clients) {
            if (app != null && !app.equals(c.app())) {
                continue;
            }
            clients.remove(c);
            c.socket().close((short) 1001, "asterisk-sim closed the socket");
            n++;
        }
        return n;
    }

    /**
     * Sends one event (its {@code type} plus the event's own fields) to every client, adding {@code application},
     * {@code timestamp} and {@code asterisk_id}. Synchronised so frames keep the order in which events are made.
     */
    public synchronized void emit(String type, Map<String, Object> fields) {
        if (clients.isEmpty()) {
            return;
        }
        String timestamp = AriTime.now();
        for (Client c : clients) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", type);
            event.put("application", c.app());
            event.put("timestamp", timestamp);
            event.putAll(fields);
            event.put("asterisk_id", config.id());
            String json;
            try {
                json = mapper.writeValueAsString(event);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            long size = json.length();
            if (c.pending().addAndGet(size) > MAX_PENDING_BYTES) {
                LOG.warnf("ARI event client app=%s too slow (%d bytes pending): disconnecting", c.app(), c.pending().get());
                clients.remove(c);
                c.socket().close((short) 1008, "too slow");
                continue;
            }
            c.socket().writeTextMessage(json, ar -> c.pending().addAndGet(-size));
        }
    }
}
