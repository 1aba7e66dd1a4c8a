package net.voipbin.common.json;

import net.voipbin.proto.call.v1.Call;
import net.voipbin.proto.flow.v1.Activeflow;
import net.voipbin.proto.flow.v1.Flow;
import org.junit.jupiter.api.Test;

import static net.voipbin.proto.flow.v1.FlowActionJson.actionFromJson;
import static net.voipbin.proto.flow.v1.FlowActionJson.actionsFromJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The public shapes of flow actions: a flow's as stored, an activeflow's with all five fields, a call's as set. */
class PublicJsonTest {

    private static final String STORED = "[{\"id\":\"a1\",\"type\":\"answer\",\"option\":{}},"
            + "{\"id\":\"a2\",\"next_id\":\"a1\",\"type\":\"talk\",\"option\":{\"text\":\"hi\",\"custom\":[1,2.5,\"x\",true,null]}}]";

    @Test
    void aFlowShowsItsActionsAsStored() {
        Flow flow = Flow.newBuilder().setId("f").addAllActions(actionsFromJson(STORED)).setPersist(true).build();
        assertEquals(STORED, PublicJson.toJson(flow).get("actions").toString());
        assertEquals("[]", PublicJson.toJson(Flow.getDefaultInstance()).get("actions").toString());
    }

    @Test
    void anActiveflowShowsItsActionsWithTmExecuteOnlyOnceRun() throws Exception {
        Activeflow af = Activeflow.newBuilder().setId("af")
                .setCurrentAction(actionFromJson("{\"id\":\"a2\",\"type\":\"talk\",\"option\":{\"n\":3}}", "current_action"))
                .addAllExecutedActions(actionsFromJson("[{\"id\":\"a1\",\"next_id\":\"a2\",\"type\":\"sleep\","
                        + "\"option\":{\"duration\":1200},\"tm_execute\":\"2026-01-01T00:00:00.000000Z\"}]"))
                .build();
        var json = PublicJson.toJson(Activeflow.parseFrom(af.toByteArray()));
        assertEquals("{\"id\":\"a2\",\"next_id\":\"\",\"type\":\"talk\",\"option\":{\"n\":3}}",
                json.get("current_action").toString());
        assertEquals("[{\"id\":\"a1\",\"next_id\":\"a2\",\"type\":\"sleep\",\"option\":{\"duration\":1200},"
                + "\"tm_execute\":\"2026-01-01T00:00:00.000000Z\"}]", json.get("executed_actions").toString());
    }

    @Test
    void aCallShowsItsActionAsSetAndNoneBeforeTheFirst() {
        String action = "{\"id\":\"a1\",\"next_id\":\"00000000-0000-0000-0000-000000000000\",\"type\":\"talk\","
                + "\"option\":{\"text\":\"hi\",\"async\":true},\"tm_execute\":\"2026-01-01T00:00:00.000000Z\"}";
        Call call = Call.newBuilder().setId("c").setAction(actionFromJson(action, "action")).setMetadataJson("{}").build();
        assertEquals(action, PublicJson.toJson(call).get("action").toString());
        assertFalse(PublicJson.toJson(Call.getDefaultInstance()).has("action"));
        assertFalse(PublicJson.toJson(Call.getDefaultInstance()).has("tm_hangup"));
    }

    @Test
    void anUnsetIdIsTheContractsZeroUuidEvenNestedButNotANonUuidNamedLikeOne() {
        var json = PublicJson.toJson(net.voipbin.proto.call.v1.Number.newBuilder().setId("n").setCallFlowId("f").build());
        assertEquals("f", json.get("call_flow_id").asText());
        assertEquals(PublicJson.NIL_ID, json.get("message_flow_id").asText());
        var call = PublicJson.toJson(Call.newBuilder().setId("c").setMetadataJson("{}").build());
        assertEquals(PublicJson.NIL_ID, call.get("activeflow_id").asText());
        assertEquals(PublicJson.NIL_ID, call.get("master_call_id").asText());
        assertEquals(false, PublicJson.isIdField("voice_id"));
    }
}
