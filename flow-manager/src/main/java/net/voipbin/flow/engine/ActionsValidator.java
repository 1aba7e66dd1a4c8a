package net.voipbin.flow.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.voipbin.common.egress.PlayMedia;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Validates and normalises a list of actions (flow create/update, temporary flows, PushActions,
 * fetch results, call.actions): known type (aliases normalised), option schema of
 * {@link ActionTable}, ids (generated when absent, duplicates rejected), and every jump target
 * (goto/branch/condition/next_id) must be an action id of the same list. An id that is not a UUID is
 * a label: it is replaced by a generated UUID and every reference to it rewritten. Errors are
 * INVALID_ARGUMENT naming the action ({@code actions[2].option.target_id: ...}).
 */
public final class ActionsValidator {

    public static final String FIELD = "actions";
    public static final int MAX_CHARS = 1_000_000;
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern DIGITS = Pattern.compile("[0-9A-D#*]{1,100}");
    private static final Pattern DTMF_KEY = Pattern.compile("[0-9A-D#*]");
    private static final Set<String> CONDITIONS = Set.of("==", "!=", ">", ">=", "<", "<=");
    private static final Set<String> VALUE_TYPES = Set.of("string", "number", "length");
    private static final Set<String> ANONYMOUS = Set.of("", "yes", "no", "auto");

    private ActionsValidator() {
    }

    /** Parses {@code actionsJson} (blank = no actions) and validates it. */
    public static ArrayNode parse(String actionsJson, String prefix) {
        return validate(parseArray(FIELD, actionsJson), prefix);
    }

    public static JsonNode parseArray(String field, String actionsJson) {
        if (actionsJson == null || actionsJson.isBlank()) {
            return JSON.createArrayNode();
        }
        if (actionsJson.length() > MAX_CHARS) {
            throw Errors.invalidArgument(field, "must be at most " + MAX_CHARS + " characters");
        }
        JsonNode actions;
        try {
            actions = JSON.readTree(actionsJson);
        } catch (JsonProcessingException e) {
            throw Errors.invalidArgument(field, "is not valid JSON: " + e.getOriginalMessage());
        }
        if (actions == null || !actions.isArray()) {
            throw Errors.invalidArgument(field, "must be a JSON array of actions");
        }
        return actions;
    }

