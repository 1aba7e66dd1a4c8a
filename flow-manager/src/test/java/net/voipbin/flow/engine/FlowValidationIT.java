package net.voipbin.flow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.proto.flow.v1.Activeflow;
import net.voipbin.proto.flow.v1.CreateFlowRequest;
import net.voipbin.proto.flow.v1.Flow;
import net.voipbin.proto.flow.v1.FlowActionJson;
import net.voipbin.proto.flow.v1.GetActiveflowRequest;
import net.voipbin.proto.flow.v1.GetFlowRequest;
import net.voipbin.proto.flow.v1.ListFlowsRequest;
import net.voipbin.proto.flow.v1.MutinyFlowServiceGrpc;
import net.voipbin.proto.flow.v1.NextActionRequest;
import net.voipbin.proto.flow.v1.UpdateFlowRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static net.voipbin.common.testing.ServiceChecks.assertInvalid;
import static net.voipbin.common.testing.ServiceChecks.assertNotFound;
import static net.voipbin.common.testing.ServiceChecks.awaitBroker;
import static net.voipbin.flow.engine.EngineSupport.START;
import static net.voipbin.flow.engine.EngineSupport.await;
import static net.voipbin.proto.flow.v1.FlowActionJson.actionsFromJson;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flow validation (each error names the action field), update, temporary flows, flow events, concurrency. */
@QuarkusTest
class FlowValidationIT {

    @Inject
    RpcClient rpc;
    @Inject
    AmqpConnection amqp;
    @Inject
    BrokerNames names;

    MutinyFlowServiceGrpc.MutinyFlowServiceStub flows;
    String customer;

    @BeforeEach
    void connect() {
        awaitBroker(amqp);
        flows = MutinyFlowServiceGrpc.newMutinyStub(rpc.channel("flow-manager"));
        customer = Ids.newId().toString();
    }

    private Flow create(String actions) {
        return await(flows.createFlow(CreateFlowRequest.newBuilder().setCustomerId(customer).setPersist(true)
                .addAllActions(actionsFromJson(actions)).build()));
    }

