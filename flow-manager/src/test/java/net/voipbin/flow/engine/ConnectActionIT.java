package net.voipbin.flow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.EventLoopContexts;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.common.rpc.RpcDispatcher;
import net.voipbin.common.rpc.RpcMetrics;
import net.voipbin.proto.call.v1.ActionNextRequest;
import net.voipbin.proto.call.v1.Call;
import net.voipbin.proto.call.v1.Confbridge;
import net.voipbin.proto.call.v1.CreateCallsRequest;
import net.voipbin.proto.call.v1.CreateCallsResponse;
import net.voipbin.proto.call.v1.CreateConfbridgeRequest;
import net.voipbin.proto.call.v1.MutinyCallServiceGrpc;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.proto.flow.v1.Activeflow;
import net.voipbin.proto.flow.v1.CreateActiveflowRequest;
import net.voipbin.proto.flow.v1.FlowAction;
import net.voipbin.proto.flow.v1.FlowActionJson;
import net.voipbin.proto.flow.v1.ForwardActionRequest;
import net.voipbin.proto.flow.v1.MutinyFlowServiceGrpc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static net.voipbin.common.testing.ServiceChecks.awaitBroker;
import static net.voipbin.flow.engine.EngineSupport.FINISH;
import static net.voipbin.flow.engine.EngineSupport.START;
import static net.voipbin.flow.engine.EngineSupport.await;
import static net.voipbin.flow.engine.EngineSupport.option;
import static net.voipbin.flow.engine.EngineSupport.text;
import static net.voipbin.proto.flow.v1.FlowActionJson.actionsFromJson;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * connect / call / forward_now against a fake call-manager served on this test namespace's
 * bin-manager.call-manager.request queue, which records what flow-manager asks for.
 */
@QuarkusTest
class ConnectActionIT {

    /** Fake CallService: one call per destination (none for target "+10000000000"). */
    static final class FakeCalls extends MutinyCallServiceGrpc.CallServiceImplBase {
        final List<CreateConfbridgeRequest> confbridges = new CopyOnWriteArrayList<>();
        final List<CreateCallsRequest> calls = new CopyOnWriteArrayList<>();
        final List<ActionNextRequest> nexts = new CopyOnWriteArrayList<>();

        @Override
        public Uni<Confbridge> createConfbridge(CreateConfbridgeRequest request) {
            confbridges.add(request);
            return Uni.createFrom().item(Confbridge.newBuilder().setId(Ids.newId().toString())
                    .setCustomerId(request.getCustomerId()).setType(request.getType()).build());
        }

        @Override
        public Uni<CreateCallsResponse> createCalls(CreateCallsRequest request) {
            calls.add(request);
            CreateCallsResponse.Builder response = CreateCallsResponse.newBuilder();
            request.getDestinationsList().stream().filter(d -> !d.getTarget().equals("+10000000000"))
                    .forEach(d -> response.addCalls(Call.newBuilder().setId(Ids.newId().toString()).setDestination(d)));
            return Uni.createFrom().item(response.build());
        }

        @Override
        public Uni<Call> actionNext(ActionNextRequest request) {
            nexts.add(request);
            return Uni.createFrom().item(Call.newBuilder().setId(request.getId()).build());
        }
    }

    static final FakeCalls FAKE = new FakeCalls();
    static RpcDispatcher dispatcher;

    @Inject
    RpcClient rpc;
    @Inject
    AmqpConnection amqp;
    @Inject
    BrokerNames names;
    @Inject
    Vertx vertx;

    MutinyFlowServiceGrpc.MutinyFlowServiceStub flows;
    EngineSupport s;

    @BeforeEach
    void connect() {
        awaitBroker(amqp);
        synchronized (ConnectActionIT.class) {
            if (dispatcher == null) {
                dispatcher = new RpcDispatcher(amqp, names.requestQueue("call-manager"), 10, Duration.ofSeconds(10),
                        List.of(FAKE), new EventLoopContexts(vertx, 1), new RpcMetrics(null, "fake"));
                dispatcher.start();
            }
        }
        flows = MutinyFlowServiceGrpc.newMutinyStub(rpc.channel("flow-manager"));
        s = new EngineSupport(flows);
        FAKE.confbridges.clear();
        FAKE.calls.clear();
        FAKE.nexts.clear();
    }