    public static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The validated, normalised copy of {@code actions} (every action {id, [next_id], type, option}). */
    public static ArrayNode validate(JsonNode actions, String prefix) {
        if (actions == null || !actions.isArray()) {
            throw Errors.invalidArgument(prefix, "must be a JSON array of actions");
        }
        // Pass 1: ids (labels -> generated UUIDs), types.
        Map<String, String> ids = new HashMap<>();   // as written -> final id
        Set<String> finalIds = new HashSet<>();
        List<String> idOf = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            JsonNode action = actions.get(i);
            String at = prefix + "[" + i + "]";
            if (!action.isObject()) {
                throw Errors.invalidArgument(at, "is not a JSON object");
            }
            JsonNode idNode = action.get("id");
            String id;
            if (idNode == null || idNode.isNull() || (idNode.isTextual() && idNode.asText().isBlank())) {
                id = Ids.newId().toString();
            } else if (!idNode.isTextual()) {
                throw Errors.invalidArgument(at + ".id", "must be a string");
            } else {
                String written = idNode.asText().trim();
                if (ids.containsKey(written)) {
                    throw Errors.invalidArgument(at + ".id", "duplicate action id \"" + written + "\"");
                }
                UUID uuid = asUuid(written);
                if (uuid != null) {
                    if (uuid.getMostSignificantBits() == 0 && (uuid.getLeastSignificantBits() >>> 8) == 0) {
                        throw Errors.invalidArgument(at + ".id", "is a reserved action id");
                    }
                    id = uuid.toString();
                } else {
                    if (written.length() > 255) {
                        throw Errors.invalidArgument(at + ".id", "must be a UUID or a label of at most 255 characters");
                    }
                    id = Ids.newId().toString();
                }
                if (!finalIds.add(id)) {
                    throw Errors.invalidArgument(at + ".id", "duplicate action id \"" + written + "\"");
                }
                ids.put(written, id);
            }
            finalIds.add(id);
            idOf.add(id);
        }
        // Pass 2: types and options.
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < actions.size(); i++) {
            JsonNode action = actions.get(i);
            String at = prefix + "[" + i + "]";
            JsonNode typeNode = action.get("type");
            if (typeNode == null || !typeNode.isTextual() || typeNode.asText().isBlank()) {
                throw Errors.invalidArgument(at + ".type", "needs a non-empty string \"type\"");
            }
            String type = typeNode.asText().trim();
            type = ActionTable.ALIASES.getOrDefault(type, type);
            if (ActionTable.UNSUPPORTED.contains(type)) {
                throw Errors.invalidArgument(at + ".type", "unsupported action \"" + type + "\"");
            }
            ActionTable.Def def = ActionTable.get(type);
            if (def == null) {
                throw Errors.invalidArgument(at + ".type", "unknown action type \"" + type + "\"");
            }
            JsonNode optionNode = action.get("option");
            ObjectNode option;
            if (optionNode == null || optionNode.isNull()) {
                option = JSON.createObjectNode();
            } else if (!optionNode.isObject()) {
                throw Errors.invalidArgument(at + ".option", "must be a JSON object");
            } else {
                option = ((ObjectNode) optionNode).deepCopy();
            }
            normaliseOption(type, option);
            checkOption(def, option, at + ".option", ids, finalIds);

            ObjectNode normalised = JSON.createObjectNode();
            normalised.put("id", idOf.get(i));
            JsonNode next = action.get("next_id");
            if (next != null && !next.isNull() && !(next.isTextual() && next.asText().isBlank())) {
                normalised.put("next_id", target(next, at + ".next_id", ids, finalIds));
            }
            normalised.put("type", type);
            normalised.set("option", option);
            out.add(normalised);
        }
        return out;
    }

    private static void normaliseOption(String type, ObjectNode option) {
        if (type.equals("digits_send") && !option.has("digits") && option.has("dtmfs")) {
            option.set("digits", option.remove("dtmfs"));
        }
        if (type.equals("record_voice") && !option.has("variable_name") && option.has("variable")) {
            option.set("variable_name", option.remove("variable"));
        }
    }

    private static void checkOption(ActionTable.Def def, ObjectNode option, String at,
                                    Map<String, String> ids, Set<String> finalIds) {
        for (ActionTable.Field field : def.fields()) {
            JsonNode value = option.get(field.name());
            String name = at + "." + field.name();
            if (value == null || value.isNull()) {
                if (field.required()) {
                    throw Errors.invalidArgument(name, "is required");
                }
                continue;
            }
            switch (field.kind()) {
                case STRING -> requireText(value, name);
                case INT -> requireInt(value, name);
                case BOOL -> {
                    if (!value.isBoolean()) {
                        throw Errors.invalidArgument(name, "must be a boolean");
                    }
                }
                case NUMBER -> {
                    if (!value.isNumber()) {
                        throw Errors.invalidArgument(name, "must be a number");
                    }
                }
                case UUID -> {
                    requireText(value, name);
                    String text = value.asText();
                    if (!Substitution.hasTemplate(text) && !text.isEmpty() && asUuid(text) == null) {
                        throw Errors.invalidArgument(name, "is not a UUID: " + text);
                    }
                    if (field.required() && text.isBlank()) {
                        throw Errors.invalidArgument(name, "is required");
                    }
                }
                case TARGET -> option.put(field.name(), target(value, name, ids, finalIds));
                case TARGET_MAP -> {
                    if (!value.isObject()) {
                        throw Errors.invalidArgument(name, "must be an object of key -> action id");
                    }
                    ObjectNode map = (ObjectNode) value;
                    for (Iterator<String> it = map.fieldNames(); it.hasNext(); ) {
                        String key = it.next();
                        map.put(key, target(map.get(key), name + "." + key, ids, finalIds));
                    }
                }
                case ADDRESS -> requireAddress(value, name);
                case ADDRESS_LIST -> {
                    if (!value.isArray() || (field.required() && value.isEmpty())) {
                        throw Errors.invalidArgument(name, "must be a non-empty array of addresses");
                    }
                    for (int i = 0; i < value.size(); i++) {
                        requireAddress(value.get(i), name + "[" + i + "]");
                    }
                }
                case STRING_LIST -> {
                    if (!value.isArray()) {
                        throw Errors.invalidArgument(name, "must be an array of strings");
                    }
                    for (int i = 0; i < value.size(); i++) {
                        requireText(value.get(i), name + "[" + i + "]");
                    }
                }
                case INT_LIST -> {
                    if (!value.isArray()) {
                        throw Errors.invalidArgument(name, "must be an array of integers");
                    }
                    for (int i = 0; i < value.size(); i++) {
                        requireInt(value.get(i), name + "[" + i + "]");
                    }
                }
                case ACTIONS -> option.set(field.name(), validate(value, name));
                case WHISPER -> checkWhisper(value, name);
                case ANY -> {
                }
            }
        }
        // Value checks beyond the type.
        switch (def.type()) {
            case "digits_send" -> {
                String digits = option.path("digits").asText("");
                if (!Substitution.hasTemplate(digits) && !DIGITS.matcher(digits).matches()) {
                    throw Errors.invalidArgument(at + ".digits", "must be 1 to 100 of 0-9, A-D, #, *");
                }
            }
            case "condition_variable", "condition_datetime" -> {
                String condition = option.path("condition").asText("==");
                if (!CONDITIONS.contains(condition)) {
                    throw Errors.invalidArgument(at + ".condition", "must be one of ==, !=, >, >=, <, <=");
                }
                if (def.type().equals("condition_variable")
                        && !VALUE_TYPES.contains(option.path("value_type").asText("string"))) {
                    throw Errors.invalidArgument(at + ".value_type", "must be string, number or length");
                }
            }
            case "connect", "call" -> {
                if (!ANONYMOUS.contains(option.path("anonymous").asText(""))) {
                    throw Errors.invalidArgument(at + ".anonymous", "must be yes, no or auto");
                }
            }
            case "play" -> {
                // Literal media is judged now; templated media after substitution, by call-manager as it plays.
                JsonNode urls = option.path("stream_urls");
                for (int i = 0; i < urls.size(); i++) {
                    String url = urls.get(i).asText();
                    if (!Substitution.hasTemplate(url)) {
                        int index = i;
                        PlayMedia.refusal(url).ifPresent(reason -> {
                            throw Errors.invalidArgument(at + ".stream_urls[" + index + "]", "play: " + reason);
                        });
                    }
                }
            }
            case "fetch" -> {
                String method = option.path("event_method").asText("POST").toUpperCase();
                if (!Set.of("", "GET", "POST", "PUT").contains(method)) {
                    throw Errors.invalidArgument(at + ".event_method", "must be GET, POST or PUT");
                }
            }
            default -> {
            }
        }
    }

    private static void checkWhisper(JsonNode value, String name) {
        if (!value.isObject()) {
            throw Errors.invalidArgument(name, "must be an object");
        }
        for (String text : List.of("message", "play_recording")) {
            if (value.hasNonNull(text)) {
                requireText(value.get(text), name + "." + text);
            }
        }
        String recording = value.path("play_recording").asText("");
        if (!recording.isEmpty() && !Substitution.hasTemplate(recording)) {
            PlayMedia.refusal(recording).ifPresent(reason -> {
                throw Errors.invalidArgument(name + ".play_recording", "play: " + reason);
            });
        }
        if (value.hasNonNull("enabled") && !value.get("enabled").isBoolean()) {
            throw Errors.invalidArgument(name + ".enabled", "must be a boolean");
        }
        for (String key : List.of("accept_key", "reject_key")) {
            if (value.hasNonNull(key)) {
                requireText(value.get(key), name + "." + key);
                if (!DTMF_KEY.matcher(value.get(key).asText()).matches()) {
                    throw Errors.invalidArgument(name + "." + key, "must be one DTMF key (0-9, A-D, #, *)");
                }
            }
        }
    }

    private static String target(JsonNode value, String name, Map<String, String> ids, Set<String> finalIds) {
        if (!value.isTextual()) {
            throw Errors.invalidArgument(name, "must be an action id");
        }
        String written = value.asText().trim();
        String mapped = ids.get(written);
        if (mapped != null) {
            return mapped;
        }
        UUID uuid = asUuid(written);
        if (uuid != null && finalIds.contains(uuid.toString())) {
            return uuid.toString();
        }
        throw Errors.invalidArgument(name, "\"" + written + "\" is not an action id of the flow");
    }

    private static void requireText(JsonNode value, String name) {
        if (!value.isTextual()) {
            throw Errors.invalidArgument(name, "must be a string");
        }
    }

    private static void requireInt(JsonNode value, String name) {
        if (!value.isIntegralNumber() && !(value.isNumber() && value.asDouble() == Math.rint(value.asDouble()))) {
            throw Errors.invalidArgument(name, "must be an integer");
        }
    }

    private static void requireAddress(JsonNode value, String name) {
        if (!value.isObject()) {
            throw Errors.invalidArgument(name, "must be an address object");
        }
        for (String key : List.of("type", "target", "target_name", "name", "detail")) {
            if (value.hasNonNull(key) && !value.get(key).isTextual()) {
                throw Errors.invalidArgument(name + "." + key, "must be a string");
            }
        }
        if (!value.path("target").isTextual() || value.path("target").asText().isBlank()) {
            throw Errors.invalidArgument(name + ".target", "is required");
        }
    }

    static UUID asUuid(String text) {
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? uuid : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
