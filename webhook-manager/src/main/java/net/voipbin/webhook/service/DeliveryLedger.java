package net.voipbin.webhook.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.db.DurableTimers;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.webhook.client.ReceiverClient.Outcome;
import net.voipbin.webhook.config.DeliveryConfig;
import net.voipbin.webhook.model.WebhookDelivery;
import net.voipbin.webhook.model.WebhookDeliveryAttempt;
import net.voipbin.webhook.repository.WebhookDeliveryAttemptRepository;
import net.voipbin.webhook.repository.WebhookDeliveryRepository;
import net.voipbin.webhook.repository.WebhookRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The database side of deliveries: storing one (once per reference key) together with the durable timer of its first
 * attempt, deciding whether an attempt is still due, and recording an attempt together with the timer of the next.
 * The delivery row is locked while an attempt is decided and recorded, so the sync path and a timer never both record
 * one attempt. Timers are re-armed, never cancelled (ARCHITECTURE.md section 11): a timer that finds its attempt
 * already made does nothing.
 */
@ApplicationScoped
public class DeliveryLedger {

    /** Durable timer kind; key = delivery id, payload = number of the attempt it makes. */
    public static final String TIMER_KIND = "webhook-delivery";

    /** A stored delivery, whether this request stored it, and the customer's current signing secret (null: unsigned). */
    public record Accepted(WebhookDelivery delivery, boolean created, String secret) {
    }

    /** An attempt that is due: the locked delivery, the attempt number and the secret to sign it with. */
    public record Due(WebhookDelivery delivery, int attempt, String secret) {
    }

    private final WebhookDeliveryRepository deliveries;
    private final WebhookDeliveryAttemptRepository attempts;
    private final WebhookRepository webhooks;
    private final DurableTimers timers;
    private final DeliveryConfig config;

    public DeliveryLedger(WebhookDeliveryRepository deliveries, WebhookDeliveryAttemptRepository attempts,
                          WebhookRepository webhooks, DurableTimers timers, DeliveryConfig config) {
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.webhooks = webhooks;
        this.timers = timers;
        this.config = config;
    }

    /**
     * Stores {@code draft} unless its reference key already has a delivery (then that one is returned and nothing is
     * scheduled). A new delivery's first attempt is a durable timer: due now for async requests. A sync request makes
     * the attempt itself, within {@code syncUntil}; its timer only covers a replica that dies before recording it, so
     * it is due {@link DeliveryConfig#syncFallback()} after that moment and never races the request's own attempt.
     */
    @WithTransaction
    public Uni<Accepted> accept(WebhookDelivery draft, Instant syncUntil) {
        Instant now = TimeFormat.now();
        draft.status = WebhookDelivery.STATUS_PENDING;
        draft.tmCreate = now;
        draft.tmUpdate = now;
        draft.tmNextAttempt = syncUntil == null ? now : (syncUntil.isAfter(now) ? syncUntil : now).plus(config.syncFallback());
        return deliveries.insertOnce(draft).chain(() -> deliveries.findByReference(draft.customerId, draft.referenceKey))
                .onItem().ifNull().failWith(() -> new IllegalStateException("delivery " + draft.referenceKey + " vanished"))
                .chain(delivery -> {
                    boolean created = delivery.id.equals(draft.id);
                    Uni<?> first = created
                            ? timers.schedule(TIMER_KIND, delivery.id.toString(), delivery.customerId, "1", draft.tmNextAttempt)
                            : Uni.createFrom().voidItem();
                    return first.chain(() -> secret(delivery.customerId))
                            .map(secret -> new Accepted(delivery, created, secret));
                });
    }

    /** Locks the delivery; attempt {@code attempt} is due only while it is pending and that attempt was not made yet. */
    @WithTransaction
    public Uni<Due> due(UUID customerId, UUID deliveryId, int attempt) {
        return deliveries.lockForCustomer(customerId, deliveryId).chain(delivery -> {
            if (delivery == null || !WebhookDelivery.STATUS_PENDING.equals(delivery.status) || delivery.attempts != attempt - 1) {
                return Uni.createFrom().nullItem();
            }
            return secret(customerId).map(secret -> new Due(delivery, attempt, secret));
        });
    }

