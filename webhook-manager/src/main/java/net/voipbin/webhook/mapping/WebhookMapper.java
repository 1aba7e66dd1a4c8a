package net.voipbin.webhook.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.webhook.model.Webhook;

import java.util.List;

public final class WebhookMapper {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private WebhookMapper() {
    }

    /** The secret never leaves the service: callers only learn whether one is set. */
    public static net.voipbin.proto.webhook.v1.Webhook toProto(Webhook webhook) {
        return net.voipbin.proto.webhook.v1.Webhook.newBuilder()
                .setCustomerId(Ids.format(webhook.customerId))
                .setMethod(webhook.method)
                .setUri(webhook.uri)
                .addAllEventTypes(eventTypesFromJson(webhook.eventTypesJson))
                .setHasSecret(webhook.secret != null && !webhook.secret.isEmpty())
                .setTmUpdate(TimeFormat.format(webhook.tmUpdate))
                .build();
    }

    public static String eventTypesToJson(List<String> eventTypes) {
        try {
            return JSON.writeValueAsString(eventTypes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> eventTypesFromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event_types are not a JSON array of strings: " + json, e);
        }
    }
}
