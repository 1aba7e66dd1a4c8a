package net.voipbin.flow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.id.Ids;
import net.voipbin.common.json.PublicJson;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.common.testing.OnVertx;
import net.voipbin.flow.repository.ActiveflowRepository;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.proto.flow.v1.Activeflow;
import net.voipbin.proto.flow.v1.CreateFlowRequest;
import net.voipbin.proto.flow.v1.DeleteVariableRequest;
import net.voipbin.proto.flow.v1.Flow;
import net.voipbin.proto.flow.v1.ForwardActionRequest;
import net.voipbin.proto.flow.v1.GetActiveflowRequest;
import net.voipbin.proto.flow.v1.GetVariablesRequest;
import net.voipbin.proto.flow.v1.ListActiveflowsRequest;
import net.voipbin.proto.flow.v1.MutinyFlowServiceGrpc;
import net.voipbin.proto.flow.v1.NextActionRequest;
import net.voipbin.proto.flow.v1.PushActionsRequest;
import net.voipbin.proto.flow.v1.SetVariablesRequest;
import net.voipbin.proto.flow.v1.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static net.voipbin.common.testing.ServiceChecks.assertInvalid;
import static net.voipbin.common.testing.ServiceChecks.assertNotFound;
import static net.voipbin.common.testing.ServiceChecks.awaitBroker;
import static net.voipbin.flow.engine.EngineSupport.FINISH;
import static net.voipbin.flow.engine.EngineSupport.START;
import static net.voipbin.flow.engine.EngineSupport.await;
import static net.voipbin.flow.engine.EngineSupport.option;
import static net.voipbin.flow.engine.EngineSupport.text;
import static net.voipbin.proto.flow.v1.FlowActionJson.actionsFromJson;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The action engine driven through NextAction over the broker, as call-manager drives it. */
@QuarkusTest
class ActiveflowEngineIT {

    @Inject
    RpcClient rpc;
    @Inject
    AmqpConnection amqp;
    @Inject
    BrokerNames names;
    @Inject
    ActiveflowRepository repository;
    @Inject
    Vertx vertx;

    MutinyFlowServiceGrpc.MutinyFlowServiceStub flows;
    EngineSupport s;

    @BeforeEach
    void connect() {
        awaitBroker(amqp);
        FakeBilling.serve(amqp, names, vertx); // fetch asks billing whether the customer is funded
        flows = MutinyFlowServiceGrpc.newMutinyStub(rpc.channel("flow-manager"));
        s = new EngineSupport(flows);
    }

    static String talk(String id, String text) {
        return "{" + (id == null ? "" : "\"id\":\"" + id + "\",") + "\"type\":\"talk\",\"option\":{\"text\":\"" + text + "\"}}";
    }

    static String uuid() {
        return Ids.newId().toString();
    }

