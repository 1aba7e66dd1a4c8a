package net.voipbin.flow.mapping;

import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.flow.v1.Flow;
import net.voipbin.proto.flow.v1.FlowActionJson;

/** Flow entity to the RPC message; its public JSON (REST and event data) is PublicJson of that message. */
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
                .addAllActions(FlowActionJson.actionsFromJson(flow.actionsJson))
                .setPersist(flow.persist)
                .setOnCompleteFlowId(Ids.format(flow.onCompleteFlowId))
                .setTmCreate(TimeFormat.format(flow.tmCreate))
                .setTmUpdate(TimeFormat.format(flow.tmUpdate))
                .setTmDelete(TimeFormat.format(flow.tmDelete))
                .build();
    }
}
