package net.voipbin.common.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import net.voipbin.common.config.VoipbinConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.event.EventDeduplicator;
import net.voipbin.common.time.TimeFormat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Records the message id in {@code event_inbox} in the same transaction as the handling, so the
 * event's effects and "done" commit together: a redelivery after a crash, a duplicate publish or
 * a second replica getting the same message finds the id and skips.
 */
@ApplicationScoped
public class DatabaseEventDeduplicator implements EventDeduplicator {

    private final VoipbinConfig config;
    private final Vertx vertx;
    private PeriodicTask cleanup;

    public DatabaseEventDeduplicator(VoipbinConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes @Priority(130) StartupEvent event) {
        cleanup = new PeriodicTask(vertx, "event inbox cleanup", this::forgetOld);
        cleanup.start(Duration.ofMinutes(10));
    }

    void onStop(@Observes @Priority(90) ShutdownEvent event) {
        if (cleanup != null) {
            cleanup.stop();
        }
    }

    /** Forgets message ids older than the retention, in bounded batches; emits how many went. */
    public Uni<Integer> forgetOld() {
        Instant before = TimeFormat.now().minus(config.events().dedupRetention());
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("DELETE FROM event_inbox WHERE tm_processed < ?1 LIMIT 10000")
                        .setParameter(1, SqlValues.utc(before))
                        .executeUpdate()));
    }

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
