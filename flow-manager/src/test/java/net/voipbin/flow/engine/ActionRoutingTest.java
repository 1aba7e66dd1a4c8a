package net.voipbin.flow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.proto.flow.v1.ActionJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every action type of the public contract (openapi FlowManagerActionType), and every type either
 * side knows, runs in exactly one place: flow-manager (control), call-manager (a member of the typed
 * proto Action.option, handed over by NextAction), or nowhere (refused at validation, naming it).
 * call-manager's ActionExecutorTest shows each call-executed type has exactly one handler there.
 */
class ActionRoutingTest {

    /** The contract as api-manager's contract tests keep it. */
    private static final Path CONTRACT = Path.of("../api-manager/src/main/resources/contract/openapi.yaml");

    enum Where { FLOW_MANAGER, CALL_MANAGER, REJECTED }

    static Set<String> contractTypes() throws IOException {
        List<String> lines = Files.readAllLines(CONTRACT);
        Set<String> types = new TreeSet<>();
        int i = lines.indexOf("    FlowManagerActionType:");
        assertTrue(i >= 0, "FlowManagerActionType not found in " + CONTRACT.toAbsolutePath());
        while (!lines.get(i).trim().equals("enum:")) {
            i++;
        }
        for (i++; i < lines.size() && lines.get(i).trim().startsWith("- "); i++) {
            types.add(lines.get(i).trim().substring(2).trim());
        }
        return types;
    }

    /** Where a type runs, established by actually validating and mapping a one-action flow. */
    static Where where(String type) {
        // The smallest valid option: the table's required fields, each with a value of its kind.
        ObjectNode option = ActionsValidator.JSON.createObjectNode();
        ActionTable.Def known = ActionTable.get(ActionTable.ALIASES.getOrDefault(type, type));
        for (ActionTable.Field field : known == null ? List.<ActionTable.Field>of() : known.fields()) {
            if (!field.required()) {
                continue;
            }
            switch (field.kind()) {
                case UUID -> option.put(field.name(), "7d5b5a40-0c2b-11ef-8d0b-0242ac120002");
                case TARGET -> option.put(field.name(), "a");
                case ADDRESS_LIST -> option.putArray(field.name()).addObject().put("type", "tel").put("target", "+15551234567");
                default -> option.put(field.name(), "http://example.com/x");
            }
        }
        if (known != null && known.type().equals("digits_send")) {
            option.put("digits", "1#"); // value-checked beyond its kind
        }
        ObjectNode action = ActionsValidator.JSON.createObjectNode().put("id", "a").put("type", type);
        action.set("option", option);
        JsonNode validated;
        try {
            validated = ActionsValidator.validate(ActionsValidator.JSON.createArrayNode().add(action), "actions").get(0);
        } catch (StatusRuntimeException e) {
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
            String why = e.getStatus().getDescription();
            assertTrue(why.contains("unsupported action \"" + type + "\""), type + ": refused without saying why: " + why);
            return Where.REJECTED;
        }
        String canonical = validated.path("type").asText();
        ActionTable.Def def = ActionTable.get(canonical);
        assertNotNull(def, type + " validated but has no entry in the action table");
        if (def.executor() == ActionTable.Executor.FM) {
            assertFalse(ActionJson.isCallExecuted(canonical), canonical + " runs in flow-manager and has a typed call option too");
            assertThrows(IllegalArgumentException.class, () -> ActionJson.fromJson(validated.toString()));
            return Where.FLOW_MANAGER;
        }
        Action typed = ActionJson.fromJson(validated.toString());
        assertEquals(canonical, typed.getType());
        assertNotEquals(Action.OptionCase.OPTION_NOT_SET, typed.getOptionCase(), canonical + ": no typed option set");
        assertEquals(canonical, Action.getDescriptor().findFieldByNumber(typed.getOptionCase().getNumber()).getName());
        return Where.CALL_MANAGER;
    }

    @Test
    void everyContractTypeRunsOnExactlyOneSide() throws IOException {
        Set<String> all = new TreeSet<>(contractTypes());
        assertTrue(all.size() >= 40, "contract types read: " + all);
        all.addAll(ActionTable.all().keySet());
        all.addAll(ActionTable.UNSUPPORTED);
        all.addAll(ActionTable.ALIASES.keySet());
        all.addAll(ActionJson.callExecutedTypes());
        Map<String, Where> where = new TreeMap<>();
        for (String type : all) {
            where.put(type, where(type));
        }
        // The ones the issue named, pinned down.
        assertEquals(Where.REJECTED, where.get("amd"));
        assertEquals(Where.REJECTED, where.get("external_media_start"));
        assertEquals(Where.REJECTED, where.get("external_media_stop"));
        assertEquals(Where.CALL_MANAGER, where.get("dtmf_send"), "alias of digits_send");
        assertEquals(Where.CALL_MANAGER, where.get("record_start"), "alias of recording_start");
        assertEquals(Where.FLOW_MANAGER, where.get("connect"));
        assertEquals(Where.FLOW_MANAGER, where.get("webhook_send"));
        assertEquals(Where.CALL_MANAGER, where.get("talk"));
        // Every typed call option is reachable: some type of the table routes to it.
        List<String> unreachable = new ArrayList<>();
        for (String typed : ActionJson.callExecutedTypes()) {
            if (where.get(typed) != Where.CALL_MANAGER) {
                unreachable.add(typed);
            }
        }
        assertEquals(List.of(), unreachable, "typed call options nobody routes to");
    }

    @Test
    void theContractsOptionNamesMapToTheTypedOptionAndBack() {
        String talk = "{\"id\":\"1\",\"next_id\":\"\",\"type\":\"talk\",\"option\":{\"text\":\"hi\",\"language\":\"en-US\","
                + "\"digits_handle\":\"next\",\"async\":true,\"unknown_key\":1},\"tm_execute\":\"\"}";
        Action action = ActionJson.fromJson(talk);
        assertEquals("hi", action.getTalk().getText());
        assertEquals("next", action.getTalk().getDigitsHandle());
        assertTrue(action.getTalk().getAsync());
        assertEquals("{\"id\":\"1\",\"next_id\":\"\",\"type\":\"talk\",\"option\":{\"text\":\"hi\",\"language\":\"en-US\","
                + "\"digits_handle\":\"next\",\"async\":true},\"tm_execute\":\"\"}", ActionJson.toJson(action));

        Action voice = ActionJson.fromJson("{\"id\":\"2\",\"type\":\"record_voice\",\"option\":{\"variable_name\":\"v\"}}");
        assertFalse(voice.getRecordVoice().hasDuration(), "absent stays absent (default 30 s applies)");
        assertTrue(ActionJson.fromJson("{\"id\":\"2\",\"type\":\"record_voice\",\"option\":{\"duration\":0}}")
                .getRecordVoice().hasDuration());

        Action hangup = ActionJson.fromJson("{\"id\":\"3\",\"type\":\"hangup\"}");
        assertEquals(Action.OptionCase.HANGUP, hangup.getOptionCase(), "no option: the member is set, empty");
        assertEquals("{}", ActionJson.toJson(hangup).replaceAll(".*\"option\":(\\{[^}]*}).*", "$1"));

        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> ActionJson.fromJson("{\"id\":\"4\",\"type\":\"sleep\",\"option\":{\"duration\":\"soon\"}}"));
        assertTrue(wrongType.getMessage().contains("sleep"), wrongType.getMessage());
    }
}
