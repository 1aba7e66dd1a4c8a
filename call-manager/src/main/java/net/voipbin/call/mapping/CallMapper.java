package net.voipbin.call.mapping;

import net.voipbin.call.model.Call;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;

public final class CallMapper {

    private CallMapper() {
    }

    public static net.voipbin.proto.call.v1.Call toProto(Call call) {
        return net.voipbin.proto.call.v1.Call.newBuilder()
                .setId(Ids.format(call.id))
                .setCustomerId(Ids.format(call.customerId))
                .setFlowId(Ids.format(call.flowId))
                .setActiveflowId(Ids.format(call.activeflowId))
                .setType(call.type)
                .setDirection(call.direction)
                .setStatus(call.status)
                .setSource(AddressJson.fromJson(call.sourceJson))
                .setDestination(AddressJson.fromJson(call.destinationJson))
                .setHangupBy(call.hangupBy == null ? "" : call.hangupBy)
                .setHangupReason(call.hangupReason == null ? "" : call.hangupReason)
                .setTmCreate(TimeFormat.format(call.tmCreate))
                .setTmUpdate(TimeFormat.format(call.tmUpdate))
                .setTmRinging(TimeFormat.format(call.tmRinging))
                .setTmProgressing(TimeFormat.format(call.tmProgressing))
                .setTmHangup(TimeFormat.format(call.tmHangup))
                .build();
    }
}
