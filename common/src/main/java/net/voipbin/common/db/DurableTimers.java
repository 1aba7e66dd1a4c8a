package net.voipbin.common.db;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import net.voipbin.common.config.VoipbinConfig;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;

import java.time.Instant;
import java.util.UUID;

/**
 * Durable timers (dial timeout, max call duration, queue timeouts, webhook retries...), stored in
 * the manager's own table {@code durable_timer} and fired by whichever replica claims them first.
 * Schedule and cancel inside the transaction of the state change they belong to.
 */
@ApplicationScoped
public class DurableTimers {

    private final VoipbinConfig config;
    private final Vertx vertx;
    private final Instance<TimerHandler> handlers;
    private final Instance<MeterRegistry> registry;
    private volatile TimerPoller poller;

    public DurableTimers(VoipbinConfig config, Vertx vertx, @Any Instance<TimerHandler> handlers,
                         Instance<MeterRegistry> registry) {
        this.config = config;
        this.vertx = vertx;
        this.handlers = handlers;
        this.registry = registry;
    }

    void onStart(@Observes @Priority(120) StartupEvent event) {
        if (handlers.stream().findAny().isEmpty()) {
            return;
        }
        poller = new TimerPoller(vertx, handlers.stream().toList(), config.timers(),
                registry.isResolvable() ? registry.get() : null);
        poller.start();
    }

    void onStop(@Observes @Priority(90) ShutdownEvent event) {
        TimerPoller p = poller;
        if (p != null) {
            p.stop();
        }
    }

    /**
     * Sets timer {@code kind}/{@code key} to fire at {@code fireAt}, replacing one with the same
     * kind and key (so re-arming a timeout is one call). Emits the timer id.
     */
    public Uni<UUID> schedule(String kind, String key, UUID customerId, String payload, Instant fireAt) {
        UUID id = Ids.newId();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "INSERT INTO durable_timer (id, kind, timer_key, customer_id, payload, fire_at, tm_create) "
                                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                                        + "ON DUPLICATE KEY UPDATE id = VALUES(id), customer_id = VALUES(customer_id), "
                                        + "payload = VALUES(payload), fire_at = VALUES(fire_at), attempts = 0, "
                                        + "last_error = NULL, tm_failed = NULL")
                        .setParameter(1, SqlValues.bytes(id))
                        .setParameter(2, kind)
                        .setParameter(3, key)
                        .setParameter(4, SqlValues.bytes(customerId))
                        .setParameter(5, payload == null ? "" : payload)
                        .setParameter(6, SqlValues.utc(fireAt))
                        .setParameter(7, SqlValues.utc(TimeFormat.now()))
                        .executeUpdate())
                .replaceWith(id);
    }

    /** Cancels timer {@code kind}/{@code key}; emits whether there was one. */
    public Uni<Boolean> cancel(String kind, String key) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("DELETE FROM durable_timer WHERE kind = ?1 AND timer_key = ?2")
                        .setParameter(1, kind)
                        .setParameter(2, key)
                        .executeUpdate())
                .map(deleted -> deleted > 0);
    }

    /** The running poller (null without handlers); tests stop it to play a replica that died. */
    public TimerPoller poller() {
        return poller;
    }
}
