package net.voipbin.proto.flow.v1;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowActionJsonTest {

    @Test
    void aStoredFlowReadsBackAsItWasWritten() {
        String stored = "[{\"id\":\"a1\",\"type\":\"answer\",\"option\":{}},"
                + "{\"id\":\"a2\",\"next_id\":\"a1\",\"type\":\"talk\",\"option\":{\"text\":\"h\u00e9llo \\\"q\\\" <b> \u2713\","
                + "\"unknown_key\":1,\"ratio\":2.5,\"neg\":-3,\"big\":1234567890123,\"zero\":0,"
                + "\"list\":[1,2.5,\"Bob\",true,null],\"nested\":{\"a\":{\"b\":[{\"c\":10}]}},\"nothing\":null}},"
                + "{\"id\":\"a3\",\"type\":\"branch\",\"option\":{\"variable\":\"x\",\"target_ids\":{\"1\":\"a1\"}}}]";
        List<FlowAction> actions = FlowActionJson.actionsFromJson(stored);
        assertEquals(3, actions.size());
        assertFalse(actions.get(0).hasNextId());
        assertEquals("a1", actions.get(1).getNextId());
        assertEquals(stored, FlowActionJson.toJson(actions));
    }

    @Test
    void integersStayIntegersAndOtherNumbersStayAsTheyWere() {
        String json = FlowActionJson.toJson(FlowActionJson.actionsFromJson(
                "[{\"type\":\"x\",\"option\":{\"i\":3,\"whole\":1.0,\"half\":0.5,\"small\":1e-7,\"huge\":1e20,\"max\":9007199254740992}}]"));
        assertEquals("[{\"id\":\"\",\"type\":\"x\",\"option\":{\"i\":3,\"whole\":1,\"half\":0.5,\"small\":1.0E-7,"
                + "\"huge\":1.0E20,\"max\":9007199254740992}}]", json);
    }

    @Test
    void unsetFieldsAreLeftOutAndTheOptionIsAlwaysAnObject() {
        FlowAction bare = FlowActionJson.actionFromJson("{\"type\":\"hangup\",\"next_id\":null,\"tm_execute\":null,\"extra\":1}", "action");
        assertEquals("", bare.getId());
        assertFalse(bare.hasNextId());
        assertFalse(bare.hasTmExecute());
        assertFalse(bare.hasOption());
        assertEquals("{\"id\":\"\",\"type\":\"hangup\",\"option\":{}}", FlowActionJson.toJson(bare));

        String executed = "{\"id\":\"a1\",\"next_id\":\"\",\"type\":\"talk\",\"option\":{\"text\":\"hi\"},\"tm_execute\":\"\"}";
        assertEquals(executed, FlowActionJson.toJson(FlowActionJson.actionFromJson(executed, "action")));
        assertTrue(FlowActionJson.actionsFromJson("[]").isEmpty());
        assertEquals("[]", FlowActionJson.toJson(List.of()));
    }

    @Test
    void malformedInputNamesTheField() {
        String[][] cases = {
                {"{", "actions"}, {"{not json", "actions"}, {"{\"type\":\"answer\"}", "actions"}, {"null", "actions"},
                {"", "actions"}, {"[{\"type\":\"answer\"}] trailing", "actions"}, {"[{'type':'answer'}]", "actions"},
                {"[1]", "actions[0]"}, {"[{\"type\":\"answer\"},\"talk\"]", "actions[1]"},
                {"[{\"type\":7}]", "actions[0].type"}, {"[{\"type\":\"answer\",\"id\":5}]", "actions[0].id"},
                {"[{\"type\":\"answer\",\"next_id\":{}}]", "actions[0].next_id"},
                {"[{\"type\":\"answer\",\"tm_execute\":true}]", "actions[0].tm_execute"},
                {"[{\"type\":\"talk\",\"option\":\"hello\"}]", "actions[0].option"},
                {"[{\"type\":\"talk\",\"option\":[]}]", "actions[0].option"},
                {"[{\"type\":\"talk\",\"option\":{\"a\":[1,1e400]}}]", "actions[0].option.a[1]"}};
        for (String[] bad : cases) {
            InvalidActionException e = assertThrows(InvalidActionException.class, () -> FlowActionJson.actionsFromJson(bad[0]), bad[0]);
            assertEquals(bad[1], e.field(), bad[0] + " -> " + e.getMessage());
            assertTrue(e.getMessage().startsWith(bad[1] + ": "), e.getMessage());
        }
        assertEquals("action", assertThrows(InvalidActionException.class,
                () -> FlowActionJson.actionFromJson("[]", "action")).field());
        assertEquals("actions", assertThrows(InvalidActionException.class,
                () -> FlowActionJson.actionsFromJson(null)).field());
    }

    @Test
    void aNumberJsonCannotCarryIsTheCallersMistake() {
        FlowAction nan = FlowAction.newBuilder().setType("sleep").setOption(Struct.newBuilder()
                .putFields("duration", Value.newBuilder().setNumberValue(Double.NaN).build())).build();
        InvalidActionException e = assertThrows(InvalidActionException.class,
                () -> FlowActionJson.toJson(List.of(FlowAction.getDefaultInstance(), nan)));
        assertEquals("actions[1].option", e.field());
    }
}
