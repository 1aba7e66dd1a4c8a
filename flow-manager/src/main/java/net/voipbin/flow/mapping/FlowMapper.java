package net.voipbin.flow.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.flow.engine.ActionsValidator;
import net.voipbin.proto.flow.v1.Flow;

import java.time.Instant;
import java.util.UUID;

public final class FlowMapper {

    private FlowMapper() {
    }

    public static Flow toProto(net.voipbin.flow.model.Flow flow) {
        return Flow.newBuilder()
                .setId(Ids.format(flow.id))
                .setCustomerId(Ids.format(flow.customerId))
                .setType(flow.type)
                .setName(flow.name)
                .setDetail(flow.detail)
                .setActionsJson(flow.actionsJson)
                .setPersist(flow.persist)
                .setOnCompleteFlowId(Ids.format(flow.onCompleteFlowId))
                .setTmCreate(TimeFormat.format(flow.tmCreate))
                .setTmUpdate(TimeFormat.format(flow.tmUpdate))
                .setTmDelete(TimeFormat.format(flow.tmDelete))
                .build();
    }

    /** The public JSON (openapi FlowManagerFlow) carried by flow_* events; actions as an array. */
    public static ObjectNode toJson(net.voipbin.flow.model.Flow flow) {
        ObjectNode json = ActionsValidator.JSON.createObjectNode();
        json.put("id", Ids.format(flow.id));
        json.put("customer_id", Ids.format(flow.customerId));
        json.put("type", flow.type);
        json.put("name", flow.name);
        json.put("detail", flow.detail);
        json.set("actions", ActionsValidator.parseArray("actions", flow.actionsJson));
        json.put("persist", flow.persist);
        putId(json, "on_complete_flow_id", flow.onCompleteFlowId);
        putTime(json, "tm_create", flow.tmCreate);
        putTime(json, "tm_update", flow.tmUpdate);
        putTime(json, "tm_delete", flow.tmDelete);
        return json;
    }

    static void putTime(ObjectNode json, String name, Instant time) {
        if (time == null) {
            json.putNull(name);
        } else {
            json.put(name, TimeFormat.format(time));
        }
    }

    static void putId(ObjectNode json, String name, UUID id) {
        json.put(name, id == null ? "00000000-0000-0000-0000-000000000000" : id.toString());
    }
}
