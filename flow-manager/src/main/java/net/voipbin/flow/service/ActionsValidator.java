package net.voipbin.flow.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import net.voipbin.common.error.Errors;

/**
 * Checks a flow's actions as the public API sends them: a JSON array of objects, each with a
 * non-empty string {@code type}. Which types exist and what options they take is the action
 * engine's business (a later issue); here only the shape is enforced.
 */
public final class ActionsValidator {

    public static final String FIELD = "actions_json";
    /** Upper bound of the stored text (the column is MEDIUMTEXT; an RPC message is far smaller anyway). */
    public static final int MAX_CHARS = 1_000_000;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ActionsValidator() {
    }

    /** The validated actions as compact JSON text; empty or blank input means no actions ({@code []}). */
    public static String normalize(String actionsJson) {
        if (actionsJson == null || actionsJson.isBlank()) {
            return "[]";
        }
        if (actionsJson.length() > MAX_CHARS) {
            throw Errors.invalidArgument(FIELD, "must be at most " + MAX_CHARS + " characters");
        }
        JsonNode actions;
        try {
            actions = JSON.readTree(actionsJson);
        } catch (JsonProcessingException e) {
            throw Errors.invalidArgument(FIELD, "is not valid JSON: " + e.getOriginalMessage());
        }
        if (actions == null || !actions.isArray()) {
            throw Errors.invalidArgument(FIELD, "must be a JSON array of actions");
        }
        for (int i = 0; i < actions.size(); i++) {
            JsonNode action = actions.get(i);
            if (!action.isObject()) {
                throw Errors.invalidArgument(FIELD, "action " + i + " is not a JSON object");
            }
            JsonNode type = action.get("type");
            if (type == null || !type.isTextual() || type.asText().isBlank()) {
                throw Errors.invalidArgument(FIELD, "action " + i + " needs a non-empty string \"type\"");
            }
        }
        try {
            return JSON.writeValueAsString(actions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
