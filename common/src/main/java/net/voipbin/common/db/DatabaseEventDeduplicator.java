package net.voipbin.common.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.event.EventDeduplicator;
import net.voipbin.common.time.TimeFormat;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Records the message id in {@code event_inbox} in the same transaction as the handling, so the
 * event's effects and "done" commit together: a redelivery after a crash, a duplicate publish or
 * a second replica getting the same message finds the id and skips.
 */
@ApplicationScoped
public class DatabaseEventDeduplicator implements EventDeduplicator {

    @Override
    public Uni<Boolean> runOnce(UUID messageId, Supplier<Uni<Void>> work) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "INSERT IGNORE INTO event_inbox (message_id, tm_processed) VALUES (?1, ?2)")
                        .setParameter(1, SqlValues.bytes(messageId))
                        .setParameter(2, SqlValues.utc(TimeFormat.now()))
                        .executeUpdate())
                .chain(inserted -> inserted == 1 ? work.get().replaceWith(true) : Uni.createFrom().item(false)));
    }
}