    private void invalid(String field, String actions, String messagePart) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> create(actions));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
        assertTrue(e.getStatus().getDescription().startsWith(field + ":"), e.getStatus().getDescription());
        assertTrue(e.getStatus().getDescription().contains(messagePart), e.getStatus().getDescription());
    }

    @Test
    void everyErrorNamesTheAction() {
        String ok = "{\"type\":\"answer\"}";
        invalid("actions[3].type", "[" + ok + "," + ok + "," + ok + ",{\"type\":\"foo\"}]", "unknown action type \"foo\"");
        invalid("actions[1].type", "[" + ok + ",{\"type\":\"ai_talk\"}]", "unsupported action");
        for (String type : List.of("transcribe_start", "message_send", "email_send", "conversation_send", "case_create", "ai_summary")) {
            invalid("actions[0].type", "[{\"type\":\"" + type + "\"}]", "unsupported action");
        }
        invalid("actions[0].option.duration", "[{\"type\":\"sleep\",\"option\":{\"duration\":\"long\"}}]", "integer");
        invalid("actions[0].option.digits", "[{\"type\":\"digits_send\",\"option\":{\"digits\":\"12x\"}}]", "0-9");
        invalid("actions[0].option.stream_urls[1]", "[{\"type\":\"play\",\"option\":{\"stream_urls\":[\"a\",3]}}]", "string");
        invalid("actions[2].option.target_id", "[" + ok + "," + ok + ",{\"type\":\"goto\",\"option\":{\"target_id\":\""
                + Ids.newId() + "\"}}]", "not an action id");
        invalid("actions[0].option.target_ids.1", "[{\"type\":\"branch\",\"option\":{\"target_ids\":{\"1\":\"nowhere\"}}}]", "not an action id");
        invalid("actions[0].option.false_target_id", "[{\"type\":\"condition_variable\",\"option\":{\"variable\":\"x\",\"false_target_id\":\"x\"}}]", "not an action id");
        invalid("actions[0].option.target_id", "[{\"type\":\"goto\"}]", "required");
        invalid("actions[1].id", "[{\"id\":\"a\",\"type\":\"answer\"},{\"id\":\"a\",\"type\":\"hangup\"}]", "duplicate");
        String id = Ids.newId().toString();
        invalid("actions[1].id", "[{\"id\":\"" + id + "\",\"type\":\"answer\"},{\"id\":\"" + id + "\",\"type\":\"hangup\"}]", "duplicate");
        invalid("actions[0].id", "[{\"id\":\"00000000-0000-0000-0000-000000000002\",\"type\":\"answer\"}]", "reserved");
        invalid("actions[0].option.anonymous", "[{\"type\":\"connect\",\"option\":{\"anonymous\":\"maybe\",\"destinations\":[{\"type\":\"tel\",\"target\":\"+1555\"}]}}]", "yes, no or auto");
        invalid("actions[0].option.destinations", "[{\"type\":\"connect\",\"option\":{\"destinations\":[]}}]", "non-empty");
        invalid("actions[0].option.whisper.accept_key", "[{\"type\":\"connect\",\"option\":{\"destinations\":[{\"type\":\"tel\",\"target\":\"+1555\"}],\"whisper\":{\"accept_key\":\"12\"}}}]", "DTMF");
        invalid("actions[0].option.actions[1].type", "[{\"type\":\"call\",\"option\":{\"destinations\":[{\"type\":\"tel\",\"target\":\"+1555\"}],\"actions\":[" + ok + ",{\"type\":\"bad\"}]}}]", "unknown");
        invalid("actions[0].option.flow_id", "[{\"type\":\"fetch_flow\",\"option\":{\"flow_id\":\"nope\"}}]", "UUID");
        invalid("actions[0].option.weekdays[0]", "[{\"type\":\"condition_datetime\",\"option\":{\"weekdays\":[\"mon\"]}}]", "integer");
    }

    @Test
    void idsAreGeneratedLabelsRewrittenAndAliasesNormalised() throws Exception {
        String given = Ids.newId().toString();
        Flow flow = create("[{\"id\":\"menu\",\"type\":\"talk\",\"option\":{\"text\":\"hi\"}},{\"type\":\"record_start\"},"
                + "{\"type\":\"dtmf_send\",\"option\":{\"dtmfs\":\"12#\"}},{\"id\":\"" + given.toUpperCase() + "\",\"type\":\"record_stop\"},"
                + "{\"type\":\"goto\",\"option\":{\"target_id\":\"menu\",\"loop_count\":1}},"
                + "{\"type\":\"branch\",\"option\":{\"target_ids\":{\"1\":\"" + given + "\"}}}]");
        JsonNode actions = EngineSupport.JSON.readTree(FlowActionJson.toJson(flow.getActionsList()));
        String menu = actions.get(0).path("id").asText();
        assertTrue(menu.matches("[0-9a-f-]{36}"), menu);
        assertTrue(actions.get(1).path("id").asText().matches("[0-9a-f-]{36}"));
        assertEquals("recording_start", actions.get(1).path("type").asText());
        assertEquals("digits_send", actions.get(2).path("type").asText());
        assertEquals("12#", actions.get(2).path("option").path("digits").asText());
        assertEquals(given, actions.get(3).path("id").asText());
        assertEquals("recording_stop", actions.get(3).path("type").asText());
        assertEquals(menu, actions.get(4).path("option").path("target_id").asText());
        assertEquals(1, actions.get(4).path("option").path("loop_count").asInt());
        assertEquals(given, actions.get(5).path("option").path("target_ids").path("1").asText());
    }

    @Test
    void updateReplacesNameDetailAndActionsWithTheSameValidation() throws Exception {
        try (EngineSupport.Events events = new EngineSupport.Events(amqp, names)) {
            Flow flow = create("[{\"type\":\"answer\"}]");
            Flow updated = await(flows.updateFlow(UpdateFlowRequest.newBuilder().setCustomerId(customer).setId(flow.getId())
                    .setName("new").setDetail("d").addAllActions(actionsFromJson("[{\"type\":\"hangup\"}]")).build()));
            assertEquals("new", updated.getName());
            assertEquals("hangup", updated.getActions(0).getType());
            assertNotEquals("", updated.getTmUpdate());
            assertInvalid("actions[0].type", () -> await(flows.updateFlow(UpdateFlowRequest.newBuilder().setCustomerId(customer)
                    .setId(flow.getId()).addAllActions(actionsFromJson("[{\"type\":\"x\"}]")).build())));
            assertNotFound(() -> await(flows.updateFlow(UpdateFlowRequest.newBuilder().setCustomerId(Ids.newId().toString())
                    .setId(flow.getId()).build())));
            await(flows.deleteFlow(GetFlowRequest.newBuilder().setCustomerId(customer).setId(flow.getId()).build()));
            await().atMost(Duration.ofSeconds(10)).until(() -> events.has("flow_deleted", flow.getId(), null));
            assertTrue(events.has("flow_created", flow.getId(), null));
            assertTrue(events.has("flow_updated", flow.getId(), null));
            JsonNode created = events.received.stream().filter(e -> e.path("type").asText().equals("flow_created")
                    && e.path("data").path("id").asText().equals(flow.getId())).findFirst().orElseThrow();
            assertTrue(created.path("data").path("actions").isArray(), "actions travel as a JSON array");
            assertFalse(created.path("data").has("tm_update"), "unset times are left out");
            assertEquals("flow-manager", created.path("publisher").asText());
        }
    }

    @Test
    void temporaryFlowsAreStoredButNeverListed() {
        Flow temp = await(flows.createFlow(CreateFlowRequest.newBuilder().setCustomerId(customer)
                .addAllActions(actionsFromJson("[{\"type\":\"answer\"}]")).setPersist(false).build()));
        assertTrue(!temp.getPersist());
        Flow kept = create("[{\"type\":\"answer\"}]");
        List<String> listed = await(flows.listFlows(ListFlowsRequest.newBuilder().setCustomerId(customer).build()))
                .getFlowsList().stream().map(Flow::getId).toList();
        assertEquals(List.of(kept.getId()), listed);
        assertEquals(temp.getId(), await(flows.getFlow(GetFlowRequest.newBuilder().setCustomerId(customer).setId(temp.getId()).build())).getId());
    }

    @Test
    void unusedTemporaryFlowsExpireUsedOnesStay() throws Exception {
        // test retention is 2 s
        Flow unused = await(flows.createFlow(CreateFlowRequest.newBuilder().setCustomerId(customer)
                .addAllActions(actionsFromJson("[{\"type\":\"answer\"}]")).build()));
        Flow used = await(flows.createFlow(CreateFlowRequest.newBuilder().setCustomerId(customer)
                .addAllActions(actionsFromJson("[{\"type\":\"answer\"}]")).build()));
        EngineSupport s = new EngineSupport(flows);
        await(flows.createActiveflow(net.voipbin.proto.flow.v1.CreateActiveflowRequest.newBuilder().setCustomerId(customer)
                .setFlowId(used.getId()).setReferenceType("call").setReferenceId(Ids.newId().toString()).build()));
        GetFlowRequest unusedById = GetFlowRequest.newBuilder().setCustomerId(customer).setId(unused.getId()).build();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            try {
                await(flows.getFlow(unusedById));
                return false;
            } catch (StatusRuntimeException e) {
                return e.getStatus().getCode() == Status.Code.NOT_FOUND;
            }
        });
        Thread.sleep(2500);
        assertEquals(used.getId(), await(flows.getFlow(GetFlowRequest.newBuilder().setCustomerId(customer)
                .setId(used.getId()).build())).getId(), "a running activeflow keeps its temporary flow");
    }

    @Test
    void concurrentNextActionsStepOnce() {
        EngineSupport s = new EngineSupport(flows);
        Activeflow af = s.start("[{\"type\":\"talk\",\"option\":{\"text\":\"one\"}},{\"type\":\"talk\",\"option\":{\"text\":\"two\"}}]");
        List<Uni<Action>> calls = IntStream.range(0, 8).mapToObj(i -> flows.nextAction(NextActionRequest.newBuilder()
                .setCustomerId(s.customer).setActiveflowId(af.getId()).setCurrentActionId(START).build())).toList();
        List<Action> answers = Uni.join().all(calls).andFailFast().await().atMost(Duration.ofSeconds(20));
        assertEquals(1, answers.stream().distinct().count(), answers.toString());
        assertEquals("one", EngineSupport.text(answers.get(0)));
        assertEquals(1, await(flows.getActiveflow(GetActiveflowRequest.newBuilder().setCustomerId(s.customer)
                .setId(af.getId()).build())).getExecuteCount());
    }
}
