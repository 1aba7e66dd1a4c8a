package net.voipbin.flow.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.flow.engine.ActionsValidator;
import net.voipbin.flow.model.Activeflow;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.proto.flow.v1.ActionJson;
import net.voipbin.proto.flow.v1.FlowActionJson;

/** Activeflow entity to the RPC message; its public JSON (REST and event data) is PublicJson of that message. */
public final class ActiveflowMapper {

    private ActiveflowMapper() {
    }

    /** The typed action NextAction answers (a call-executed one, or the finish action). */
    public static Action action(JsonNode action) {
        return ActionJson.fromJson(ActionsValidator.text(action));
    }

    public static net.voipbin.proto.flow.v1.Activeflow toProto(Activeflow af) {
        return net.voipbin.proto.flow.v1.Activeflow.newBuilder()
                .setId(Ids.format(af.id))
                .setCustomerId(Ids.format(af.customerId))
                .setFlowId(Ids.format(af.flowId))
                .setStatus(af.status)
                .setReferenceType(af.referenceType)
                .setReferenceId(Ids.format(af.referenceId))
                .setReferenceActiveflowId(Ids.format(af.referenceActiveflowId))
                .setOnCompleteFlowId(Ids.format(af.onCompleteFlowId))
                .setCurrentAction(FlowActionJson.actionFromJson(af.currentAction, "current_action"))
                .setForwardActionId(af.forwardActionId == null ? "" : af.forwardActionId)
                .setExecuteCount(af.executeCount)
                .setTmCreate(TimeFormat.format(af.tmCreate))
                .setTmUpdate(TimeFormat.format(af.tmUpdate))
                .setTmDelete(TimeFormat.format(af.tmDelete))
                .addAllExecutedActions(FlowActionJson.actionsFromJson(af.executedActions))
                .build();
    }
}
