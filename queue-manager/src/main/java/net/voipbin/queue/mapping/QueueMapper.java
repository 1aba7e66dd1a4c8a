package net.voipbin.queue.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.queue.model.Queue;

import java.util.List;
import java.util.UUID;

public final class QueueMapper {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private QueueMapper() {
    }

    public static net.voipbin.proto.queue.v1.Queue toProto(Queue queue) {
        return net.voipbin.proto.queue.v1.Queue.newBuilder()
                .setId(Ids.format(queue.id))
                .setCustomerId(Ids.format(queue.customerId))
                .setName(queue.name)
                .setDetail(queue.detail)
                .setRoutingMethod(queue.routingMethod)
                .addAllTagIds(tagIdsFromJson(queue.tagIdsJson))
                .setWaitTimeoutMs(queue.waitTimeoutMs)
                .setServiceTimeoutMs(queue.serviceTimeoutMs)
                .setWaitFlowId(Ids.format(queue.waitFlowId))
                .setTmCreate(TimeFormat.format(queue.tmCreate))
                .setTmUpdate(TimeFormat.format(queue.tmUpdate))
                .setTmDelete(TimeFormat.format(queue.tmDelete))
                .build();
    }

    /** The stored form of {@code tag_ids}: a JSON array of UUID strings. */
    public static String tagIdsToJson(List<UUID> tagIds) {
        try {
            return JSON.writeValueAsString(tagIds.stream().map(UUID::toString).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> tagIdsFromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored tag_ids are not a JSON array of strings: " + json, e);
        }
    }
}
