package net.voipbin.common.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MapEntry;
import com.google.protobuf.Message;
import net.voipbin.proto.flow.v1.FlowAction;
import net.voipbin.proto.flow.v1.FlowActionJson;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The one rendering of a resource as customers see it, used alike by the REST API and by event
 * {@code data} (so an event's data equals the REST resource by construction).
 * Proto message to the public JSON: field names as in the proto (snake_case, as the contract);
 * {@code x_json} strings become real JSON under {@code x} ({@code metadata_json} -> {@code metadata});
 * flow actions are the contract's action objects ({@link FlowActionJson});
 * a time not set ({@code tm_*} empty), a message field not set and an empty {@code email} are left
 * out, as the reference's Go omits them: the contract types them as strings, objects and addresses,
 * not nullable and not required, so absence is the one form every generated client reads as "unset";
 * fields the contract does not have are left out.
 */
public final class PublicJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Proto fields that are internal (not in the contract), by message name. */
    private static final Map<String, Set<String>> INTERNAL = Map.of(
            "Flow", Set.of("persist"),
            "Activeflow", Set.of("execute_count"),
            "Recording", Set.of("duration_ms", "filenames", "storage_file_id"));

    /**
     * Actions an activeflow ran (or is running): the contract shows them with id, next_id ("" when
     * sequential), type, option and tm_execute (left out until executed), where a flow shows its actions
     * as stored.
     */
    private static final Map<String, Set<String>> RUN_ACTIONS = Map.of(
            "Activeflow", Set.of("current_action", "executed_actions"));

    /** The contract's "no id" (Go's uuid.Nil in the original): an unset id field is this, never "". */
    public static final String NIL_ID = "00000000-0000-0000-0000-000000000000";

    /** Fields named like ids that are not UUIDs (a TTS voice, an Asterisk host or bridge): left as they are. */
    private static final Set<String> NOT_UUIDS = Set.of("voice_id", "asterisk_id", "bridge_id");

    private PublicJson() {
    }

    /** An id field of the public JSON: {@code id} or {@code *_id}, a UUID whose "not set" is {@link #NIL_ID}. */
    public static boolean isIdField(String name) {
        return (name.equals("id") || name.endsWith("_id")) && !NOT_UUIDS.contains(name);
    }

    public static ObjectNode toJson(Message message) {
        ObjectNode out = F.objectNode();
        String messageName = message.getDescriptorForType().getName();
        Set<String> internal = INTERNAL.getOrDefault(messageName, Set.of());
        Set<String> runActions = RUN_ACTIONS.getOrDefault(messageName, Set.of());
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            String name = field.getName();
            if (internal.contains(name)) {
                continue;
            }
            if (field.isMapField()) {
                ObjectNode map = out.putObject(name);
                for (Object entry : (List<?>) message.getField(field)) {
                    MapEntry<?, ?> e = (MapEntry<?, ?>) entry;
                    map.set(String.valueOf(e.getKey()), scalar(e.getValue()));
                }
            } else if (field.isRepeated()) {
                ArrayNode array = out.putArray(name);
                for (Object item : (List<?>) message.getField(field)) {
                    array.add(value(item, runActions.contains(name)));
                }
            } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                if (message.hasField(field)) {
                    out.set(name, value(message.getField(field), runActions.contains(name)));
                }
            } else if (field.getJavaType() == FieldDescriptor.JavaType.STRING && name.endsWith("_json")) {
                out.set(name.substring(0, name.length() - 5), parse((String) message.getField(field)));
            } else if (field.getJavaType() == FieldDescriptor.JavaType.STRING && isIdField(name)) {
                String value = (String) message.getField(field);
                out.put(name, value.isEmpty() ? NIL_ID : value);
            } else if (field.getJavaType() == FieldDescriptor.JavaType.STRING && name.startsWith("tm_")) {
                String value = (String) message.getField(field);
                if (!value.isEmpty()) {
                    out.put(name, value);
                }
            } else if (field.getJavaType() == FieldDescriptor.JavaType.STRING && name.equals("email")) {
                String value = (String) message.getField(field);
                if (!value.isEmpty()) {
                    out.put(name, value);
                }
            } else {
                out.set(name, scalar(message.getField(field)));
            }
        }
        return out;
    }

    private static JsonNode value(Object value, boolean runAction) {
        return value instanceof FlowAction action ? action(action, runAction) : scalar(value);
    }

    private static JsonNode action(FlowAction action, boolean run) {
        ObjectNode stored = (ObjectNode) parse(FlowActionJson.toJson(action));
        if (!run) {
            return stored;
        }
        ObjectNode out = F.objectNode();
        out.put("id", action.getId());
        out.put("next_id", action.getNextId());
        out.put("type", action.getType());
        out.set("option", stored.get("option"));
        if (!action.getTmExecute().isEmpty()) {
            out.put("tm_execute", action.getTmExecute());
        }
        return out;
    }

    public static <M extends Message> ObjectNode page(List<M> items, String nextToken) {
        return page(items, nextToken, PublicJson::toJson);
    }

    public static <M extends Message> ObjectNode page(List<M> items, String nextToken, Function<M, ObjectNode> view) {
        ObjectNode out = F.objectNode();
        ArrayNode result = out.putArray("result");
        items.forEach(i -> result.add(view.apply(i)));
        out.put("next_page_token", nextToken);
        return out;
    }

    public static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return F.nullNode();
        }
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            return F.textNode(json);
        }
    }

    public static JsonNode scalar(Object value) {
        if (value instanceof String s) return F.textNode(s);
        if (value instanceof Boolean b) return F.booleanNode(b);
        if (value instanceof Integer i) return F.numberNode(i);
        if (value instanceof Long l) return F.numberNode(l);
        if (value instanceof Double d) return F.numberNode(d);
        if (value instanceof Float f) return F.numberNode(f);
        if (value instanceof Message m) return toJson(m);
        return F.textNode(String.valueOf(value));
    }
}
