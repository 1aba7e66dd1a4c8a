package net.voipbin.common.event;

import io.smallrye.mutiny.Uni;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Best-effort de-duplication for a manager without a database: remembers the last message ids in
 * memory, so it catches redeliveries within one process only.
 */
public final class InMemoryEventDeduplicator implements EventDeduplicator {

    private final Set<UUID> seen;

    public InMemoryEventDeduplicator(int capacity) {
        this.seen = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                return size() > capacity;
            }
        }));
    }

    @Override
    public Uni<Boolean> runOnce(UUID messageId, Supplier<Uni<Void>> work) {
        if (seen.contains(messageId)) {
            return Uni.createFrom().item(false);
        }
        return work.get().invoke(() -> seen.add(messageId)).replaceWith(true);
    }
}
