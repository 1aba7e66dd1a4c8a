package net.voipbin.flow.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.flow.engine.ActionsValidator;
import net.voipbin.flow.model.Activeflow;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.proto.flow.v1.ActionJson;

/** Activeflow entity to the RPC message; its public JSON (REST and event data) is PublicJson of that message. */
public final class ActiveflowMapper {

    private ActiveflowMapper() {
    }

    /** The typed action NextAction answers (a call-executed one, or the finish action). */
    public static Action action(JsonNode action) {
        return ActionJson.fromJson(ActionsValidator.text(action));
    }

    /** An action as the public Activeflow shows it: {id, next_id, type, option, tm_execute}, always all five. */
    static ObjectNode publicAction(JsonNode action) {
        ObjectNode out = ActionsValidator.JSON.createObjectNode();
        out.put("id", action.path("id").asText(""));
        out.put("next_id", action.path("next_id").asText(""));
        out.put("type", action.path("type").asText(""));
        out.set("option", action.path("option").isObject() ? action.get("option") : ActionsValidator.JSON.createObjectNode());
        String executed = action.path("tm_execute").asText("");
        if (executed.isEmpty()) {
            out.putNull("tm_execute");
        } else {
            out.put("tm_execute", executed);
        }
        return out;
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
                .setCurrentActionJson(ActionsValidator.text(publicAction(read(af.currentAction))))
                .setForwardActionId(af.forwardActionId == null ? "" : af.forwardActionId)
                .setExecuteCount(af.executeCount)
                .setTmCreate(TimeFormat.format(af.tmCreate))
                .setTmUpdate(TimeFormat.format(af.tmUpdate))
                .setTmDelete(TimeFormat.format(af.tmDelete));
        var executed = ActionsValidator.JSON.createArrayNode();
        read(af.executedActions).forEach(a -> executed.add(publicAction(a)));
        return builder.setExecutedActionsJson(ActionsValidator.text(executed)).build();
    }
}
