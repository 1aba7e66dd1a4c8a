package net.voipbin.call.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.voipbin.call.model.OutboundConfig;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;

import java.util.List;

/** OutboundConfig entity to the RPC message and to the public JSON (openapi CallManagerOutboundConfig). */
public final class OutboundConfigMapper {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private OutboundConfigMapper() {
    }

    public static net.voipbin.proto.call.v1.OutboundConfig toProto(OutboundConfig config) {
        return net.voipbin.proto.call.v1.OutboundConfig.newBuilder()
                .setId(Ids.format(config.id))
                .setCustomerId(Ids.format(config.customerId))
                .setName(NumberMapper.nz(config.name))
                .setDetail(NumberMapper.nz(config.detail))
                .addAllDestinationWhitelist(whitelist(config))
                .setCodecs(NumberMapper.nz(config.codecs))
                .setDefaultOutgoingSourceNumberId(Ids.format(config.defaultOutgoingSourceNumberId))
                .setTmCreate(TimeFormat.format(config.tmCreate))
                .setTmUpdate(TimeFormat.format(config.tmUpdate))
                .setTmDelete(TimeFormat.format(config.tmDelete))
                .build();
    }

    /** The public JSON: no default number = null (the schema marks it nullable), unset times null. */
    public static ObjectNode toJson(OutboundConfig config) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", config.id.toString());
        n.put("customer_id", config.customerId.toString());
        n.put("name", NumberMapper.nz(config.name));
        n.put("detail", NumberMapper.nz(config.detail));
        ArrayNode list = n.putArray("destination_whitelist");
        whitelist(config).forEach(list::add);
        n.put("codecs", NumberMapper.nz(config.codecs));
        if (config.defaultOutgoingSourceNumberId == null) {
            n.putNull("default_outgoing_source_number_id");
        } else {
            n.put("default_outgoing_source_number_id", config.defaultOutgoingSourceNumberId.toString());
        }
        NumberMapper.time(n, "tm_create", config.tmCreate);
        NumberMapper.time(n, "tm_update", config.tmUpdate);
        NumberMapper.time(n, "tm_delete", config.tmDelete);
        return n;
    }

    /** The stored whitelist (lower-case ISO 3166 alpha-2 codes); empty = every country. */
    public static List<String> whitelist(OutboundConfig config) {
        String json = config.destinationWhitelistJson;
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored destination_whitelist is not a JSON array: " + json, e);
        }
    }

    public static String whitelistJson(List<String> countries) {
        try {
            return JSON.writeValueAsString(countries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
