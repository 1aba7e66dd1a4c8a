package net.voipbin.common.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MapEntry;
import com.google.protobuf.Message;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The one rendering of a resource as customers see it, used alike by the REST API and by event
 * {@code data} (so an event's data equals the REST resource by construction).
 * Proto message to the public JSON: field names as in the proto (snake_case, as the contract);
 * {@code x_json} strings become real JSON under {@code x} ({@code actions_json} -> {@code actions},
 * {@code action_json} -> {@code action}, {@code metadata_json} -> {@code metadata});
 * empty {@code tm_*} strings become null; fields the contract does not have are left out.
 */
public final class PublicJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Proto fields that are internal (not in the contract), by message name. */
    private static final Map<String, Set<String>> INTERNAL = Map.of(
            "Flow", Set.of("persist"),
            "Activeflow", Set.of("execute_count"),
            "Recording", Set.of("duration_ms", "filenames", "storage_file_id"));

    private PublicJson() {
    }

    public static ObjectNode toJson(Message message) {
        ObjectNode out = F.objectNode();
        Set<String> internal = INTERNAL.getOrDefault(message.getDescriptorForType().getName(), Set.of());
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
                    array.add(item instanceof Message m ? toJson(m) : scalar(item));
                }
            } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                out.set(name, message.hasField(field) ? toJson((Message) message.getField(field)) : F.nullNode());
            } else if (field.getJavaType() == FieldDescriptor.JavaType.STRING && name.endsWith("_json")) {
                out.set(name.substring(0, name.length() - 5), parse((String) message.getField(field)));
            } else if (field.getJavaType() == FieldDescriptor.JavaType.STRING && name.startsWith("tm_")) {
                String value = (String) message.getField(field);
                out.set(name, value.isEmpty() ? F.nullNode() : F.textNode(value));
            } else {
                out.set(name, scalar(message.getField(field)));
            }
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
