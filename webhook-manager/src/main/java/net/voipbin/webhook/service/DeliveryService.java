package net.voipbin.webhook.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.db.DurableTimer;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.webhook.client.ReceiverClient;
import net.voipbin.webhook.client.ReceiverClient.Outcome;
import net.voipbin.webhook.config.DeliveryConfig;
import net.voipbin.webhook.model.WebhookDelivery;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Delivery of requests handed over by other managers (flow-manager's webhook_send): validated, stored once per
 * reference, signed with the customer's webhook secret at each attempt (a secret changed meanwhile applies to the
 * retries), sent, retried with backoff through durable timers, every attempt kept.
 */
@ApplicationScoped
public class DeliveryService {

    public static final List<String> METHODS = List.of("POST", "PUT", "GET", "DELETE");
    public static final int MAX_DATA_TYPE = 255;
    public static final int MAX_REFERENCE_ID = 64;
    public static final String USER_AGENT = "voipbin-webhook-manager";
    /** Left of a sync request's deadline to record the attempt and answer: a quarter of it, at least this. */
    static final Duration SYNC_MARGIN = Duration.ofMillis(500);
    /** A sync request with less time than this left for its attempt leaves the attempt to the timer. */
    static final Duration MIN_ATTEMPT = Duration.ofMillis(100);
    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    /** What a caller asks for; {@code activeflowId} null = no reference (never de-duplicated). */
    public record Request(UUID customerId, String uri, String method, String dataType, byte[] data, boolean sync,
                         UUID activeflowId, String actionId, long executeCount) {
    }

    private final DeliveryLedger ledger;
    private final ReceiverClient receivers;
    private final DeliveryConfig config;
    private final MeterRegistry metrics;

    public DeliveryService(DeliveryLedger ledger, ReceiverClient receivers, DeliveryConfig config, MeterRegistry metrics) {
        this.ledger = ledger;
        this.receivers = receivers;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Stores the delivery; with {@code sync} a newly stored one is also attempted once before answering, within
     * {@code deadline} (null: the configured timeouts) less a margin. A repeated reference answers the delivery as
     * it stands and sends nothing.
     */
    public Uni<WebhookDelivery> send(Request request, Instant deadline) {
        WebhookDelivery draft = draft(request);
        Instant attemptUntil = request.sync() ? attemptUntil(deadline) : null;
        return ledger.accept(draft, attemptUntil).chain(accepted -> {
            if (!accepted.created() || !request.sync()) {
                return Uni.createFrom().item(accepted.delivery());
            }
            WebhookDelivery delivery = accepted.delivery();
            Duration budget = Duration.between(Instant.now(), attemptUntil);
            if (budget.compareTo(MIN_ATTEMPT) < 0) {
                // Storing took the caller's time (a cold or overloaded replica): answer now, the timer attempts at once.
                return ledger.attemptNow(delivery.customerId, delivery.id);
            }
            return attempt(delivery, accepted.secret(), budget)
                    .chain(outcome -> ledger.recordFirst(delivery.customerId, delivery.id, outcome));
        });
    }

    /** A due timer: makes attempt {@code payload} unless it is no longer due. Runs inside the timer's transaction. */
    public Uni<Void> retry(DurableTimer timer) {
        UUID deliveryId = UUID.fromString(timer.key());
        int number = Integer.parseInt(timer.payload());
        return ledger.due(timer.customerId(), deliveryId, number).chain(due -> due == null
                ? Uni.createFrom().voidItem()
                : attempt(due.delivery(), due.secret(), config.connectTimeout().plus(config.readTimeout()))
                        .chain(outcome -> ledger.record(due.delivery(), due.attempt(), outcome))
                        .replaceWithVoid());
    }

    private Uni<Outcome> attempt(WebhookDelivery delivery, String secret, Duration budget) {
        boolean hasBody = !delivery.method.equals("GET") && !delivery.method.equals("DELETE");
        byte[] body = hasBody ? delivery.body : new byte[0];
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", USER_AGENT);
        if (hasBody) {
            headers.put("Content-Type", delivery.dataType);
        }
        if (secret != null) {
            // One webhook-id for every attempt, so a receiver drops a retry of what it already took.
            headers.putAll(WebhookSigner.headers(secret, delivery.id.toString(), Instant.now().getEpochSecond(), body));
        }
        return receivers.send(delivery.method, delivery.uri, headers, hasBody ? body : null, budget)
                .invoke(outcome -> {
                    String result = outcome.success() ? "delivered" : outcome.retryable() ? "retryable" : "refused";
                    metrics.counter("voipbin.webhook.attempts", "result", result).increment();
                    if (!outcome.success()) {
                        LOG.infof("webhook delivery %s to %s: %s", delivery.id, delivery.uri,
                                outcome.error() != null ? outcome.error() : "HTTP " + outcome.httpCode());
                    }
                });
    }

    /**
     * When a sync request's own attempt must be over: the caller's deadline less a quarter of what is left of it (at
     * least {@link #SYNC_MARGIN}) to record the attempt and answer; without a deadline, the configured timeouts.
     */
    private Instant attemptUntil(Instant deadline) {
        Instant now = Instant.now();
        Duration configured = config.connectTimeout().plus(config.readTimeout());
        if (deadline == null) {
            return now.plus(configured);
        }
        Duration remaining = Duration.between(now, deadline);
        Duration quarter = remaining.dividedBy(4);
        Instant until = deadline.minus(quarter.compareTo(SYNC_MARGIN) > 0 ? quarter : SYNC_MARGIN);
        return until.isAfter(now.plus(configured)) ? now.plus(configured) : until;
    }

    private WebhookDelivery draft(Request request) {
        WebhookDelivery d = new WebhookDelivery();
        d.id = Ids.newId();
        d.customerId = request.customerId();
        d.uri = Targets.uri("uri", request.uri());
        d.method = method(request.method());
        d.dataType = request.dataType() == null || request.dataType().isBlank() ? "application/json" : request.dataType().trim();
        if (d.dataType.length() > MAX_DATA_TYPE || d.dataType.contains("\n") || d.dataType.contains("\r")) {
            throw Errors.invalidArgument("data_type", "must be one line of at most " + MAX_DATA_TYPE + " characters");
        }
        d.body = request.data() == null ? new byte[0] : request.data();
        if (d.body.length > config.maxBody()) {
            throw Errors.invalidArgument("data", "must be at most " + config.maxBody() + " bytes");
        }
        if (request.activeflowId() == null) {
            d.referenceType = "none";
            d.referenceKey = "none:" + d.id;
        } else {
            String action = request.actionId() == null ? "" : request.actionId().trim();
            if (action.isEmpty() || action.length() > MAX_REFERENCE_ID) {
                throw Errors.invalidArgument("reference.action_id", "is required (at most " + MAX_REFERENCE_ID + " characters)");
            }
            d.referenceType = "activeflow";
            d.referenceId = request.activeflowId();
            d.referenceKey = "activeflow:" + request.activeflowId() + ":" + action + ":" + request.executeCount();
        }
        return d;
    }

    private static String method(String method) {
        if (method == null || method.isBlank()) {
            return "POST";
        }
        String upper = method.trim().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(upper)) {
            throw Errors.invalidArgument("method", "must be one of " + METHODS);
        }
        return upper;
    }
}