    private Activeflow callFlow(String actions, String callId) {
        Activeflow af = await(flows.createActiveflow(CreateActiveflowRequest.newBuilder().setCustomerId(s.customer)
                .addAllActions(actionsFromJson(actions)).setReferenceType("call").setReferenceId(callId).build()));
        s.set(af, Map.of("voipbin.call.id", callId, "voipbin.call.source.type", "tel",
                "voipbin.call.source.target", "+15550001111"));
        return af;
    }

    private static JsonNode json(List<FlowAction> actions) throws Exception {
        return EngineSupport.JSON.readTree(FlowActionJson.toJson(actions));
    }

    @Test
    void connectBridgesTheCallerWithTheNewLegs() throws Exception {
        String caller = Ids.newId().toString();
        Activeflow af = callFlow("[{\"type\":\"connect\",\"option\":{\"source\":{\"type\":\"tel\",\"target\":\"+15559876543\"},"
                + "\"destinations\":[{\"type\":\"tel\",\"target\":\"+15551111111\"}],\"early_media\":true,\"relay_reason\":true,"
                + "\"anonymous\":\"yes\",\"ring_timeout\":30000}},"
                + "{\"type\":\"talk\",\"option\":{\"text\":\"after connect\"}}]", caller);
        Action join = s.next(af, START);
        assertEquals("confbridge_join", join.getType());

        assertEquals(1, FAKE.confbridges.size());
        CreateConfbridgeRequest cb = FAKE.confbridges.get(0);
        assertEquals(s.customer, cb.getCustomerId());
        assertEquals(af.getId(), cb.getActiveflowId());
        assertEquals("call", cb.getReferenceType());
        assertEquals(caller, cb.getReferenceId());
        assertEquals("connect", cb.getType());

        assertEquals(1, FAKE.calls.size());
        CreateCallsRequest calls = FAKE.calls.get(0);
        assertEquals(caller, calls.getMasterCallId());
        assertTrue(calls.getConnect());
        assertTrue(calls.getEarlyExecution());
        assertEquals("yes", calls.getAnonymous());
        assertEquals(30000, calls.getDialTimeoutMs());
        assertEquals("+15559876543", calls.getSource().getTarget());
        assertEquals("+15551111111", calls.getDestinations(0).getTarget());
        JsonNode legs = json(calls.getActionsList());
        assertEquals(2, legs.size());
        assertEquals("confbridge_join", legs.get(0).path("type").asText());
        String confbridgeId = legs.get(0).path("option").path("confbridge_id").asText();
        assertEquals("hangup", legs.get(1).path("type").asText());
        assertEquals(confbridgeId, option(join).path("confbridge_id").asText());

        // relay_reason: after the bridge, hang up with the leg's reason, then the caller's flow goes on
        Action relay = s.next(af, join.getId());
        assertEquals("hangup", relay.getType());
        assertFalse(option(relay).path("reference_id").asText().isEmpty());
        assertEquals("after connect", text(s.next(af, relay.getId())));
    }

    @Test
    void connectWithoutAnyCallCreatedFailsOnlyThatAction() {
        Activeflow af = callFlow("[{\"type\":\"connect\",\"option\":{\"destinations\":[{\"type\":\"tel\",\"target\":\"+10000000000\"}]}},"
                + "{\"type\":\"talk\",\"option\":{\"text\":\"nobody answered\"}}]", Ids.newId().toString());
        assertEquals("nobody answered", text(s.next(af, START)));
        assertEquals(1, FAKE.calls.size());
        // no source in the option: the caller's own source is used
        assertEquals("+15550001111", FAKE.calls.get(0).getSource().getTarget());
    }