    /** A sync request without time left for its own attempt: the first attempt's timer becomes due now. */
    @WithTransaction
    public Uni<WebhookDelivery> attemptNow(UUID customerId, UUID deliveryId) {
        return deliveries.lockForCustomer(customerId, deliveryId).chain(delivery -> {
            if (delivery.attempts > 0) {
                return Uni.createFrom().item(delivery);
            }
            delivery.tmNextAttempt = TimeFormat.now();
            return timers.schedule(TIMER_KIND, delivery.id.toString(), customerId, "1", delivery.tmNextAttempt)
                    .replaceWith(delivery);
        });
    }

    /** The sync path's first attempt, recorded unless a timer made (and recorded) it meanwhile. */
    @WithTransaction
    public Uni<WebhookDelivery> recordFirst(UUID customerId, UUID deliveryId, Outcome outcome) {
        return deliveries.lockForCustomer(customerId, deliveryId).chain(delivery -> delivery.attempts > 0
                ? Uni.createFrom().item(delivery)
                : record(delivery, 1, outcome));
    }

    /**
     * Records attempt {@code attempt} of the locked {@code delivery}: the attempt row, the delivery's status, and the
     * timer of the next attempt when it failed in a way worth retrying and attempts are left.
     */
    @WithTransaction
    public Uni<WebhookDelivery> record(WebhookDelivery delivery, int attempt, Outcome outcome) {
        WebhookDeliveryAttempt row = new WebhookDeliveryAttempt();
        row.id = net.voipbin.common.id.Ids.newId();
        row.customerId = delivery.customerId;
        row.deliveryId = delivery.id;
        row.attempt = attempt;
        row.httpCode = outcome.httpCode();
        row.error = error(outcome);
        row.tmStart = outcome.started();
        row.tmEnd = outcome.ended();
        row.tmCreate = outcome.ended();
        delivery.attempts = attempt;
        delivery.httpCode = outcome.httpCode();
        delivery.error = row.error;
        delivery.tmLastAttempt = outcome.started();
        delivery.tmUpdate = TimeFormat.now();
        Uni<?> next;
        if (outcome.success()) {
            delivery.status = WebhookDelivery.STATUS_DELIVERED;
            delivery.tmNextAttempt = null;
            next = Uni.createFrom().voidItem();
        } else if (outcome.retryable() && attempt < config.maxAttempts()) {
            delivery.tmNextAttempt = delivery.tmUpdate.plus(backoff(attempt, outcome.retryAfter()));
            next = timers.schedule(TIMER_KIND, delivery.id.toString(), delivery.customerId, Integer.toString(attempt + 1),
                    delivery.tmNextAttempt);
        } else {
            delivery.status = WebhookDelivery.STATUS_FAILED;
            delivery.tmNextAttempt = null;
            next = Uni.createFrom().voidItem();
        }
        return attempts.persist(row).chain(() -> next).replaceWith(delivery);
    }

    /** Wait after failed attempt {@code attempt}: doubling from the initial backoff, capped; a longer Retry-After (up to the cap) wins. */
    Duration backoff(int attempt, Duration retryAfter) {
        Duration cap = config.backoffMax();
        Duration wait = config.backoffInitial().multipliedBy(1L << Math.min(attempt - 1, 30));
        if (wait.compareTo(cap) > 0 || wait.isNegative()) {
            wait = cap;
        }
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter.compareTo(cap) > 0 ? cap : retryAfter;
        }
        return wait;
    }

    private Uni<String> secret(UUID customerId) {
        return webhooks.findForCustomer(customerId)
                .map(webhook -> webhook == null || webhook.secret == null || webhook.secret.isEmpty() ? null : webhook.secret);
    }

    private static String error(Outcome outcome) {
        if (outcome.error() != null) {
            return outcome.error();
        }
        return outcome.success() ? null : "HTTP " + outcome.httpCode();
    }
}
