package net.voipbin.common.db;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import net.voipbin.common.config.VoipbinConfig;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One replica's timer loop. Each due timer is claimed in its own transaction with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED}, fired, and deleted in that transaction; another
 * replica skips a claimed row and finds it gone once the claim commits.
 */
public final class TimerPoller {

    private static final Logger LOG = Logger.getLogger(TimerPoller.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final Map<String, TimerHandler> handlers = new HashMap<>();
    private final VoipbinConfig.Timers config;
    private final PeriodicTask task;
    private final Counter fired;
    private final Counter failed;

    public TimerPoller(Vertx vertx, List<TimerHandler> handlers, VoipbinConfig.Timers config, MeterRegistry registry) {
        handlers.forEach(h -> this.handlers.put(h.kind(), h));
        this.config = config;
        this.task = new PeriodicTask(vertx, "timer poller", this::pollOnce);
        this.fired = registry == null ? null : Counter.builder("voipbin.timers.fired").register(registry);
        this.failed = registry == null ? null : Counter.builder("voipbin.timers.failed").register(registry);
    }

    public void start() {
        task.start(config.pollInterval());
    }

    public void stop() {
        task.stop();
    }

    Uni<Integer> pollOnce() {
        return Panache.withSession(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                        "SELECT id FROM durable_timer WHERE tm_failed IS NULL AND fire_at <= UTC_TIMESTAMP(6) "
                                                + "AND kind IN (?1) ORDER BY fire_at LIMIT ?2", Object.class)
                                .setParameter(1, List.copyOf(handlers.keySet()))
                                .setParameter(2, config.batchSize())
                                .getResultList()))
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> fireOne((byte[]) id))
                        .collect().asList()
                        .map(List::size));
    }

    private Uni<Void> fireOne(byte[] id) {
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                        "SELECT id, kind, timer_key, customer_id, payload, fire_at, attempts FROM durable_timer "
                                                + "WHERE id = ?1 AND tm_failed IS NULL AND fire_at <= UTC_TIMESTAMP(6) "
                                                + "FOR UPDATE SKIP LOCKED", Object[].class)
                                .setParameter(1, id)
                                .getResultList()
                                .chain(rows -> {
                                    if (rows.isEmpty()) {
                                        return Uni.createFrom().voidItem(); // fired or claimed by another replica
                                    }
                                    DurableTimer timer = toTimer(rows.get(0));
                                    return handlers.get(timer.kind()).fire(timer)
                                            .chain(() -> session.createNativeQuery("DELETE FROM durable_timer WHERE id = ?1")
                                                    .setParameter(1, id)
                                                    .executeUpdate())
                                            .invoke(() -> {
                                                if (fired != null) {
                                                    fired.increment();
                                                }
                                            })
                                            .replaceWithVoid();
                                })))
                .onFailure().recoverWithUni(failure -> recordFailure(id, failure));
    }

    private Uni<Void> recordFailure(byte[] id, Throwable failure) {
        if (failed != null) {
            failed.increment();
        }
        LOG.warnf("timer firing failed, will retry: %s", failure.toString());
        String error = String.valueOf(failure);
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "UPDATE durable_timer SET attempts = attempts + 1, last_error = ?2, "
                                        + "fire_at = TIMESTAMPADD(SECOND, LEAST(POW(2, attempts), ?3), UTC_TIMESTAMP(6)), "
                                        + "tm_failed = IF(attempts >= ?4, UTC_TIMESTAMP(6), NULL) WHERE id = ?1")
                        .setParameter(1, id)
                        .setParameter(2, error.length() > 2000 ? error.substring(0, 2000) : error)
                        .setParameter(3, MAX_BACKOFF.toSeconds())
                        .setParameter(4, config.maxAttempts())
                        .executeUpdate()))
                .replaceWithVoid()
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private static DurableTimer toTimer(Object[] row) {
        Instant fireAt = SqlValues.instant(row[5]);
        return new DurableTimer(SqlValues.uuid(row[0]), SqlValues.text(row[1]), SqlValues.text(row[2]),
                SqlValues.uuid(row[3]), SqlValues.text(row[4]), fireAt, ((Number) row[6]).intValue());
    }
}