    @Test
    void seedWhisperFlowGivesTheLegAScreeningFlow() throws Exception {
        JsonNode seed = null;
        try (InputStream in = getClass().getResourceAsStream("/seed-flows.json")) {
            for (JsonNode candidate : EngineSupport.JSON.readTree(in)) {
                if (candidate.get("pos").asInt() == 86235) {
                    seed = candidate.get("actions");
                }
            }
        }
        Activeflow af = callFlow(seed.toString(), Ids.newId().toString());
        Action talk = s.next(af, START);
        Action record = s.next(af, talk.getId());
        assertEquals("record_voice", record.getType());
        assertEquals("caller_name_recording", option(record).path("variable_name").asText());
        // call-manager stores the recording reference into the named variable
        s.set(af, Map.of("caller_name_recording", "https://media.example/rec.wav"));
        Action hold = s.next(af, s.next(af, record.getId()).getId());
        assertEquals("moh_start", hold.getType());
        Action join = s.next(af, hold.getId());
        assertEquals("confbridge_join", join.getType());
        JsonNode legs = json(FAKE.calls.get(0).getActionsList());
        assertEquals(List.of("talk", "play", "digits_receive", "branch", "confbridge_join", "hangup"),
                java.util.stream.StreamSupport.stream(legs.spliterator(), false).map(a -> a.path("type").asText()).toList());
        assertEquals("You have a call from:", legs.get(0).path("option").path("text").asText());
        assertEquals("https://media.example/rec.wav", legs.get(1).path("option").path("stream_urls").get(0).asText());
        assertEquals("12", legs.get(2).path("option").path("key").asText());
        assertEquals(legs.get(4).path("id").asText(), legs.get(3).path("option").path("target_ids").path("1").asText());
        assertEquals(legs.get(5).path("id").asText(), legs.get(3).path("option").path("default_target_id").asText());
        // the leg flow is itself a valid flow (call-manager creates its activeflow from it)
        Activeflow leg = await(flows.createActiveflow(CreateActiveflowRequest.newBuilder().setCustomerId(s.customer)
                .addAllActions(FAKE.calls.get(0).getActionsList()).setReferenceType("call")
                .setReferenceId(Ids.newId().toString()).build()));
        Action whisper = s.next(leg, START);
        Action play = s.next(leg, whisper.getId());
        Action digits = s.next(leg, play.getId());
        s.set(leg, Map.of("voipbin.call.digits", "2"));
        assertEquals("hangup", s.next(leg, digits.getId()).getType(), "reject -> the leg hangs up");
        // with whisper no relay hangup is pushed: when the caller's confbridge_join completes, the flow ends
        assertEquals(FINISH, s.next(af, join.getId()).getId());
    }

    @Test
    void callActionCreatesCallsWithoutWaiting() throws Exception {
        String caller = Ids.newId().toString();
        Activeflow af = callFlow("[{\"type\":\"call\",\"option\":{\"anonymous\":\"yes\",\"chained\":true,"
                + "\"source\":{\"type\":\"tel\",\"target\":\"+15551234567\"},\"destinations\":[{\"type\":\"tel\",\"target\":\"+15557778888\"}],"
                + "\"actions\":[{\"type\":\"talk\",\"option\":{\"text\":\"notification\"}}]}},"
                + "{\"type\":\"talk\",\"option\":{\"text\":\"sent\"}}]", caller);
        assertEquals("sent", text(s.next(af, START)));
        CreateCallsRequest request = FAKE.calls.get(0);
        assertEquals(caller, request.getMasterCallId());
        assertEquals("yes", request.getAnonymous());
        assertFalse(request.getConnect());
        JsonNode actions = json(request.getActionsList());
        assertEquals("notification", actions.get(0).path("option").path("text").asText());
        assertTrue(actions.get(0).path("id").asText().matches("[0-9a-f-]{36}"));
    }

    @Test
    void forwardNowAsksTheCallForItsNextAction() {
        String caller = Ids.newId().toString();
        String target = Ids.newId().toString();
        Activeflow af = callFlow("[{\"type\":\"talk\",\"option\":{\"text\":\"one\"}},{\"id\":\"" + target
                + "\",\"type\":\"talk\",\"option\":{\"text\":\"two\"}}]", caller);
        s.next(af, START);
        await(flows.forwardAction(ForwardActionRequest.newBuilder().setCustomerId(s.customer).setActiveflowId(af.getId())
                .setActionId(target).setForwardNow(true).build()));
        await().atMost(Duration.ofSeconds(10)).until(() -> !FAKE.nexts.isEmpty());
        ActionNextRequest next = FAKE.nexts.get(0);
        assertEquals(caller, next.getId());
        assertTrue(next.getForce());
        assertEquals(s.customer, next.getCustomerId());
    }
}
