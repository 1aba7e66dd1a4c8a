package net.voipbin.proto.flow.v1;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The one mapping between a call-executed action's public JSON ({@code {"id","next_id","type","option":{...},
 * "tm_execute"}}, the contract's field names) and the typed {@link Action}. It is generic: the option
 * object is the JSON of the oneof member named like the type, read and written by protobuf's
 * {@link JsonFormat} with the proto field names. Nothing here knows a single action.
 */
public final class ActionJson {

    private static final OneofDescriptor OPTION = Action.getDescriptor().getOneofs().stream()
            .filter(o -> o.getName().equals("option")).findFirst().orElseThrow();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().preservingProtoFieldNames()
            .omittingInsignificantWhitespace();

    private ActionJson() {
    }

    /** Every action type call-manager executes: the names of the members of {@code Action.option}. */
    public static Set<String> callExecutedTypes() {
        Set<String> types = new LinkedHashSet<>();
        for (FieldDescriptor field : OPTION.getFields()) {
            types.add(field.getName());
        }
        return types;
    }

    public static boolean isCallExecuted(String type) {
        return OPTION.getFields().stream().anyMatch(f -> f.getName().equals(type));
    }

    /**
     * The typed action of a public action JSON object. Option keys the contract's message does not
     * have are ignored (as the flow JSON always allowed); a type with no member, or an option whose
     * values do not fit the member's types, is an {@link IllegalArgumentException} naming the action.
     */
    public static Action fromJson(String actionJson) {
        JsonObject action = JsonParser.parseString(actionJson).getAsJsonObject();
        String type = action.has("type") && action.get("type").isJsonPrimitive() ? action.get("type").getAsString() : "";
        if (!isCallExecuted(type)) {
            throw new IllegalArgumentException("action type \"" + type + "\" is not executed by call-manager");
        }
        JsonObject typed = new JsonObject();
        for (String key : new String[]{"id", "next_id", "type", "tm_execute"}) {
            JsonElement value = action.get(key);
            if (value != null && !value.isJsonNull()) {
                typed.add(key, value);
            }
        }
        JsonElement option = action.get("option");
        typed.add(type, option == null || option.isJsonNull() ? new JsonObject() : option);
        Action.Builder builder = Action.newBuilder();
        try {
            PARSER.merge(typed.toString(), builder);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("option of action \"" + type + "\" does not fit its contract: " + e.getMessage(), e);
        }
        return builder.build();
    }

    /** The public JSON of a typed action; the option of an unset oneof is {@code {}}. */
    public static String toJson(Action action) {
        try {
            JsonObject printed = JsonParser.parseString(PRINTER.print(action)).getAsJsonObject();
            JsonObject out = new JsonObject();
            out.addProperty("id", action.getId());
            out.addProperty("next_id", action.getNextId());
            out.addProperty("type", action.getType());
            FieldDescriptor member = action.getOneofFieldDescriptor(OPTION);
            JsonElement option = member == null ? null : printed.get(member.getName());
            out.add("option", option == null ? new JsonObject() : option);
            out.addProperty("tm_execute", action.getTmExecute());
            return out.toString();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
