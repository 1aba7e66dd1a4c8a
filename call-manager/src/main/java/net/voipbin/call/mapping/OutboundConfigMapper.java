package net.voipbin.call.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import net.voipbin.call.model.OutboundConfig;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;

import java.util.List;

/** OutboundConfig entity to the RPC message; its public JSON (REST and event data) is PublicJson of that message. */
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
