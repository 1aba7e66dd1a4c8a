package net.voipbin.call.mapping;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.voipbin.call.model.Number;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;

import java.time.Instant;
import java.util.UUID;

/** Number entity to the RPC message and to the public JSON (openapi NumberManagerNumber) events carry. */
public final class NumberMapper {

    private static final String NIL = "00000000-0000-0000-0000-000000000000";

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
                .build();
    }

    /** The public JSON: unset flow ids are the nil UUID (as the reference prints them), unset times null. */
    public static ObjectNode toJson(Number number) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", number.id.toString());
        n.put("customer_id", number.customerId.toString());
        n.put("number", number.number);
        n.put("type", number.type);
        n.put("call_flow_id", nil(number.callFlowId));
        n.put("message_flow_id", nil(number.messageFlowId));
        n.put("name", nz(number.name));
        n.put("detail", nz(number.detail));
        n.put("status", number.status);
        time(n, "tm_create", number.tmCreate);
        time(n, "tm_update", number.tmUpdate);
        time(n, "tm_delete", number.tmDelete);
        return n;
    }

    static void time(ObjectNode n, String field, Instant time) {
        if (time == null) {
            n.putNull(field);
        } else {
            n.put(field, TimeFormat.format(time));
        }
    }

    static String nil(UUID id) {
        return id == null ? NIL : id.toString();
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
