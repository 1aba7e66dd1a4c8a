package net.voipbin.flow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's pure parts: substitution, conditions, stack walking. */
class EngineUnitTest {

    private static JsonNode json(String text) throws Exception {
        return ActionsValidator.JSON.readTree(text);
    }

    @Test
    void substitutionIsSinglePassWithBothSyntaxes() throws Exception {
        Map<String, String> vars = Map.of("a", "${b}", "b", "B", "n", "7");
        assertEquals("${b} B [] 7", Substitution.apply("${a} {{b}} [${missing}] {{ n }}", vars));
        JsonNode out = Substitution.apply(json("{\"x\":[1,\"${n}\",{\"y\":2.5}],\"z\":true}"), vars);
        assertEquals("{\"x\":[1,\"7\",{\"y\":2.5}],\"z\":true}", out.toString());
        assertEquals("voipbin.call.digits", Substitution.bareName(" ${voipbin.call.digits} "));
        assertEquals("color", Substitution.bareName("color"));
    }

    @Test
    void conditionDatetimeComparesNowAgainstTheConfiguredValues() throws Exception {
        // Wednesday 2026-11-25 14:30 UTC
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 25, 14, 30, 0, 0, ZoneOffset.UTC);
        assertTrue(Engine.conditionDatetime(json("{\"condition\":\">=\",\"hour\":9,\"minute\":0}"), now));
        assertFalse(Engine.conditionDatetime(json("{\"condition\":\"<\",\"hour\":9}"), now));
        assertTrue(Engine.conditionDatetime(json("{\"condition\":\"<\",\"hour\":14,\"minute\":31}"), now));
        assertTrue(Engine.conditionDatetime(json("{\"weekdays\":[1,2,3,4,5],\"hour\":-1}"), now));
        assertFalse(Engine.conditionDatetime(json("{\"weekdays\":[0,6]}"), now));
        assertTrue(Engine.conditionDatetime(json("{\"condition\":\"==\",\"month\":11,\"day\":25}"), now));
        assertFalse(Engine.conditionDatetime(json("{\"condition\":\"==\",\"month\":12}"), now));
        assertTrue(Engine.conditionDatetime(json("{}"), now), "nothing configured: always true");
    }

    @Test
    void conditionVariableTypes() throws Exception {
        Map<String, String> vars = Map.of("n", "12", "s", "abc");
        assertTrue(Engine.conditionVariableMatch("${n}", "12", vars, json("{\"value_type\":\"number\",\"condition\":\">\",\"value_number\":9.5}")));
        assertFalse(Engine.conditionVariableMatch("${s}", "abc", vars, json("{\"value_type\":\"number\",\"condition\":\">\",\"value_number\":1}")));
        assertTrue(Engine.conditionVariableMatch("s", "s", vars, json("{\"value_type\":\"length\",\"condition\":\"==\",\"value_length\":3}")));
        assertTrue(Engine.conditionVariableMatch("literal", "literal", vars, json("{\"value_string\":\"literal\"}")));
    }

    @Test
    void stacksReturnToTheActionAfterThePushingOne() throws Exception {
        EngineState state = EngineState.fresh((com.fasterxml.jackson.databind.node.ArrayNode)
                ActionsValidator.validate(json("[{\"id\":\"a\",\"type\":\"answer\"},{\"id\":\"b\",\"type\":\"hangup\"}]"), "actions"));
        EngineState.Loc first = state.next();
        state.currentAction = state.action(first);
        state.push((com.fasterxml.jackson.databind.node.ArrayNode)
                ActionsValidator.validate(json("[{\"type\":\"beep\"}]"), "actions"), 2000, 1 << 20);
        EngineState.Loc pushed = state.find(state.forwardStackId, state.forwardActionId);
        state.currentStackId = pushed.stackId();
        state.currentAction = state.action(pushed);
        state.forwardActionId = null;
        assertEquals("beep", state.currentAction.path("type").asText());
        EngineState.Loc back = state.next();
        assertEquals(EngineState.MAIN_STACK, back.stackId());
        assertEquals("hangup", state.action(back).path("type").asText());
        assertEquals(1, state.stacks.size(), "the finished stack is dropped");
    }

    /** fetch_flow of itself nests a stack per step: the 33rd nested stack is refused, the state stays bounded. */
    @Test
    void nestedStacksStopAtTheirBound() throws Exception {
        EngineState state = EngineState.fresh((com.fasterxml.jackson.databind.node.ArrayNode)
                ActionsValidator.validate(json("[{\"id\":\"a\",\"type\":\"answer\"}]"), "actions"));
        state.currentAction = state.action(state.next());
        com.fasterxml.jackson.databind.node.ArrayNode again = (com.fasterxml.jackson.databind.node.ArrayNode)
                ActionsValidator.validate(json("[{\"type\":\"fetch_flow\",\"option\":{\"flow_id\":\"00000000-0000-0000-0000-000000000009\"}}]"), "actions");
        for (int i = 0; i < EngineState.MAX_STACKS; i++) {
            state.push(again.deepCopy(), 2000, 1 << 20);
            EngineState.Loc pushed = state.find(state.forwardStackId, state.forwardActionId);
            state.currentStackId = pushed.stackId();
            state.currentAction = state.action(pushed);
        }
        assertEquals(EngineState.MAX_STACKS + 1, state.stacks.size());
        org.junit.jupiter.api.Assertions.assertThrows(EngineState.StackLimitException.class, () -> state.push(again.deepCopy(), 2000, 1 << 20));
        assertEquals(EngineState.MAX_STACKS + 1, state.stacks.size(), "nothing pushed");
    }

    /** Stacks are bounded in actions and bytes too: a fetch answering a big list fails, nothing is pushed. */
    @Test
    void pushedActionsAreBoundedInCountAndBytes() throws Exception {
        EngineState state = EngineState.fresh((com.fasterxml.jackson.databind.node.ArrayNode)
                ActionsValidator.validate(json("[{\"id\":\"a\",\"type\":\"answer\"}]"), "actions"));
        state.currentAction = state.action(state.next());
        com.fasterxml.jackson.databind.node.ArrayNode three = (com.fasterxml.jackson.databind.node.ArrayNode)
                ActionsValidator.validate(json("[{\"type\":\"beep\"},{\"type\":\"beep\"},{\"type\":\"beep\"}]"), "actions");
        EngineState.StackLimitException count = org.junit.jupiter.api.Assertions.assertThrows(EngineState.StackLimitException.class,
                () -> state.push(three.deepCopy(), 3, 1 << 20));
        assertEquals("more than 3 actions across its stacks (1 held, 3 pushed)", count.getMessage());
        EngineState.StackLimitException bytes = org.junit.jupiter.api.Assertions.assertThrows(EngineState.StackLimitException.class,
                () -> state.push(three.deepCopy(), 2000, 200));
        org.junit.jupiter.api.Assertions.assertTrue(bytes.getMessage().startsWith("more than 200 bytes of actions"), bytes.getMessage());
        assertEquals(1, state.stacks.size(), "nothing pushed");
        state.push(three.deepCopy(), 4, 1 << 20);
        assertEquals(2, state.stacks.size());
    }
}
