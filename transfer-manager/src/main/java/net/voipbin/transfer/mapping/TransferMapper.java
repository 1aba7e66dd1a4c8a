package net.voipbin.transfer.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.transfer.model.Transfer;

import java.util.ArrayList;
import java.util.List;

public final class TransferMapper {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private TransferMapper() {
    }

    public static net.voipbin.proto.transfer.v1.Transfer toProto(Transfer transfer) {
        return net.voipbin.proto.transfer.v1.Transfer.newBuilder()
                .setId(Ids.format(transfer.id))
                .setCustomerId(Ids.format(transfer.customerId))
                .setType(transfer.type)
                .setTransfererCallId(Ids.format(transfer.transfererCallId))
                .addAllTransfereeAddressesJson(addressesFromJson(transfer.transfereeAddressesJson))
                .setStatus(transfer.status)
                .setTmCreate(TimeFormat.format(transfer.tmCreate))
                .setTmUpdate(TimeFormat.format(transfer.tmUpdate))
                .build();
    }

    /**
     * The stored form of {@code transferee_addresses_json}: one JSON array of the address objects.
     * Each element must be a JSON object (INVALID_ARGUMENT naming the field otherwise).
     */
    public static String addressesToJson(List<String> addresses) {
        ArrayNode array = JSON.createArrayNode();
        for (String address : addresses) {
            JsonNode node;
            try {
                node = JSON.readTree(address);
            } catch (JsonProcessingException e) {
                throw Errors.invalidArgument("transferee_addresses_json", "is not valid JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw Errors.invalidArgument("transferee_addresses_json", "each address must be a JSON object");
            }
            array.add(node);
        }
        return array.toString();
    }

    public static List<String> addressesFromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<String> addresses = new ArrayList<>();
            for (JsonNode address : JSON.readTree(json)) {
                addresses.add(JSON.writeValueAsString(address));
            }
            return addresses;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored transferee addresses are not a JSON array: " + json, e);
        }
    }
}
