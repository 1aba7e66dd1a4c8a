package net.voipbin.webhook.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.webhook.mapping.WebhookMapper;
import net.voipbin.webhook.model.Webhook;
import net.voipbin.webhook.repository.WebhookRepository;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class WebhookService {

    public static final List<String> METHODS = List.of("POST", "PUT", "GET");
    public static final int MAX_URI = Targets.MAX_URI;
    public static final int MAX_SECRET = 255;
    public static final int MAX_EVENT_TYPES = 100;
    public static final int MAX_EVENT_TYPE = 64;

    private final WebhookRepository webhooks;

    public WebhookService(WebhookRepository webhooks) {
        this.webhooks = webhooks;
    }

    /**
     * Sets the customer's webhook, replacing the whole of an existing one (a request without a
     * secret leaves deliveries unsigned).
     */
    @WithTransaction
    public Uni<Webhook> set(UUID customerId, String method, String uri, List<String> eventTypes, String secret) {
        Webhook webhook = new Webhook();
        webhook.id = Ids.newId();
        webhook.customerId = customerId;
        webhook.method = method(method);
        webhook.uri = Targets.uri("uri", uri);
        webhook.eventTypesJson = WebhookMapper.eventTypesToJson(eventTypes(eventTypes));
        if (secret != null && secret.length() > MAX_SECRET) {
            throw Errors.invalidArgument("secret", "must be at most " + MAX_SECRET + " characters");
        }
        if (secret != null && secret.startsWith(WebhookSigner.SECRET_PREFIX)) {
            // The Standard Webhooks form: the key is base64 after the prefix, so it must decode (signing would fail later).
            try {
                java.util.Base64.getDecoder().decode(secret.substring(WebhookSigner.SECRET_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw Errors.invalidArgument("secret", "after " + WebhookSigner.SECRET_PREFIX + " must be base64");
            }
        }
        webhook.secret = secret == null || secret.isEmpty() ? null : secret;
        webhook.tmUpdate = TimeFormat.now();
        webhook.tmCreate = webhook.tmUpdate;
        return webhooks.upsert(webhook)
                .chain(() -> webhooks.findForCustomer(customerId))
                .onItem().ifNull().failWith(() -> new IllegalStateException("webhook of customer " + customerId + " vanished"));
    }

    @WithSession
    public Uni<Webhook> get(UUID customerId) {
        return webhooks.findForCustomer(customerId)
                .onItem().ifNull().failWith(() -> Errors.notFound("webhook of customer", customerId));
    }

    private static String method(String method) {
        if (method == null || method.isBlank()) {
            return Webhook.METHOD_POST;
        }
        String upper = method.trim().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(upper)) {
            throw Errors.invalidArgument("method", "must be one of " + METHODS);
        }
        return upper;
    }

    private static List<String> eventTypes(List<String> eventTypes) {
        Set<String> types = new LinkedHashSet<>();
        for (String type : eventTypes) {
            if (type == null || type.isBlank()) {
                throw Errors.invalidArgument("event_types", "must not contain empty values");
            }
            if (type.length() > MAX_EVENT_TYPE) {
                throw Errors.invalidArgument("event_types", "values must be at most " + MAX_EVENT_TYPE + " characters");
            }
            types.add(type);
        }
        if (types.size() > MAX_EVENT_TYPES) {
            throw Errors.invalidArgument("event_types", "must hold at most " + MAX_EVENT_TYPES + " values");
        }
        return List.copyOf(types);
    }
}
