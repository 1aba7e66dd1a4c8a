package net.voipbin.common.db;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.id.Ids;
import net.voipbin.common.support.TestNote;
import net.voipbin.common.time.TimeFormat;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts firings per timer key and writes a row in the firing transaction. */
@ApplicationScoped
public class RecordingTimerHandler implements TimerHandler {

    final Map<String, AtomicInteger> fired = new ConcurrentHashMap<>();
    final Map<String, Instant> firedAt = new ConcurrentHashMap<>();
    final Map<String, String> firedBy = new ConcurrentHashMap<>();

    @Override
    public String kind() {
        return "test-timer";
    }

    @Override
    public Uni<Void> fire(DurableTimer timer) {
        return fire(timer, "replica-a");
    }

    Uni<Void> fire(DurableTimer timer, String replica) {
        if (timer.payload().equals("fail-once") && !fired.containsKey(timer.key() + "#failed")) {
            fired.put(timer.key() + "#failed", new AtomicInteger(1));
            return Uni.createFrom().failure(new IllegalStateException("first firing fails"));
        }
        TestNote note = new TestNote();
        note.id = Ids.newId();
        note.customerId = timer.customerId();
        note.source = "timer";
        note.text = timer.key();
        note.tmCreate = TimeFormat.now();
        return note.persist().invoke(() -> {
            firedAt.put(timer.key(), Instant.now());
            firedBy.put(timer.key(), replica);
            fired.computeIfAbsent(timer.key(), k -> new AtomicInteger()).incrementAndGet();
        }).replaceWithVoid();
    }

    Instant firedAt(String key) {
        return firedAt.get(key);
    }

    String firedBy(String key) {
        return firedBy.get(key);
    }

    int count(String key) {
        AtomicInteger n = fired.get(key);
        return n == null ? 0 : n.get();
    }
}
