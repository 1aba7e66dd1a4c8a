package net.voipbin.call.mapping;

import net.voipbin.call.model.Number;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;

/** Number entity to the RPC message; its public JSON (REST and event data) is PublicJson of that message. */
public final class NumberMapper {

    private NumberMapper() {
    }

    public static net.voipbin.proto.call.v1.Number toProto(Number number) {
        return net.voipbin.proto.call.v1.Number.newBuilder()
                .setId(Ids.format(number.id))
                .setCustomerId(Ids.format(number.customerId))
                .setNumber(number.number)
                .setType(number.type)
                .setCallFlowId(Ids.format(number.callFlowId))
                .setMessageFlowId(Ids.format(number.messageFlowId))
                .setName(nz(number.name))
                .setDetail(nz(number.detail))
                .setStatus(number.status)
                .setTmCreate(TimeFormat.format(number.tmCreate))
                .setTmUpdate(TimeFormat.format(number.tmUpdate))
                .setTmDelete(TimeFormat.format(number.tmDelete))
                .setMetadataJson("{\"rtp_debug\":" + number.rtpDebug + "}")
                .build();
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
