package net.voipbin.common.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import net.voipbin.common.config.VoipbinConfig;
import net.voipbin.common.event.EventPublisher;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Transactional outbox for events that must not be lost. {@link #add} writes the event in the
 * caller's transaction (call it from a {@code @WithTransaction} method), so it exists exactly when
 * the state change committed. A relay on every replica takes stored events with
 * {@code FOR UPDATE SKIP LOCKED}, publishes them through {@link EventPublisher} (the outgoing event
 * channel) and deletes them in the same transaction once every one was acked, i.e. confirmed by the
 * broker; a nack or a crash in between leaves them to be sent again, and consumers de-duplicate by
 * message id.
 */
@ApplicationScoped
public class EventOutbox {

    private final EventPublisher publisher;
    private final VoipbinConfig config;
    private final Vertx vertx;
    private PeriodicTask relay;

    public EventOutbox(EventPublisher publisher, VoipbinConfig config, Vertx vertx) {
        this.publisher = publisher;
        this.config = config;
        this.vertx = vertx;
    }

    /** After Reactive Messaging has wired the outgoing channel (it starts at LIBRARY_BEFORE): a send before fails. */
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE + 20) StartupEvent event) {
        relay = new PeriodicTask(vertx, "outbox relay", this::relayOnce);
        relay.start(config.outbox().pollInterval());
    }

    void onStop(@Observes @Priority(90) ShutdownEvent event) {
        if (relay != null) {
            relay.stop();
        }
    }

    /** Stores event {@code type} in the current transaction; emits its message id. */
    public Uni<UUID> add(String type, UUID customerId, Object data) {
        UUID messageId = Ids.newId();
        String body = new String(publisher.envelope(type, data), StandardCharsets.UTF_8);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "INSERT INTO event_outbox (message_id, customer_id, body, tm_create) VALUES (?1, ?2, ?3, ?4)")
                        .setParameter(1, SqlValues.bytes(messageId))
                        .setParameter(2, SqlValues.bytes(customerId))
                        .setParameter(3, body)
                        .setParameter(4, SqlValues.utc(TimeFormat.now()))
                        .executeUpdate())
                .replaceWith(messageId);
    }

    /**
     * Publishes one batch of stored events; emits how many were sent. The batch is found with a plain
     * read and then claimed by primary key ({@code FOR UPDATE SKIP LOCKED}): a locking range scan
     * ({@code ORDER BY ... LIMIT ... FOR UPDATE}) would also lock the gap after the newest row, where
     * every business transaction inserts its event (ids are time-ordered), and deadlocked them.
     */
    Uni<Integer> relayOnce() {
        return Panache.withSession(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                        "SELECT message_id FROM event_outbox ORDER BY message_id LIMIT ?1", Object.class)
                                .setParameter(1, config.outbox().batchSize())
                                .getResultList()))
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(0)
                        // Two replicas' claims and deletes, beside business inserts, can still lose a
                        // deadlock (1213): the batch is claimed again; a re-send is de-duplicated downstream.
                        : Deadlocks.retry(() -> relay(ids.stream().map(id -> (byte[]) id).toList())));
    }

    private Uni<Integer> relay(List<byte[]> candidates) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT message_id, customer_id, tm_create, body FROM event_outbox "
                                        + "WHERE message_id IN (?1) ORDER BY message_id FOR UPDATE SKIP LOCKED", Object[].class)
                        .setParameter(1, candidates)
                        .getResultList()
                        .chain(rows -> {
                            if (rows.isEmpty()) {
                                return Uni.createFrom().item(0); // relayed by another replica meanwhile
                            }
                            List<Uni<Void>> sends = new ArrayList<>(rows.size());
                            List<byte[]> ids = new ArrayList<>(rows.size());
                            for (Object[] row : rows) {
                                ids.add((byte[]) row[0]);
                                sends.add(publisher.publishEnvelope(SqlValues.uuid(row[0]), SqlValues.uuid(row[1]),
                                        SqlValues.instant(row[2]), SqlValues.text(row[3]).getBytes(StandardCharsets.UTF_8)));
                            }
                            return Uni.join().all(sends).andFailFast()
                                    .chain(() -> session.createNativeQuery(
                                                    "DELETE FROM event_outbox WHERE message_id IN (?1)")
                                            .setParameter(1, ids)
                                            .executeUpdate())
                                    .replaceWith(rows.size());
                        })));
    }

    /** Relays right away instead of at the next tick (tests, and after a burst). */
    public void kick() {
        if (relay != null) {
            relay.runNow();
        }
    }
}
