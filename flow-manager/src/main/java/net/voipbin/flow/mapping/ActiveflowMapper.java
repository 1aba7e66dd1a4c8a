package net.voipbin.flow.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.flow.engine.ActionsValidator;
import net.voipbin.flow.model.Activeflow;
import net.voipbin.proto.flow.v1.Action;

/** Activeflow entity to the RPC message; its public JSON (REST and event data) is PublicJson of that message. */
public final class ActiveflowMapper {

    private ActiveflowMapper() {
    }

    public static Action action(JsonNode action) {
        JsonNode option = action.path("option");
        return Action.newBuilder()
                .setId(action.path("id").asText(""))
                .setNextId(action.path("next_id").asText(""))
                .setType(action.path("type").asText(""))
                .setOptionJson(option.isObject() ? ActionsValidator.text(option) : "{}")
                .setTmExecute(action.path("tm_execute").asText(""))
                .build();
    }

    private static JsonNode read(String json) {
        try {
            return ActionsValidator.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static net.voipbin.proto.flow.v1.Activeflow toProto(Activeflow af) {
        var builder = net.voipbin.proto.flow.v1.Activeflow.newBuilder()
                .setId(Ids.format(af.id))
                .setCustomerId(Ids.format(af.customerId))
                .setFlowId(Ids.format(af.flowId))
                .setStatus(af.status)
                .setReferenceType(af.referenceType)
                .setReferenceId(Ids.format(af.referenceId))
                .setReferenceActiveflowId(Ids.format(af.referenceActiveflowId))
                .setOnCompleteFlowId(Ids.format(af.onCompleteFlowId))
                .setCurrentAction(action(read(af.currentAction)))
                .setForwardActionId(af.forwardActionId == null ? "" : af.forwardActionId)
                .setExecuteCount(af.executeCount)
                .setTmCreate(TimeFormat.format(af.tmCreate))
                .setTmUpdate(TimeFormat.format(af.tmUpdate))
                .setTmDelete(TimeFormat.format(af.tmDelete));
        read(af.executedActions).forEach(a -> builder.addExecutedActions(action(a)));
        return builder.build();
    }
}
