package net.voipbin.asteriskproxy.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import net.voipbin.asteriskproxy.config.AsteriskIdentity;
import net.voipbin.asteriskproxy.config.AsteriskProxyConfig;
import net.voipbin.common.event.EventPublisher;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The one ARI event WebSocket of this proxy ({@code /ari/events?app=voipbin&subscribeAll=true}).
 * Frames go to {@link AriEventForwarder} as they arrive. A lost socket is re-opened after 1 s,
 * doubling to 10 s, forever; each change is published as {@code asterisk_connected} /
 * {@code asterisk_disconnected} on {@code bin-manager.asterisk-proxy.event}, so call-manager can
 * reconcile (ARI has no replay: what happened meanwhile is lost).
 */
@ApplicationScoped
public class AriEventStream {

    private static final Logger LOG = Logger.getLogger(AriEventStream.class);

    private final Vertx vertx;
    private final AsteriskProxyConfig config;
    private final String asteriskId;
    private final AriEventForwarder forwarder;
    private final EventPublisher events;
    private final Counter reconnects;
    private final WebSocketClient client;
    private volatile WebSocket socket;
    private volatile long lastHeardNanos;
    private long pingTimer = -1;
    private volatile boolean stopping;
    private long backoffMillis;

    public AriEventStream(Vertx vertx, AsteriskProxyConfig config, AsteriskIdentity identity, AriEventForwarder forwarder,
                          EventPublisher events, MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        this.asteriskId = identity.id();
        this.forwarder = forwarder;
        this.events = events;
        this.reconnects = Counter.builder("voipbin.ari.reconnects").register(registry);
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setConnectTimeout(3000)
                .setMaxMessageSize(4 * 1024 * 1024));
        this.backoffMillis = config.events().reconnectMin().toMillis();
    }

    /** After Reactive Messaging has wired the outgoing event channel (at LIBRARY_BEFORE): it announces on it. */
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE + 200) StartupEvent event) {
        connect();
    }

    void onStop(@Observes @Priority(50) ShutdownEvent event) {
        stopping = true;
        WebSocket ws = socket;
        if (ws != null) {
            ws.close();
        }
    }

    public boolean isConnected() {
        WebSocket ws = socket;
        return ws != null && !ws.isClosed();
    }

    private void connect() {
        if (stopping) {
            return;
        }
        URI ari = URI.create(config.ari().url());
        String credentials = config.ari().username() + ":" + config.ari().password();
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(ari.getHost())
                .setPort(ari.getPort() > 0 ? ari.getPort() : 80)
                .setURI("/ari/events?app=" + URLEncoder.encode(config.ari().application(), StandardCharsets.UTF_8)
                        + "&subscribeAll=true")
                .addHeader("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        client.connect(options).onComplete(result -> {
            if (result.failed()) {
                LOG.debugf("ARI %s not reachable: %s", config.ari().url(), result.cause().getMessage());
                retryLater();
                return;
            }
            WebSocket ws = result.result();
            // Anything heard counts as alive: behind a burst of frames a pong can come late.
            ws.textMessageHandler(frame -> {
                lastHeardNanos = System.nanoTime();
                forwarder.offer(frame);
            });
            lastHeardNanos = System.nanoTime();
            ws.pongHandler(pong -> lastHeardNanos = System.nanoTime());
            ws.closeHandler(v -> onClosed());
            ws.exceptionHandler(e -> LOG.warnf("ARI WebSocket error: %s", e.getMessage()));
            socket = ws;
            backoffMillis = config.events().reconnectMin().toMillis();
            LOG.infof("ARI WebSocket connected to %s (asterisk %s)", config.ari().url(), asteriskId);
            announce("asterisk_connected");
            keepAlive(ws);
        });
    }

    /** Pings on an interval; nothing heard for two intervals means the peer is gone: close, and so reconnect. */
    private void keepAlive(WebSocket ws) {
        long interval = config.events().pingInterval().toMillis();
        if (pingTimer >= 0) {
            vertx.cancelTimer(pingTimer);
        }
        pingTimer = vertx.setPeriodic(interval, id -> {
            if (ws.isClosed() || socket != ws) {
                vertx.cancelTimer(id);
                return;
            }
            if (System.nanoTime() - lastHeardNanos > 2 * interval * 1_000_000L) {
                LOG.warnf("ARI WebSocket to %s answers no ping: closing it", config.ari().url());
                vertx.cancelTimer(id);
                ws.close();
                return;
            }
            ws.writePing(Buffer.buffer("voipbin"));
        });
    }

    private void onClosed() {
        socket = null;
        if (stopping) {
            return;
        }
        LOG.warnf("ARI WebSocket to %s closed, reconnecting", config.ari().url());
        announce("asterisk_disconnected");
        retryLater();
    }

    private void retryLater() {
        if (stopping) {
            return;
        }
        reconnects.increment();
        long delay = backoffMillis;
        backoffMillis = Math.min(backoffMillis * 2, config.events().reconnectMax().toMillis());
        vertx.setTimer(delay, id -> connect());
    }

    private void announce(String type) {
        events.publish(type, null, Map.of("asterisk_id", asteriskId, "ari_url", config.ari().url()))
                .subscribe().with(ok -> { }, failure -> LOG.warnf("cannot publish %s: %s", type, failure.getMessage()));
    }
}
