package net.voipbin.call.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.voipbin.proto.common.v1.Address;

/** An address as the public API spells it: {@code {"type","target","target_name","name","detail"}}. */
public final class AddressJson {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private AddressJson() {
    }

    public static String toJson(Address address) {
        ObjectNode node = JSON.createObjectNode()
                .put("type", address.getType())
                .put("target", address.getTarget())
                .put("target_name", address.getTargetName())
                .put("name", address.getName())
                .put("detail", address.getDetail());
        return node.toString();
    }

    public static Address fromJson(String json) {
        if (json == null || json.isBlank()) {
            return Address.getDefaultInstance();
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored address is not JSON: " + json, e);
        }
        return Address.newBuilder()
                .setType(node.path("type").asText(""))
                .setTarget(node.path("target").asText(""))
                .setTargetName(node.path("target_name").asText(""))
                .setName(node.path("name").asText(""))
                .setDetail(node.path("detail").asText(""))
                .build();
    }
}
