package net.voipbin.common.event;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.RequestIds;
import net.voipbin.common.support.TestNote;
import net.voipbin.common.time.TimeFormat;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test application's own consumer of its own events. Behaviour by event type: "note" writes a
 * row, "flaky" fails on its first two attempts, "poison" always fails.
 */
@ApplicationScoped
public class RecordingEventHandler {

    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> completed = new ConcurrentHashMap<>();
    final Map<String, String> requestIds = new ConcurrentHashMap<>();

    @Incoming(TestChannels.OWN_EVENTS)
    public Uni<Void> handle(Event event) {
        String key = event.data().path("key").asText();
        int attempt = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        String requestId = RequestIds.current();
        if (requestId != null) {
            requestIds.put(key, requestId);
        }
        boolean fail = switch (event.type()) {
            case "poison" -> true;
            case "flaky" -> attempt < 3;
            default -> false;
        };
        if (fail) {
            return Uni.createFrom().failure(new IllegalStateException("handler refuses " + key + " on attempt " + attempt));
        }
        TestNote note = new TestNote();
        note.id = Ids.newId();
        note.customerId = event.customerId();
        note.source = "event:" + event.type();
        note.text = key;
        note.tmCreate = TimeFormat.now();
        return note.persist().invoke(() -> completed.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet())
                .replaceWithVoid();
    }

    public int completed(String key) {
        AtomicInteger n = completed.get(key);
        return n == null ? 0 : n.get();
    }

    /** The request id the handler saw for {@code key} (a method: tests hold a client proxy, not the bean). */
    String requestId(String key) {
        return requestIds.get(key);
    }

    int attempts(String key) {
        AtomicInteger n = attempts.get(key);
        return n == null ? 0 : n.get();
    }
}