    @Test
    void everySeedFlowIsAcceptedExceptOutOfScopeTypes() throws Exception {
        JsonNode seeds;
        try (InputStream in = getClass().getResourceAsStream("/seed-flows.json")) {
            seeds = EngineSupport.JSON.readTree(in);
        }
        int accepted = 0;
        for (JsonNode seed : seeds) {
            String actions = seed.get("actions").toString();
            // amd: no call-manager handler, refused at validation (it used to be accepted and skipped).
            boolean outOfScope = actions.contains("\"ai_talk\"") || actions.contains("\"conference_join\"")
                    || actions.contains("\"transcribe_start\"") || actions.contains("\"type\":\"amd\"");
            CreateFlowRequest request = CreateFlowRequest.newBuilder().setCustomerId(s.customer)
                    .addAllActions(actionsFromJson(actions)).setPersist(true).build();
            if (outOfScope) {
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> await(flows.createFlow(request)));
                assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
                assertTrue(e.getStatus().getDescription().contains("unsupported action"), e.getStatus().getDescription());
            } else {
                Flow flow = await(flows.createFlow(request));
                assertEquals(seed.get("actions").size(), flow.getActionsCount());
                accepted++;
            }
        }
        assertEquals(11, accepted);
    }

    private JsonNode seed(int pos) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/seed-flows.json")) {
            for (JsonNode seed : EngineSupport.JSON.readTree(in)) {
                if (seed.get("pos").asInt() == pos) {
                    return seed.get("actions");
                }
            }
        }
        throw new AssertionError("no seed at " + pos);
    }

    @Test
    void seedBranchFlowRunsAsWritten() throws Exception {
        // 001 "Simple outbound call with Branch": press 2 -> the bohemian rhapsody talk, then hangup.
        Activeflow af = s.start(seed(51101).toString());
        Action first = s.next(af, START);
        assertTrue(text(first).startsWith("Hello. This is branch test"));
        Action receive = s.next(af, first.getId());
        assertEquals("digits_receive", receive.getType());
        assertEquals(1, option(receive).path("length").asInt());
        s.set(af, Map.of("voipbin.call.digits", "2"));
        Action chosen = s.next(af, receive.getId());
        assertTrue(text(chosen).startsWith("Mama, Just killed a man"), chosen.toString());
        Action hangup = s.next(af, chosen.getId());
        assertEquals("hangup", hangup.getType());
        Variables vars = await(flows.getVariables(GetVariablesRequest.newBuilder().setCustomerId(s.customer)
                .setActiveflowId(af.getId()).build()));
        assertEquals("", vars.getVariablesOrThrow("voipbin.call.digits"), "branch resets the variable");
        // call-manager hangs the call up and stops the activeflow
        assertEquals("ended", await(flows.stopActiveflow(GetActiveflowRequest.newBuilder()
                .setCustomerId(s.customer).setId(af.getId()).build())).getStatus());
    }

    @Test
    void seedBranchDefaultLoopsTwiceThenFallsThrough() throws Exception {
        // No digit: default -> goto loop_count 2 -> the menu runs 3 times, then "Loop over".
        List<String> seen = s.runToEnd(s.start(seed(51101).toString()), START, 40);
        assertEquals(3, seen.stream().filter(t -> t.startsWith("talk:Hello. This is branch test")).count(), seen.toString());
        assertEquals(3, seen.stream().filter(t -> t.startsWith("talk:You didn't choose")).count(), seen.toString());
        assertTrue(seen.get(seen.size() - 2).startsWith("talk:Loop over"), seen.toString());
        assertEquals("hangup:", seen.get(seen.size() - 1));
    }

    @Test
    void seedCampaignFlowWithLabelIdsRuns() throws Exception {
        // 001 campaign flow: ids are labels ("human_path", "confirmed"...): rewritten to UUIDs, jumps work.
        // Its first action, amd, has no handler in call-manager: the flow is refused naming it, and
        // runs without it.
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> s.start(seed(78973).toString()));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().contains("unsupported action \"amd\""), refused.getStatus().getDescription());
        com.fasterxml.jackson.databind.node.ArrayNode withoutAmd = (com.fasterxml.jackson.databind.node.ArrayNode) seed(78973).deepCopy();
        withoutAmd.remove(0);
        Activeflow af = s.start(withoutAmd.toString());
        Action menu = s.next(af, START);
        assertTrue(text(menu).startsWith("Hello! This is a reminder"));
        Action receive = s.next(af, menu.getId());
        s.set(af, Map.of("voipbin.call.digits", "1"));
        Action confirmed = s.next(af, receive.getId());
        assertTrue(text(confirmed).startsWith("Great!"), confirmed.toString());
        assertEquals("hangup", s.next(af, confirmed.getId()).getType());
    }

    @Test
    void seedDtmfSendIsNormalised() throws Exception {
        Activeflow af = s.start(seed(49218).toString());
        Action talk = s.next(af, START);
        Action dtmf = s.next(af, talk.getId());
        assertEquals("digits_send", dtmf.getType());
        assertEquals("1234567890", option(dtmf).path("digits").asText());
        assertEquals(500, option(dtmf).path("duration").asInt());
    }

    @Test
    void variableSetAndBranchChooseTheTarget() {
        String one = uuid();
        String other = uuid();
        String end = uuid();
        Activeflow af = s.start("[{\"type\":\"variable_set\",\"option\":{\"key\":\"lang\",\"value\":\"ko\"}},"
                + "{\"type\":\"digits_receive\",\"option\":{\"length\":2,\"key\":\"#\"}},"
                + "{\"type\":\"branch\",\"option\":{\"default_target_id\":\"" + other + "\",\"target_ids\":{\"1#\":\"" + one + "\"}}},"
                + talk(one, "one in ${lang}") + ",{\"type\":\"goto\",\"option\":{\"target_id\":\"" + end + "\"}},"
                + talk(other, "other") + "," + talk(end, "end") + "]");
        Action receive = s.next(af, START);
        assertEquals("digits_receive", receive.getType());
        s.set(af, Map.of("voipbin.call.digits", "1"));
        s.set(af, Map.of("voipbin.call.digits", "${voipbin.call.digits}#"));
        Action chosen = s.next(af, receive.getId());
        assertEquals("one in ko", text(chosen));
        assertEquals(one, chosen.getId());
        assertEquals("end", text(s.next(af, chosen.getId())));
    }

    @Test
    void gotoLoopCountRunsTheBodyCountPlusOneTimes() {
        String body = uuid();
        Activeflow af = s.start("[" + talk(body, "body") + ",{\"type\":\"goto\",\"option\":{\"target_id\":\"" + body
                + "\",\"loop_count\":3}}," + talk(null, "after") + "]");
        List<String> seen = s.runToEnd(af, START, 20);
        assertEquals(List.of("talk:body", "talk:body", "talk:body", "talk:body", "talk:after"), seen);
        assertEquals("ended", s.get(af).getStatus());
    }

    @Test
    void infiniteLoopIsEndedByTheStepCapWithAnEvent() throws Exception {
        try (EngineSupport.Events events = new EngineSupport.Events(amqp, names)) {
            String body = uuid();
            Activeflow af = s.start("[" + talk(body, "again") + ",{\"type\":\"goto\",\"option\":{\"target_id\":\"" + body + "\"}}]");
            List<String> seen = s.runToEnd(af, START, 100);
            assertTrue(seen.size() >= 45 && seen.size() <= 51, "test step cap is 100: " + seen.size());
            Activeflow ended = s.get(af);
            assertEquals("ended", ended.getStatus());
            assertEquals(FINISH, currentActionId(ended));
            await().atMost(Duration.ofSeconds(10)).until(() -> events.has("activeflow_updated", af.getId(), "ended"));
            JsonNode event = events.received.stream().filter(e -> e.path("type").asText().equals("activeflow_updated")
                    && e.path("data").path("id").asText().equals(af.getId())).findFirst().orElseThrow();
            assertEquals("call", event.path("data").path("reference_type").asText());
            assertEquals(af.getReferenceId(), event.path("data").path("reference_id").asText());
            assertFalse(event.path("data").has("tm_delete"), "unset times are left out");
            assertTrue(event.path("data").path("executed_actions").isArray());
            assertTrue(events.has("activeflow_created", af.getId(), "running"));
        }
    }

    /**
     * The doubling attack: {@code a=${a}${a}} in a loop would reach 16 GB within the test's 100-step cap. The
     * value bound (32 KiB) ends the activeflow at the first value past it, and the engine goes on serving.
     */
    @Test
    void aVariableDoublingInALoopEndsAtTheValueBoundAndTheEngineGoesOn() {
        String body = uuid();
        Activeflow af = s.start("[{\"type\":\"variable_set\",\"option\":{\"key\":\"a\",\"value\":\"0123456789abcdef\"}},"
                + "{\"id\":\"" + body + "\",\"type\":\"variable_set\",\"option\":{\"key\":\"a\",\"value\":\"${a}${a}\"}},"
                + "{\"type\":\"goto\",\"option\":{\"target_id\":\"" + body + "\"}}]");
        assertEquals(FINISH, s.next(af, START).getId());
        Activeflow ended = s.get(af);
        assertEquals("ended", ended.getStatus());
        // 16 bytes doubled 11 times is 32 KiB; the 12th doubling is refused: 1 + 12 sets and 11 gotos.
        assertEquals(24, ended.getExecuteCount(), ended.toString());

        String again = uuid();
        Activeflow next = s.start("[" + talk(again, "still serving") + "]");
        assertEquals(again, s.next(next, START).getId());
    }

    @Test
    void controlOnlyLoopEndsWithinOneNextAction() {
        String body = uuid();
        Activeflow af = s.start("[{\"id\":\"" + body + "\",\"type\":\"variable_set\",\"option\":{\"key\":\"x\",\"value\":\"y\"}},"
                + "{\"type\":\"goto\",\"option\":{\"target_id\":\"" + body + "\"}}]");
        assertEquals(FINISH, s.next(af, START).getId());
        assertEquals("ended", s.get(af).getStatus());
    }

    private HttpServer server(com.sun.net.httpserver.HttpHandler handler) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", handler);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return server;
    }

    @Test
    void fetchPushesTheReturnedActions() throws Exception {
        AtomicReference<String> body = new AtomicReference<>();
        HttpServer server = server(exchange -> {
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + " " + exchange.getRequestMethod());
            byte[] out = ("[" + talk(null, "fetched one") + "," + talk(null, "fetched two") + "]").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/actions";
            Activeflow af = s.start("[{\"type\":\"fetch\",\"option\":{\"event_url\":\"" + url + "\"}}," + talk(null, "after") + "]");
            assertEquals(List.of("talk:fetched one", "talk:fetched two", "talk:after"), s.runToEnd(af, START, 10));
            JsonNode sent = EngineSupport.JSON.readTree(body.get().substring(0, body.get().lastIndexOf(' ')));
            assertEquals(af.getId(), sent.path("activeflow_id").asText());
            assertEquals(af.getReferenceId(), sent.path("reference_id").asText());
            assertTrue(body.get().endsWith(" POST"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void fetchThatTimesOutFailsOnlyThatAction() throws Exception {
        HttpServer server = server(exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException ignored) {
            }
            exchange.close();
        });
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/slow";
            Activeflow af = s.start("[{\"type\":\"fetch\",\"option\":{\"event_url\":\"" + url + "\"}}," + talk(null, "after") + "]");
            long t0 = System.nanoTime();
            assertEquals("after", text(s.next(af, START)));
            assertTrue(System.nanoTime() - t0 < 3_000_000_000L, "the test fetch timeout is 1 s");
            assertEquals("running", s.get(af).getStatus());
            // a fetch answering garbage is skipped the same way
            Activeflow bad = s.start("[{\"type\":\"fetch\",\"option\":{\"event_url\":\"http://127.0.0.1:1/none\"}}," + talk(null, "next") + "]");
            assertEquals("next", text(s.next(bad, START)));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void fetchFlowAndNestedStacksReturnToTheirCaller() {
        Flow inner = s.flow("[" + talk(null, "inner") + "]");
        Flow middle = s.flow("[" + talk(null, "middle before") + ",{\"type\":\"fetch_flow\",\"option\":{\"flow_id\":\""
                + inner.getId() + "\"}}," + talk(null, "middle after") + "]");
        Activeflow af = s.start("[" + talk(null, "main before") + ",{\"type\":\"fetch_flow\",\"option\":{\"flow_id\":\""
                + middle.getId() + "\"}}," + talk(null, "main after") + "]");
        assertEquals(List.of("talk:main before", "talk:middle before", "talk:inner", "talk:middle after", "talk:main after"),
                s.runToEnd(af, START, 20));
        // another customer's flow is not fetched: the action is skipped
        EngineSupport other = new EngineSupport(flows);
        Activeflow foreign = other.start("[{\"type\":\"fetch_flow\",\"option\":{\"flow_id\":\"" + inner.getId() + "\"}},"
                + talk(null, "own") + "]");
        assertEquals("own", text(other.next(foreign, START)));
    }

    @Test
    void staleNextActionChangesNothingAndARetryGetsTheSameAnswer() {
        Activeflow af = s.start("[" + talk(null, "one") + "," + talk(null, "two") + "]");
        Action one = s.next(af, START);
        Action again = s.next(af, START);
        assertEquals(one, again, "a retried NextAction answers the same action");
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> s.next(af, uuid()));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        Activeflow read = s.get(af);
        assertEquals("running", read.getStatus());
        assertEquals(one.getId(), currentActionId(read));
        assertEquals("two", text(s.next(af, one.getId())));
        assertEquals("two", text(s.next(af, one.getId())), "retry after the step");
        assertThrows(StatusRuntimeException.class, () -> s.next(af, START));
    }

    @Test
    void bothTemplateSyntaxesSubstituteAndNumbersStayNumbers() throws Exception {
        Activeflow af = s.start("[{\"type\":\"talk\",\"option\":{\"text\":\"hi ${name} {{name}} [${unknown}] {{ voipbin.activeflow.reference_type }}\","
                + "\"custom\":[1,2.5,\"${name}\",true]}},"
                + "{\"type\":\"condition_datetime\",\"option\":{\"condition\":\"==\",\"weekdays\":[0,1,2,3,4,5,6],\"hour\":-1}},"
                + talk(null, "every day") + "]");
        s.set(af, Map.of("name", "Bob"));
        Action hi = s.next(af, START);
        assertEquals("hi Bob Bob [] call", text(hi));
        // Keys outside the contract are not handed to call-manager (its option is typed) but stay, substituted,
        // in the activeflow's public current action.
        assertEquals("[1,2.5,\"Bob\",true]", PublicJson.toJson(s.get(af)).path("current_action")
                .path("option").path("custom").toString());
        assertEquals("every day", text(s.next(af, hi.getId())));
    }

    @Test
    void conditionVariableTakesTemplatesAndBareNames() {
        String no = uuid();
        String actions = "[{\"type\":\"condition_variable\",\"option\":{\"variable\":\"${count}\",\"value_type\":\"number\",\"condition\":\">=\",\"value_number\":3,\"false_target_id\":\"" + no + "\"}},"
                + "{\"type\":\"condition_variable\",\"option\":{\"variable\":\"color\",\"value_string\":\"red\",\"false_target_id\":\"" + no + "\"}},"
                + talk(null, "yes") + ",{\"type\":\"stop\"}," + talk(no, "no") + "]";
        Activeflow match = s.start(actions);
        s.set(match, Map.of("count", "5", "color", "red"));
        assertEquals("yes", text(s.next(match, START)));
        Activeflow miss = s.start(actions);
        s.set(miss, Map.of("count", "5", "color", "blue"));
        assertEquals("no", text(s.next(miss, START)));
        Activeflow low = s.start(actions);
        s.set(low, Map.of("count", "2"));
        Action a = s.next(low, START);
        assertEquals("no", text(a));
        // stop ends the activeflow
        Action yes = s.next(match, currentActionId(s.get(match)));
        assertEquals(FINISH, yes.getId());
        assertEquals("ended", s.get(match).getStatus());
    }

    @Test
    void setVariablesSubstitutesAndReservedKeysAreDroppedOnCreate() {
        Activeflow af = await(flows.createActiveflow(net.voipbin.proto.flow.v1.CreateActiveflowRequest.newBuilder()
                .setCustomerId(s.customer).addAllActions(actionsFromJson("[" + talk(null, "x") + "]")).setReferenceType("call")
                .setReferenceId(uuid()).putVariables("voipbin.activeflow.id", "forged").putVariables(" greeting ", "hello")
                .build()));
        Variables vars = await(flows.getVariables(GetVariablesRequest.newBuilder().setCustomerId(s.customer).setActiveflowId(af.getId()).build()));
        assertEquals(af.getId(), vars.getVariablesOrThrow("voipbin.activeflow.id"));
        assertEquals("hello", vars.getVariablesOrThrow("greeting"));
        assertEquals("call", vars.getVariablesOrThrow("voipbin.activeflow.reference_type"));
        s.set(af, Map.of("voipbin.call.digits", ""));
        s.set(af, Map.of("voipbin.call.digits", "${voipbin.call.digits}4"));
        s.set(af, Map.of("voipbin.call.digits", "${voipbin.call.digits}5"));
        vars = await(flows.getVariables(GetVariablesRequest.newBuilder().setCustomerId(s.customer).setActiveflowId(af.getId()).build()));
        assertEquals("45", vars.getVariablesOrThrow("voipbin.call.digits"));
        vars = await(flows.deleteVariable(DeleteVariableRequest.newBuilder().setCustomerId(s.customer)
                .setActiveflowId(af.getId()).setKey("greeting").build()));
        assertTrue(!vars.containsVariables("greeting"));
    }

    @Test
    void theReferencingManagerWritesItsOwnVariablesAtCreation() {
        var create = net.voipbin.proto.flow.v1.CreateActiveflowRequest.newBuilder()
                .setCustomerId(s.customer).addAllActions(actionsFromJson("[" + talk(null, "x") + "]")).setReferenceType("call")
                .setReferenceId(uuid()).putReferenceVariables("voipbin.call.source.target", "+15551230001");
        Activeflow af = await(flows.createActiveflow(create.build()));
        Variables vars = await(flows.getVariables(GetVariablesRequest.newBuilder().setCustomerId(s.customer).setActiveflowId(af.getId()).build()));
        assertEquals("+15551230001", vars.getVariablesOrThrow("voipbin.call.source.target"));
        // Only its own namespace: a call may not write the activeflow's or another reference's variables.
        assertInvalid("reference_variables", () -> await(flows.createActiveflow(create.clearReferenceVariables()
                .putReferenceVariables("voipbin.activeflow.id", "forged").build())));
    }

    @Test
    void stateLivesInTheDatabaseAndSurvivesARestart() {
        Activeflow af = s.start("[" + talk(null, "one") + "," + talk(null, "two") + "," + talk(null, "three") + "]");
        Action one = s.next(af, START);
        // What a restarted replica sees: only the row (no cache exists; read it in a fresh session).
        var row = OnVertx.run(vertx, () -> Panache.withSession(() -> repository.findById(UUID.fromString(af.getId()))));
        EngineState state = EngineState.load(row);
        assertEquals(one.getId(), state.currentActionId());
        assertEquals(1, state.executeCount);
        assertTrue(row.stackMap.contains("three"));
        // A second client (another call-manager replica) continues where the first left off.
        EngineSupport replica = new EngineSupport(MutinyFlowServiceGrpc.newMutinyStub(rpc.channel("flow-manager")));
        Action two = await(replica.flows.nextAction(NextActionRequest.newBuilder().setCustomerId(s.customer)
                .setActiveflowId(af.getId()).setCurrentActionId(one.getId()).build()));
        assertEquals("two", text(two));
    }

    @Test
    void forwardAndPushChangeWhatComesNext() {
        String target = uuid();
        Activeflow af = s.start("[" + talk(null, "one") + "," + talk(null, "two") + "," + talk(target, "three") + "]");
        Action one = s.next(af, START);
        await(flows.forwardAction(ForwardActionRequest.newBuilder().setCustomerId(s.customer).setActiveflowId(af.getId())
                .setActionId(target).build()));
        Action three = s.next(af, one.getId());
        assertEquals("three", text(three));
        await(flows.pushActions(PushActionsRequest.newBuilder().setCustomerId(s.customer).setActiveflowId(af.getId())
                .addAllActions(actionsFromJson("[" + talk(null, "pushed") + "]")).build()));
        Action pushed = s.next(af, three.getId());
        assertEquals("pushed", text(pushed));
        assertEquals(FINISH, s.next(af, pushed.getId()).getId());
        assertInvalid("action_id", () -> await(flows.forwardAction(ForwardActionRequest.newBuilder()
                .setCustomerId(s.customer).setActiveflowId(s.start("[" + talk(null, "x") + "]").getId()).setActionId(uuid()).build())));
        assertInvalid("actions[0].type", () -> await(flows.pushActions(PushActionsRequest.newBuilder().setCustomerId(s.customer)
                .setActiveflowId(af.getId()).addAllActions(actionsFromJson("[{\"type\":\"nope\"}]")).build())));
    }

    @Test
    void stopIsIdempotentAndEndsTheFlow() throws Exception {
        try (EngineSupport.Events events = new EngineSupport.Events(amqp, names)) {
            Activeflow af = s.start("[" + talk(null, "one") + "]");
            Action one = s.next(af, START);
            GetActiveflowRequest byId = GetActiveflowRequest.newBuilder().setCustomerId(s.customer).setId(af.getId()).build();
            assertEquals("ended", await(flows.stopActiveflow(byId)).getStatus());
            assertEquals("ended", await(flows.stopActiveflow(byId)).getStatus());
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> s.next(af, one.getId()));
            assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
            await().atMost(Duration.ofSeconds(10)).until(() -> events.has("activeflow_updated", af.getId(), "ended"));
            assertEquals(1, events.received.stream().filter(ev -> ev.path("type").asText().equals("activeflow_updated")
                    && ev.path("data").path("id").asText().equals(af.getId())).count());
            assertEquals(af.getId(), await(flows.deleteActiveflow(byId)).getId());
            assertNotFound(() -> await(flows.getActiveflow(byId)));
            await().atMost(Duration.ofSeconds(10)).until(() -> events.has("activeflow_deleted", af.getId(), null));
            // the temporary flow went with it
            assertNotFound(() -> await(flows.getFlow(net.voipbin.proto.flow.v1.GetFlowRequest.newBuilder()
                    .setCustomerId(s.customer).setId(af.getFlowId()).build())));
        }
    }

    @Test
    void anotherCustomersActiveflowIsNotFoundForEveryRpc() {
        Activeflow af = s.start("[" + talk(null, "mine") + "]");
        String intruder = uuid();
        String id = af.getId();
        GetActiveflowRequest byId = GetActiveflowRequest.newBuilder().setCustomerId(intruder).setId(id).build();
        assertNotFound(() -> await(flows.getActiveflow(byId)));
        assertNotFound(() -> await(flows.stopActiveflow(byId)));
        assertNotFound(() -> await(flows.deleteActiveflow(byId)));
        assertNotFound(() -> await(flows.nextAction(NextActionRequest.newBuilder().setCustomerId(intruder)
                .setActiveflowId(id).setCurrentActionId(START).build())));
        assertNotFound(() -> await(flows.forwardAction(ForwardActionRequest.newBuilder().setCustomerId(intruder)
                .setActiveflowId(id).setActionId(uuid()).build())));
        assertNotFound(() -> await(flows.pushActions(PushActionsRequest.newBuilder().setCustomerId(intruder)
                .setActiveflowId(id).build())));
        assertNotFound(() -> await(flows.getVariables(GetVariablesRequest.newBuilder().setCustomerId(intruder).setActiveflowId(id).build())));
        assertNotFound(() -> await(flows.setVariables(SetVariablesRequest.newBuilder().setCustomerId(intruder)
                .setActiveflowId(id).putVariables("a", "b").build())));
        assertNotFound(() -> await(flows.deleteVariable(DeleteVariableRequest.newBuilder().setCustomerId(intruder)
                .setActiveflowId(id).setKey("a").build())));
        assertNotFound(() -> await(flows.createActiveflow(net.voipbin.proto.flow.v1.CreateActiveflowRequest.newBuilder()
                .setCustomerId(intruder).setFlowId(af.getFlowId()).setReferenceType("call").build())));
        assertEquals(0, await(flows.listActiveflows(ListActiveflowsRequest.newBuilder().setCustomerId(intruder).build())).getActiveflowsCount());
        // still intact for its owner
        assertEquals("running", s.get(af).getStatus());
        assertEquals("mine", text(s.next(af, START)));
    }

    @Test
    void createActiveflowIsIdempotentPerIdAndListed() {
        String id = uuid();
        var request = net.voipbin.proto.flow.v1.CreateActiveflowRequest.newBuilder().setCustomerId(s.customer).setId(id)
                .addAllActions(actionsFromJson("[" + talk(null, "x") + "]")).setReferenceType("call").setReferenceId(uuid()).build();
        Activeflow first = await(flows.createActiveflow(request));
        Activeflow again = await(flows.createActiveflow(request));
        assertEquals(first, again);
        assertEquals(id, first.getId());
        assertEquals(START, currentActionId(first));
        assertEquals("running", first.getStatus());
        List<String> ids = new ArrayList<>();
        await(flows.listActiveflows(ListActiveflowsRequest.newBuilder().setCustomerId(s.customer).build()))
                .getActiveflowsList().forEach(a -> ids.add(a.getId()));
        assertTrue(ids.contains(id));
        assertInvalid("flow_id", () -> await(flows.createActiveflow(net.voipbin.proto.flow.v1.CreateActiveflowRequest.newBuilder()
                .setCustomerId(s.customer).setReferenceType("call").build())));
        assertInvalid("actions[0].type", () -> await(flows.createActiveflow(net.voipbin.proto.flow.v1.CreateActiveflowRequest.newBuilder()
                .setCustomerId(s.customer).addAllActions(actionsFromJson("[{\"type\":\"ai_talk\"}]")).build())));
    }

    @Test
    void apiActiveflowExecutesControlActionsAndSkipsMedia() {
        Activeflow af = await(flows.createActiveflow(net.voipbin.proto.flow.v1.CreateActiveflowRequest.newBuilder()
                .setCustomerId(s.customer).setReferenceType("api").setExecute(true)
                .addAllActions(actionsFromJson("[" + talk(null, "nobody hears this") + ",{\"type\":\"variable_set\",\"option\":{\"key\":\"done\",\"value\":\"yes\"}}]"))
                .build()));
        await().atMost(Duration.ofSeconds(10)).until(() -> "ended".equals(s.get(af).getStatus()));
        Variables vars = await(flows.getVariables(GetVariablesRequest.newBuilder().setCustomerId(s.customer).setActiveflowId(af.getId()).build()));
        assertEquals("yes", vars.getVariablesOrThrow("done"));
    }

    static String currentActionId(Activeflow af) {
        return af.getCurrentAction().getId();
    }
}
