package net.voipbin.api.ws;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import net.voipbin.api.auth.Identity;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket client: its identity, its topics and a bounded outbound buffer sent one frame at a
 * time. A client whose buffer is full is disconnected, so a slow reader never holds up the consumer
 * or the other clients.
 */
public final class WsClient {

    private static final Logger LOG = Logger.getLogger(WsClient.class);

    final WebSocketConnection connection;
    /** As authenticated at the upgrade; {@link EventHub} checks it again every recheck interval. */
    final Identity identity;
    final Set<Topic> topics = ConcurrentHashMap.newKeySet();
    private final ArrayBlockingQueue<String> buffer;
    private final AtomicBoolean sending = new AtomicBoolean();
    private final Runnable unregister;

    WsClient(WebSocketConnection connection, Identity identity, int capacity, Runnable unregister) {
        this.connection = connection;
        this.identity = identity;
        this.buffer = new ArrayBlockingQueue<>(Math.max(1, capacity));
        this.unregister = unregister;
    }

    /** Whether an event of {@code customerId} about {@code resource} {@code id} goes to this client. */
    boolean matches(String customerId, String ownerId, String resource, String id) {
        if (!identity.isSuperadmin() && !identity.customerId().toString().equals(customerId)) {
            return false;
        }
        for (Topic topic : topics) {
            if (topic.matches(customerId, ownerId, resource, id)) {
                return true;
            }
        }
        return false;
    }

    void send(String message) {
        if (!buffer.offer(message)) {
            LOG.infof("WebSocket client %s fell %d messages behind: disconnecting", connection.id(), buffer.size());
            disconnect();
            return;
        }
        drain();
    }

    private void drain() {
        if (!sending.compareAndSet(false, true)) {
            return;
        }
        String next = buffer.poll();
        if (next == null) {
            sending.set(false);
            if (!buffer.isEmpty()) {
                drain();
            }
            return;
        }
        connection.sendText(next).subscribe().with(v -> {
            sending.set(false);
            drain();
        }, e -> disconnect());
    }

    private void disconnect() {
        unregister.run();
        connection.close().subscribe().with(v -> { }, e -> { });
    }

    /**
     * Ends the connection for a reason the client can read twice: an error frame (sent directly, not through
     * the buffer, which may be full) and the close frame's code and reason.
     */
    void close(int code, int status, String reason, String message) {
        unregister.run();
        connection.sendText(WsEndpoints.Handler.error(status, reason, message))
                .onFailure().recoverWithNull()
                .chain(() -> connection.close(new CloseReason(code, message)))
                .subscribe().with(v -> { }, e -> { });
    }
}
