package net.voipbin.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import net.voipbin.proto.call.v1.Call;
import net.voipbin.proto.call.v1.CallToggleRequest;
import net.voipbin.proto.call.v1.ChainedCallRequest;
import net.voipbin.proto.call.v1.CreateCallsRequest;
import net.voipbin.proto.call.v1.CreateNumberRequest;
import net.voipbin.proto.call.v1.GetCallRequest;
import net.voipbin.proto.call.v1.HangupCallRequest;
import net.voipbin.proto.call.v1.ListCallsRequest;
import net.voipbin.proto.call.v1.ListRecordingsRequest;
import net.voipbin.proto.call.v1.MuteRequest;
import net.voipbin.proto.call.v1.PlayRequest;
import net.voipbin.proto.call.v1.SendDtmfRequest;
import net.voipbin.proto.call.v1.StartRecordingRequest;
import net.voipbin.proto.call.v1.TalkRequest;
import net.voipbin.proto.common.v1.Address;
import net.voipbin.proto.flow.v1.CreateFlowRequest;
import net.voipbin.proto.storage.v1.GetFileRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static net.voipbin.proto.flow.v1.FlowActionJson.actionsFromJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * call-manager end to end: real broker and database, asterisk-proxy on asterisk-sim, flow-manager
 * driving the flows. Each hangup reason comes from the scenario that causes it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallScenariosIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger NUMBERS = new AtomicInteger(1000);
    private static final String LONG_FLOW = "[{\"type\":\"talk\",\"option\":{\"text\":\"hello there\"}},"
            + "{\"type\":\"sleep\",\"option\":{\"duration\":60000}}]";

    private Telephony t;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Telephony.packaged(), "services are not packaged (run mvn package first)");
        // A short duration limit, so the timeout scenario does not take an hour.
        // Two PSTN routes for failover; orphan channels reconciled after 1 s instead of 30 s.
        t = new Telephony(Map.of("VOIPBIN_CALL_MAX_DURATION", "20s", "VOIPBIN_CALL_PSTN_HOSTS", "pstn-a,pstn-b",
                "VOIPBIN_CALL_ORPHAN_GRACE", "1s"));
    }

    @AfterAll
    void stop() throws Exception {
        if (t != null) {
            t.close();
        }
    }

    private static <T> T await(io.smallrye.mutiny.Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(70));
    }

    private static String nextNumber() {
        return "+1555" + String.format("%07d", NUMBERS.incrementAndGet());
    }

    private static Address tel(String number) {
        return Address.newBuilder().setType("tel").setTarget(number).build();
    }

    /** A customer with money and a number of its own to call from. */
    private record Customer(String id, String number) {
    }

    private Customer customer() {
        String id = t.fundedCustomer();
        String number = nextNumber();
        t.provision(number);
        await(t.numbers.createNumber(CreateNumberRequest.newBuilder().setCustomerId(id).setNumber(number).setName("main").build()));
        return new Customer(id, number);
    }

    private Call dial(Customer c, String destination, String actions, Supplier<CreateCallsRequest.Builder> extra) {
        CreateCallsRequest.Builder req = (extra == null ? CreateCallsRequest.newBuilder() : extra.get())
                .setCustomerId(c.id()).setSource(tel(c.number())).addDestinations(tel(destination)).addAllActions(actionsFromJson(actions));
        return await(t.calls.createCalls(req.build())).getCalls(0);
    }

    private Call get(String customer, String id) {
        return await(t.calls.getCall(GetCallRequest.newBuilder().setCustomerId(customer).setId(id).build()));
    }

    private Call awaitStatus(String customer, String id, String status) throws InterruptedException {
        Telephony.waitFor("call " + id + " " + status, WAIT, () -> status.equals(get(customer, id).getStatus()));
        return get(customer, id);
    }

    private void assertHangup(Call call, String reason, String by) {
        assertEquals("hangup", call.getStatus());
        assertEquals(reason, call.getHangupReason(), "hangup_reason of " + call.getId());
        assertEquals(by, call.getHangupBy(), "hangup_by of " + call.getId());
        assertTrue(!call.getTmHangup().isEmpty());
    }

    private void assertOneHungupEvent(String callId) throws InterruptedException {
        Telephony.waitFor("call_hungup of " + callId, WAIT, () -> t.eventsOf(callId, "call_hungup").size() == 1);
        Thread.sleep(300);
        assertEquals(1, t.eventsOf(callId, "call_hungup").size(), t.eventTypes(callId).toString());
    }

    @Test
    void answeredThenHungUpRemotelyIsNormalRemote() throws Exception {
        Customer c = customer();
        String dest = nextNumber();
        t.endpoint(dest, "{\"result\":\"answer\",\"answer_after_ms\":200,\"hangup_after_ms\":2500}");
        Call call = dial(c, dest, LONG_FLOW, null);
        assertEquals("dialing", call.getStatus());
        assertEquals("outgoing", call.getDirection());
        Call done = awaitStatus(c.id(), call.getId(), "hangup");
        assertHangup(done, "normal", "remote");
        assertTrue(!done.getTmRinging().isEmpty() && !done.getTmProgressing().isEmpty());
        JsonNode channel = t.simJson("/sim/channels/" + call.getId());
        assertEquals("hello there", channel.path("spoken").path(0).asText(), channel.toString());
        List<String> types = t.eventTypes(call.getId());
        assertTrue(types.indexOf("call_created") < types.indexOf("call_ringing"), types.toString());
        assertTrue(types.indexOf("call_ringing") < types.indexOf("call_answered"), types.toString());
        assertTrue(types.contains("call_progressing"), types.toString());
        assertOneHungupEvent(call.getId());
    }

    @Test
    void busyNoanswerRejectedAndFailedCarryTheirReasons() throws Exception {
        Customer c = customer();
        Map<String, String> expected = Map.of(
                "{\"result\":\"busy\"}", "busy",
                "{\"result\":\"noanswer\",\"hangup_after_ms\":1000}", "noanswer",
                // Q.850 21 (call rejected) reads as noanswer, as in the reference.
                "{\"result\":\"reject\"}", "noanswer",
                "{\"result\":\"fail\"}", "failed");
        List<String[]> placed = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String dest = nextNumber();
            t.endpoint(dest, e.getKey());
            placed.add(new String[]{dial(c, dest, LONG_FLOW, null).getId(), e.getValue()});
        }
        for (String[] p : placed) {
            assertHangup(awaitStatus(c.id(), p[0], "hangup"), p[1], "remote");
            assertOneHungupEvent(p[0]);
        }
    }

    @Test
    void ourDialTimeoutIsDialoutAndApiHangupWhileRingingIsCancel() throws Exception {
        Customer c = customer();
        String silent = nextNumber();
        t.endpoint(silent, "{\"result\":\"noanswer\"}");
        Call timedOut = dial(c, silent, LONG_FLOW, () -> CreateCallsRequest.newBuilder().setDialTimeoutMs(1500));
        String ringing = nextNumber();
        t.endpoint(ringing, "{\"result\":\"answer\",\"answer_after_ms\":20000}");
        Call cancelled = dial(c, ringing, LONG_FLOW, null);
        awaitStatus(c.id(), cancelled.getId(), "ringing");
        await(t.calls.hangupCall(HangupCallRequest.newBuilder().setCustomerId(c.id()).setId(cancelled.getId()).build()));
        assertHangup(awaitStatus(c.id(), cancelled.getId(), "hangup"), "cancel", "local");
        assertHangup(awaitStatus(c.id(), timedOut.getId(), "hangup"), "dialout", "local");
        assertOneHungupEvent(cancelled.getId());
        assertOneHungupEvent(timedOut.getId());
    }

    @Test
    void earlyExecutionRunsTheFlowWhileRingingAndAnonymousHidesTheCaller() throws Exception {
        Customer c = customer();
        String dest = nextNumber();
        t.endpoint(dest, "{\"result\":\"answer\",\"answer_after_ms\":6000}");
        Call call = dial(c, dest, "[{\"type\":\"talk\",\"option\":{\"text\":\"early words\"}},"
                + "{\"type\":\"sleep\",\"option\":{\"duration\":60000}}]",
                () -> CreateCallsRequest.newBuilder().setEarlyExecution(true).setAnonymous("yes"));
        Telephony.waitFor("early media while ringing", WAIT, () -> {
            try {
                return t.simJson("/sim/channels/" + call.getId()).path("spoken").toString().contains("early words");
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals("ringing", get(c.id(), call.getId()).getStatus(), "the flow ran before the answer");
        JsonNode ch = t.simJson("/sim/channels/" + call.getId());
        assertEquals("id", ch.path("variables").path("PJSIP_HEADER(add,Privacy)").asText(), ch.toString());
        assertEquals("<tel:" + c.number() + ">", ch.path("variables").path("PJSIP_HEADER(add,P-Asserted-Identity)").asText(), ch.toString());
        assertTrue(ch.path("caller").toString().toLowerCase().contains("anonymous"), ch.toString());
        await(t.calls.hangupCall(HangupCallRequest.newBuilder().setCustomerId(c.id()).setId(call.getId()).build()));
        assertHangup(awaitStatus(c.id(), call.getId(), "hangup"), "cancel", "local");
    }

    @Test
    void aCallFailingOnItsRouteIsDialledOnTheNextButBusyIsFinal() throws Exception {
        Customer c = customer();
        String rerouted = nextNumber();
        t.endpoint(rerouted + "@pstn-a", "{\"result\":\"fail\"}");
        t.endpoint(rerouted, "{\"result\":\"answer\",\"hangup_after_ms\":1500}");
        String busy = nextNumber();
        t.endpoint(busy + "@pstn-a", "{\"result\":\"busy\"}");
        Call first = dial(c, rerouted, LONG_FLOW, null);
        Call second = dial(c, busy, LONG_FLOW, null);
        assertHangup(awaitStatus(c.id(), first.getId(), "hangup"), "normal", "remote");
        JsonNode viaB = t.simJson("/sim/channels/" + first.getId() + "-1");
        assertTrue(viaB.path("endpoint").asText().contains("@pstn-b"), viaB.toString());
        assertEquals(34, t.simJson("/sim/channels/" + first.getId()).path("hangup_cause").asInt());
        assertTrue(t.eventTypes(first.getId()).contains("call_answered"));
        assertOneHungupEvent(first.getId());

        assertHangup(awaitStatus(c.id(), second.getId(), "hangup"), "busy", "remote");
        assertEquals(404, t.sim().get("/sim/channels/" + second.getId() + "-1"), "busy is the callee's answer: no other route");
    }

    @Test
    void afterAsteriskComesBackCallsWhoseChannelVanishedEndAndOrphanChannelsAreHungUp() throws Exception {
        Customer c = customer();
        String dest = nextNumber();
        t.endpoint(dest, "{\"result\":\"answer\"}");
        Call call = dial(c, dest, LONG_FLOW, null);
        awaitStatus(c.id(), call.getId(), "progressing");
        t.restart("asterisk-sim"); // every channel is gone, and no ChannelDestroyed ever comes
        assertHangup(awaitStatus(c.id(), call.getId(), "hangup"), "normal", "remote");
        assertOneHungupEvent(call.getId());

        // A channel in our Stasis app that no call owns (as if its call's row never got written).
        var ari = net.voipbin.proto.asterisk.v1.MutinyAriServiceGrpc.newMutinyStub(t.bus.rpc.channelToQueue("asterisk.call.request"));
        String orphan = "orphan-" + java.util.UUID.randomUUID();
        var created = await(ari.request(net.voipbin.proto.asterisk.v1.AriRequest.newBuilder().setMethod("POST")
                .setUri("/ari/channels/create?endpoint=PJSIP/" + java.net.URLEncoder.encode(nextNumber(), java.nio.charset.StandardCharsets.UTF_8)
                        + "@trunk&app=voipbin&channelId=" + orphan + "&appArgs=context_type%3Dcall,context%3Dcall-out").build()));
        assertEquals(200, created.getStatusCode(), created.getBody().toStringUtf8());
        Thread.sleep(1500);
        t.restart("asterisk-proxy"); // reconnecting makes call-manager reconcile
        Telephony.waitFor("orphan hung up", WAIT, () -> {
            try {
                return t.simJson("/sim/channels/" + orphan).path("hungup").asBoolean();
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void maximumDurationIsTimeout() throws Exception {
        Customer c = customer();
        String dest = nextNumber();
        t.endpoint(dest, "{\"result\":\"answer\"}");
        Call call = dial(c, dest, LONG_FLOW, null);
        Telephony.waitFor("max duration", Duration.ofSeconds(40), () -> "hangup".equals(get(c.id(), call.getId()).getStatus()));
        assertHangup(get(c.id(), call.getId()), "timeout", "local");
    }

    @Test
    void sourceValidationRejectsANumberTheCustomerDoesNotOwn() throws Exception {
        Customer c = customer();
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> await(t.calls.createCalls(
                CreateCallsRequest.newBuilder().setCustomerId(c.id()).setSource(tel("+15559999999"))
                        .addDestinations(tel(nextNumber())).addAllActions(actionsFromJson(LONG_FLOW)).build())));
        assertTrue(refused.getStatus().getDescription().contains("source"), refused.getMessage());
        StatusRuntimeException broke = assertThrows(StatusRuntimeException.class, () -> await(t.calls.createCalls(
                CreateCallsRequest.newBuilder().setCustomerId(java.util.UUID.randomUUID().toString()).setSource(tel(c.number()))
                        .addDestinations(tel(nextNumber())).addAllActions(actionsFromJson(LONG_FLOW)).build())));
        assertTrue(broke.getStatus().getDescription().startsWith("insufficient balance"), broke.getMessage());
    }

    @Test
    void mediaOperationsShowOnTheSimulatorAndTwoRecordingsMakeTwoFiles() throws Exception {
        Customer c = customer();
        String dest = nextNumber();
        t.endpoint(dest, "{\"result\":\"answer\"}");
        Call call = dial(c, dest, LONG_FLOW, null);
        String id = call.getId();
        awaitStatus(c.id(), id, "progressing");
        var req = CallToggleRequest.newBuilder().setCustomerId(c.id()).setId(id);
        await(t.calls.hold(req.setOn(true).build()));
        await(t.calls.moh(req.setOn(true).build()));
        await(t.calls.mute(MuteRequest.newBuilder().setCustomerId(c.id()).setId(id).setOn(true).setDirection("in").build()));
        Call muted = await(t.calls.mute(MuteRequest.newBuilder().setCustomerId(c.id()).setId(id).setOn(true).setDirection("out").build()));
        assertEquals("both", muted.getMuteDirection());
        await(t.calls.sendDtmf(SendDtmfRequest.newBuilder().setCustomerId(c.id()).setId(id).setDigits("12#").build()));
        await(t.calls.talk(TalkRequest.newBuilder().setCustomerId(c.id()).setId(id).setText("one moment please").build()));
        await(t.calls.play(PlayRequest.newBuilder().setCustomerId(c.id()).setId(id).addMediaUrls("https://example.com/a.wav").build()));
        JsonNode ch = t.simJson("/sim/channels/" + id);
        assertEquals(true, ch.path("hold").asBoolean(), ch.toString());
        assertEquals(true, ch.path("moh").asBoolean(), ch.toString());
        assertTrue(ch.path("mute").toString().contains("both") || ch.path("mute").asBoolean(false), ch.toString());
        assertTrue(ch.path("dtmf_sent").toString().contains("12#"), ch.toString());
        Telephony.waitFor("spoken", WAIT, () -> {
            try {
                return t.simJson("/sim/channels/" + id).path("spoken").toString().contains("one moment please");
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(t.simJson("/sim/channels/" + id).path("played").toString().contains("https://example.com/a.wav"));
        Call unmuted = await(t.calls.mute(MuteRequest.newBuilder().setCustomerId(c.id()).setId(id).setOn(false).setDirection("in").build()));
        assertEquals("out", unmuted.getMuteDirection());

        for (int i = 0; i < 2; i++) {
            var rec = await(t.calls.startRecording(StartRecordingRequest.newBuilder().setCustomerId(c.id()).setId(id).setFormat("wav").build()));
            Telephony.waitFor("recording started", WAIT, () -> get(c.id(), id).getRecordingId().equals(rec.getId()));
            Thread.sleep(1100);
            await(t.calls.stopRecording(GetCallRequest.newBuilder().setCustomerId(c.id()).setId(id).build()));
            Telephony.waitFor("recording finished", WAIT, () -> get(c.id(), id).getRecordingId().isEmpty());
        }
        Call recorded = get(c.id(), id);
        assertEquals(2, recorded.getRecordingIdsCount());
        Telephony.waitFor("two stored files", WAIT, () -> await(t.calls.listRecordings(ListRecordingsRequest.newBuilder()
                .setCustomerId(c.id()).setReferenceId(id).build())).getRecordingsList().stream()
                .filter(r -> !r.getStorageFileId().isEmpty()).count() == 2);
        for (var r : await(t.calls.listRecordings(ListRecordingsRequest.newBuilder().setCustomerId(c.id()).setReferenceId(id).build()))
                .getRecordingsList()) {
            assertEquals("ended", r.getStatus());
            assertTrue(r.getDurationMs() >= 1000, r.toString());
            var file = await(t.storage.getFile(GetFileRequest.newBuilder().setCustomerId(c.id()).setId(r.getStorageFileId()).build()));
            assertTrue(file.getFilesize() > 44, file.toString());
        }
        await(t.calls.hangupCall(HangupCallRequest.newBuilder().setCustomerId(c.id()).setId(id).build()));
        assertHangup(awaitStatus(c.id(), id, "hangup"), "normal", "local");
    }

    @Test
    void mediaOnACallNotAnsweredIsAPreconditionFailure() throws Exception {
        Customer c = customer();
        String dest = nextNumber();
        t.endpoint(dest, "{\"result\":\"answer\",\"answer_after_ms\":20000}");
        Call call = dial(c, dest, LONG_FLOW, null);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> await(t.calls.hold(CallToggleRequest.newBuilder()
                .setCustomerId(c.id()).setId(call.getId()).setOn(true).build())));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        await(t.calls.hangupCall(HangupCallRequest.newBuilder().setCustomerId(c.id()).setId(call.getId()).build()));
    }

    @Test
    void masterHangupCascadesAndAHungUpMasterCannotBeChained() throws Exception {
        Customer c = customer();
        String a = nextNumber();
        String b = nextNumber();
        t.endpoint(a, "{\"result\":\"answer\"}");
        t.endpoint(b, "{\"result\":\"answer\"}");
        Call master = dial(c, a, LONG_FLOW, null);
        awaitStatus(c.id(), master.getId(), "progressing");
        Call chained = dial(c, b, LONG_FLOW, () -> CreateCallsRequest.newBuilder().setMasterCallId(master.getId()));
        awaitStatus(c.id(), chained.getId(), "progressing");
        assertEquals(List.of(chained.getId()), get(c.id(), master.getId()).getChainedCallIdsList());
        await(t.calls.hangupCall(HangupCallRequest.newBuilder().setCustomerId(c.id()).setId(master.getId()).build()));
        assertHangup(awaitStatus(c.id(), chained.getId(), "hangup"), "normal", "local");

        String x = nextNumber();
        t.endpoint(x, "{\"result\":\"answer\"}");
        Call other = dial(c, x, LONG_FLOW, null);
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> await(t.calls.addChainedCall(
                ChainedCallRequest.newBuilder().setCustomerId(c.id()).setId(master.getId()).setChainedCallId(other.getId()).build())));
        assertEquals(Status.Code.FAILED_PRECONDITION, refused.getStatus().getCode());
        StatusRuntimeException refusedCreate = assertThrows(StatusRuntimeException.class,
                () -> dial(c, nextNumber(), LONG_FLOW, () -> CreateCallsRequest.newBuilder().setMasterCallId(master.getId())));
        assertEquals(Status.Code.FAILED_PRECONDITION, refusedCreate.getStatus().getCode());
        await(t.calls.hangupCall(HangupCallRequest.newBuilder().setCustomerId(c.id()).setId(other.getId()).build()));
    }

    @Test
    void inboundToAnOwnedNumberRunsItsFlowAndAnUnknownNumberIsRefused() throws Exception {
        String customer = t.fundedCustomer();
        var flow = await(t.flows.createFlow(CreateFlowRequest.newBuilder().setCustomerId(customer).setName("welcome").setPersist(true)
                .addAllActions(actionsFromJson("[{\"type\":\"answer\"},{\"type\":\"talk\",\"option\":{\"text\":\"welcome to voipbin\"}},{\"type\":\"hangup\"}]"))
                .build()));
        String number = nextNumber();
        t.provision(number);
        await(t.numbers.createNumber(CreateNumberRequest.newBuilder().setCustomerId(customer).setNumber(number)
                .setCallFlowId(flow.getId()).build()));
        String channelId = Telephony.JSON.readTree(t.sim().send("POST", "/sim/calls",
                "{\"source\":\"+15557654321\",\"destination\":\"" + number + "\"}")).path("channel_id").asText();
        Telephony.waitFor("inbound call hung up by its flow", WAIT, () -> {
            try {
                return t.simJson("/sim/channels/" + channelId).path("hungup").asBoolean();
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode ch = t.simJson("/sim/channels/" + channelId);
        assertEquals("welcome to voipbin", ch.path("spoken").path(0).asText(), ch.toString());
        var list = await(t.calls.listCalls(ListCallsRequest.newBuilder().setCustomerId(customer).build()));
        assertEquals(1, list.getCallsCount());
        Call in = list.getCalls(0);
        assertEquals("incoming", in.getDirection());
        assertEquals(number, in.getDestination().getTarget());
        assertEquals("+15557654321", in.getSource().getTarget());
        awaitStatus(customer, in.getId(), "hangup");
        assertEquals("local", get(customer, in.getId()).getHangupBy());

        String unknown = Telephony.JSON.readTree(t.sim().send("POST", "/sim/calls",
                "{\"source\":\"+15557654321\",\"destination\":\"+15550000001\"}")).path("channel_id").asText();
        Telephony.waitFor("unknown number refused", WAIT, () -> {
            try {
                return t.simJson("/sim/channels/" + unknown).path("hungup").asBoolean();
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(1, t.simJson("/sim/channels/" + unknown).path("hangup_cause").asInt(), "unallocated number");
    }

    @Test
    void restartingCallManagerDuring50LiveCallsLosesNone() throws Exception {
        Customer c = customer();
        List<io.smallrye.mutiny.Uni<String>> placing = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String dest = nextNumber();
            // They hang up (remotely) 9-10.5 s after answering: once all 50 are up, while call-manager restarts.
            // (Was 4 s: since the call-manager split, setting up 50 calls at once spreads over more than 4 s;
            // issue 14 measures and brings that back down.)
            t.endpoint(dest, "{\"result\":\"answer\",\"answer_after_ms\":300,\"hangup_after_ms\":" + (9000 + 30 * i) + "}");
            // A burst of 50 creations queues behind the server's prefetch: a deadline for the burst, not per call.
            placing.add(t.calls.withDeadlineAfter(60, java.util.concurrent.TimeUnit.SECONDS).createCalls(CreateCallsRequest.newBuilder().setCustomerId(c.id()).setSource(tel(c.number()))
                    .addDestinations(tel(dest)).addAllActions(actionsFromJson(LONG_FLOW)).build()).map(r -> r.getCalls(0).getId()));
        }
        List<String> ids = await(io.smallrye.mutiny.Uni.join().all(placing).andFailFast());
        Telephony.waitFor("all 50 answered", WAIT, () -> ids.stream().allMatch(id -> "progressing".equals(get(c.id(), id).getStatus())));
        t.restartCallManager();
        for (String id : ids) {
            assertHangup(awaitStatus(c.id(), id, "hangup"), "normal", "remote");
        }
        Thread.sleep(500);
        for (String id : ids) {
            assertEquals(1, t.eventsOf(id, "call_hungup").size(), id + " " + t.eventTypes(id));
        }
    }
}
