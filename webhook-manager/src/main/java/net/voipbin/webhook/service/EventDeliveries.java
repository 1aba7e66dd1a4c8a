package net.voipbin.webhook.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.event.Event;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.webhook.mapping.WebhookMapper;
import net.voipbin.webhook.model.Webhook;
import net.voipbin.webhook.model.WebhookDelivery;
import net.voipbin.webhook.repository.WebhookRepository;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The platform's events, delivered to the customer they belong to: every event of the managers this one listens to
 * (call, flow, billing, storage) whose {@code customer_id} has a webhook target and whose type the target's filter
 * admits (an empty filter admits all) becomes one delivery with body {@code {"type": ..., "data": ...}}, the event as
 * published. The delivery is keyed by the event's message id, so a redelivered event is the same delivery, and it
 * goes the way every delivery goes (signed, retried by durable timers, each attempt kept): the event consumer only
 * stores it, it never waits on a customer's receiver.
 *
 * <p>The target itself follows the customer: api-manager owns {@code webhook_method}/{@code webhook_uri} and
 * announces them in {@code customer_*} events; SetWebhook sets the filter and the signing secret.
 */
@ApplicationScoped
public class EventDeliveries {

    private static final Logger LOG = Logger.getLogger(EventDeliveries.class);

    private final WebhookRepository webhooks;
    private final DeliveryLedger ledger;
    private final ObjectMapper mapper;

    public EventDeliveries(WebhookRepository webhooks, DeliveryLedger ledger, ObjectMapper mapper) {
        this.webhooks = webhooks;
        this.ledger = ledger;
        this.mapper = mapper;
    }

    /** customer_created / customer_updated / customer_deleted: the customer's target as the customer now has it. */
    @WithTransaction
    public Uni<Void> followCustomer(Event event) {
        JsonNode c = event.data();
        UUID customerId = Ids.parse("id", c.path("id").asText());
        boolean deleted = "customer_deleted".equals(event.type()) || !c.path("tm_delete").asText("").isEmpty();
        String uri = deleted ? "" : c.path("webhook_uri").asText("");
        String method = c.path("webhook_method").asText("").toUpperCase(Locale.ROOT);
        if (!DeliveryService.METHODS.contains(method)) {
            method = Webhook.METHOD_POST;
        }
        if (!uri.isEmpty()) {
            try {
                Targets.uri("webhook_uri", uri);
            } catch (RuntimeException e) {
                // api-manager validates it too; a target we could never send to is no target.
                LOG.warnf("customer %s: webhook_uri %s is not deliverable (%s); no webhook target", customerId, uri, e.getMessage());
                uri = "";
            }
        }
        return webhooks.followCustomer(customerId, method, uri, version(c, event)).replaceWithVoid();
    }

    /** Any other manager's event: stored as a delivery when the customer has a target that wants it. */
    @WithTransaction
    public Uni<Void> deliver(Event event) {
        if (event.customerId() == null || event.messageId() == null) {
            return Uni.createFrom().voidItem();
        }
        return webhooks.findForCustomer(event.customerId()).chain(target -> {
            if (target == null || target.uri == null || target.uri.isEmpty() || !wants(target, event.type())) {
                return Uni.createFrom().voidItem();
            }
            return ledger.accept(draft(target, event), null).replaceWithVoid();
        });
    }

    static boolean wants(Webhook target, String type) {
        List<String> types = WebhookMapper.eventTypesFromJson(target.eventTypesJson);
        return types.isEmpty() || types.contains(type);
    }

    private WebhookDelivery draft(Webhook target, Event event) {
        ObjectNode body = mapper.createObjectNode();
        body.put("type", event.type());
        body.set("data", event.data());
        WebhookDelivery d = new WebhookDelivery();
        d.id = Ids.newId();
        d.customerId = event.customerId();
        d.uri = target.uri;
        d.method = target.method;
        d.dataType = "application/json";
        try {
            d.body = mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        d.referenceType = "event";
        d.referenceId = event.messageId();
        d.referenceKey = "event:" + event.messageId();
        return d;
    }

    private static Instant version(JsonNode customer, Event event) {
        for (String field : List.of("tm_update", "tm_create")) {
            String tm = customer.path(field).asText("");
            if (!tm.isEmpty()) {
                try {
                    return TimeFormat.parse(tm);
                } catch (RuntimeException ignored) {
                    // fall through to the next field
                }
            }
        }
        return event.timestamp() != null ? event.timestamp() : TimeFormat.now();
    }
}
