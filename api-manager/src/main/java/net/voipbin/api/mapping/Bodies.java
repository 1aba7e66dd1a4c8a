package net.voipbin.api.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import net.voipbin.common.error.Errors;
import net.voipbin.proto.common.v1.Address;
import net.voipbin.proto.flow.v1.FlowAction;
import net.voipbin.proto.flow.v1.FlowActionJson;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Request body pieces shared by several resources. */
public final class Bodies {

    public static final Set<String> ADDRESS_TYPES = Set.of("", "agent", "conference", "email", "extension", "line",
            "sip", "tel", "web_session");

    private Bodies() {
    }

    public static class AddressBody {
        public String type;
        public String target;
        public String target_name;
        public String name;
        public String detail;
    }

    public static Address address(String field, AddressBody a) {
        if (a == null) {
            throw Errors.invalidArgument(field, "is required");
        }
        String type = a.type == null ? "" : a.type;
        if (!ADDRESS_TYPES.contains(type)) {
            throw Errors.invalidArgument(field + ".type", "is not an address type");
        }
        return Address.newBuilder().setType(type)
                .setTarget(Validate.text(field + ".target", a.target, 255))
                .setTargetName(Validate.text(field + ".target_name", a.target_name, 255))
                .setName(Validate.text(field + ".name", a.name, 255))
                .setDetail(Validate.text(field + ".detail", a.detail, 1024)).build();
    }

    /**
     * The body's actions as the managers take them; null when absent. Their options are the
     * managers' to validate, their shape ({@code actions[1].type} not a string) is checked here.
     */
    public static List<FlowAction> actions(List<JsonNode> actions) {
        if (actions == null) {
            return null;
        }
        String json = Views.MAPPER.valueToTree(actions).toString();
        if (json.length() > 256 * 1024) {
            throw Errors.invalidArgument("actions", "must be at most 256 KB");
        }
        return FlowActionJson.actionsFromJson(json);
    }

    /** Flow variables: at most 100 keys, 32 KB per value, 64 KB in all. */
    public static Map<String, String> variables(Map<String, String> variables) {
        if (variables == null) {
            return Map.of();
        }
        if (variables.size() > 100) {
            throw Errors.invalidArgument("variables", "at most 100 keys");
        }
        long total = 0;
        for (Map.Entry<String, String> e : variables.entrySet()) {
            if (e.getValue() == null) {
                throw Errors.invalidArgument("variables." + e.getKey(), "must be a string");
            }
            if (e.getValue().length() > 32 * 1024) {
                throw Errors.invalidArgument("variables." + e.getKey(), "must be at most 32 KB");
            }
            total += e.getKey().length() + e.getValue().length();
        }
        if (total > 64 * 1024) {
            throw Errors.invalidArgument("variables", "must be at most 64 KB in all");
        }
        return variables;
    }
}
