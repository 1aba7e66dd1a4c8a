package net.voipbin.proto.flow.v1;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one mapping between flow actions' public JSON ({@code {"id","next_id","type","option":{...},
 * "tm_execute"}}) and {@link FlowAction}, used by every module that carries actions. The option is
 * whatever object the customer wrote, kept as a {@code Struct} through protobuf's {@link JsonFormat},
 * so unknown keys survive and nothing here knows a single action type (flow-manager validates
 * options). Unset optional fields are left out of the JSON, so a flow reads back as it was stored.
 */
public final class FlowActionJson {

    private static final String ACTIONS = "actions";
    private static final JsonFormat.Parser PARSER = JsonFormat.parser();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    /** Struct numbers are doubles: every integer up to 2^53 survives exactly, beyond that none is promised. */
    private static final double EXACT_INTEGERS = 0x1p53;

    private FlowActionJson() {
    }

    /** The actions of a JSON array; a failure names the contract's field ({@code actions[1].option}). */
    public static List<FlowAction> actionsFromJson(String actionsJson) {
        JsonElement parsed = parse(actionsJson, ACTIONS);
        if (!parsed.isJsonArray()) {
            throw new InvalidActionException(ACTIONS, "must be a JSON array of actions");
        }
        JsonArray array = parsed.getAsJsonArray();
        List<FlowAction> actions = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            actions.add(action(array.get(i), ACTIONS + "[" + i + "]"));
        }
        return actions;
    }

    /** One action of a JSON object; {@code field} is what a failure names. */
    public static FlowAction actionFromJson(String actionJson, String field) {
        return action(parse(actionJson, field), field);
    }

    public static String toJson(List<FlowAction> actions) {
        JsonArray array = new JsonArray(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            array.add(tree(actions.get(i), ACTIONS + "[" + i + "]"));
        }
        return array.toString();
    }

    public static String toJson(FlowAction action) {
        return tree(action, "action").toString();
    }

    private static JsonElement parse(String json, String field) {
        if (json == null) {
            throw new InvalidActionException(field, "is required");
        }
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        try {
            JsonElement parsed = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new InvalidActionException(field, "is not valid JSON: text follows the value");
            }
            return parsed;
        } catch (JsonParseException | IOException e) {
            throw new InvalidActionException(field, "is not valid JSON: " + e.getMessage());
        }
    }

    private static FlowAction action(JsonElement element, String field) {
        if (!element.isJsonObject()) {
            throw new InvalidActionException(field, "must be a JSON object");
        }
        JsonObject action = element.getAsJsonObject();
        FlowAction.Builder builder = FlowAction.newBuilder();
        String id = text(action, "id", field);
        if (id != null) {
            builder.setId(id);
        }
        String nextId = text(action, "next_id", field);
        if (nextId != null) {
            builder.setNextId(nextId);
        }
        String type = text(action, "type", field);
        if (type != null) {
            builder.setType(type);
        }
        String tmExecute = text(action, "tm_execute", field);
        if (tmExecute != null) {
            builder.setTmExecute(tmExecute);
        }
        JsonElement option = action.get("option");
        if (option != null && !option.isJsonNull()) {
            if (!option.isJsonObject()) {
                throw new InvalidActionException(field + ".option", "must be a JSON object");
            }
            requireFinite(option, field + ".option");
            try {
                PARSER.merge(option.toString(), builder.getOptionBuilder());
            } catch (InvalidProtocolBufferException e) {
                throw new InvalidActionException(field + ".option", "is not a JSON object: " + e.getMessage());
            }
        }
        return builder.build();
    }

    /** A string member, or null when absent or JSON null. */
    private static String text(JsonObject action, String key, String field) {
        JsonElement value = action.get(key);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new InvalidActionException(field + "." + key, "must be a string");
        }
        return value.getAsString();
    }

    /** A Struct holds doubles, and a number beyond them (1e400) would come back as a string or not at all. */
    private static void requireFinite(JsonElement value, String field) {
        if (value.isJsonObject()) {
            for (Map.Entry<String, JsonElement> member : value.getAsJsonObject().entrySet()) {
                requireFinite(member.getValue(), field + "." + member.getKey());
            }
        } else if (value.isJsonArray()) {
            JsonArray array = value.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                requireFinite(array.get(i), field + "[" + i + "]");
            }
        } else if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()
                && !Double.isFinite(value.getAsDouble())) {
            throw new InvalidActionException(field, "is a number out of range");
        }
    }

    private static JsonObject tree(FlowAction action, String field) {
        JsonObject out = new JsonObject();
        out.addProperty("id", action.getId());
        if (action.hasNextId()) {
            out.addProperty("next_id", action.getNextId());
        }
        out.addProperty("type", action.getType());
        out.add("option", action.hasOption() ? option(action, field + ".option") : new JsonObject());
        if (action.hasTmExecute()) {
            out.addProperty("tm_execute", action.getTmExecute());
        }
        return out;
    }

    private static JsonElement option(FlowAction action, String field) {
        try {
            return integral(JsonParser.parseString(PRINTER.print(action.getOption())));
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            // A Struct sent over RPC may hold NaN or infinity, which JSON cannot carry.
            throw new InvalidActionException(field, "cannot be written as JSON: " + e.getMessage());
        }
    }

    /** JsonFormat prints every Struct number as a double (1 -> 1.0): integral ones read as the integers they were. */
    private static JsonElement integral(JsonElement value) {
        if (value.isJsonObject()) {
            for (Map.Entry<String, JsonElement> member : value.getAsJsonObject().entrySet()) {
                member.setValue(integral(member.getValue()));
            }
        } else if (value.isJsonArray()) {
            JsonArray array = value.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                array.set(i, integral(array.get(i)));
            }
        } else if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            double number = value.getAsDouble();
            if (number == Math.rint(number) && Math.abs(number) <= EXACT_INTEGERS) {
                return new JsonPrimitive((long) number);
            }
        }
        return value;
    }
}
