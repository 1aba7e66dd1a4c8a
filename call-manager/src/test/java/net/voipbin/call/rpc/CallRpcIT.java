package net.voipbin.call.rpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import net.voipbin.common.testing.RpcServiceTestBase;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.call.mapping.AddressJson;
import net.voipbin.call.model.Call;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.common.id.Ids;
import net.voipbin.common.testing.OnVertx;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.call.v1.CreateCallsRequest;
import net.voipbin.proto.call.v1.ActionNextRequest;
import net.voipbin.proto.call.v1.CallToggleRequest;
import net.voipbin.proto.call.v1.ChainedCallRequest;
import net.voipbin.proto.call.v1.MuteRequest;
import net.voipbin.proto.call.v1.PlayRequest;
import net.voipbin.proto.call.v1.SendDtmfRequest;
import net.voipbin.proto.call.v1.StartRecordingRequest;
import net.voipbin.call.testing.FakeFlowManager;
import net.voipbin.proto.call.v1.TalkRequest;
import net.voipbin.proto.call.v1.GetCallRequest;
import net.voipbin.proto.call.v1.HangupCallRequest;
import net.voipbin.proto.call.v1.ListCallsRequest;
import net.voipbin.proto.call.v1.ListCallsResponse;
import net.voipbin.proto.call.v1.MutinyCallServiceGrpc;
import net.voipbin.proto.common.v1.Address;
import net.voipbin.proto.common.v1.PageRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static net.voipbin.common.testing.ServiceChecks.assertInvalid;
import static net.voipbin.common.testing.ServiceChecks.assertNotFound;
import static net.voipbin.common.testing.ServiceChecks.assertOperable;
import static net.voipbin.common.testing.ServiceChecks.walkPages;
import static net.voipbin.proto.flow.v1.FlowActionJson.actionsFromJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** call-manager's RPCs through the real broker into MariaDB (Hibernate Reactive). */
@QuarkusTest
class CallRpcIT extends RpcServiceTestBase {

    private static final Address SOURCE = Address.newBuilder()
            .setType("tel").setTarget("+15551230001").setTargetName("Alice").setName("alice").setDetail("caller").build();
    private static final Address DESTINATION = Address.newBuilder().setType("tel").setTarget("+15551230002").build();

    @Inject
    CallRepository repository;
    @Inject
    Vertx vertx;

    MutinyCallServiceGrpc.MutinyCallServiceStub calls;

    @BeforeEach
    void connect() {
        calls = MutinyCallServiceGrpc.newMutinyStub(channel("call-manager"));
    }


    /** Calls placed through Asterisk are the e2e module's (CallScenariosIT); here rows are written directly. */
    private Call insert(UUID customer, String hangupReason) {
        Call call = new Call();
        call.id = Ids.newId();
        call.customerId = customer;
        call.flowId = Ids.newId();
        call.activeflowId = Ids.newId();
        call.type = Call.TYPE_FLOW;
        call.direction = Call.DIRECTION_OUTGOING;
        call.status = Call.STATUS_HANGUP;
        call.sourceJson = AddressJson.toJson(SOURCE);
        call.destinationJson = AddressJson.toJson(DESTINATION);
        call.hangupBy = "remote";
        call.hangupReason = hangupReason;
        Instant now = TimeFormat.now();
        call.tmCreate = now.minusSeconds(30);
        call.tmRinging = now.minusSeconds(29);
        call.tmProgressing = now.minusSeconds(25);
        call.tmHangup = now;
        call.tmUpdate = now;
        return OnVertx.run(vertx, () -> Panache.withTransaction(() -> repository.persist(call)));
    }

    @Test
    void writtenCallReadsBackThroughTheBroker() {
        UUID customer = Ids.newId();
        Call stored = insert(customer, "normal");

        var read = await(calls.getCall(GetCallRequest.newBuilder()
                .setCustomerId(customer.toString()).setId(stored.id.toString()).build()));
        assertEquals(stored.id.toString(), read.getId());
        assertEquals(customer.toString(), read.getCustomerId());
        assertEquals(stored.flowId.toString(), read.getFlowId());
        assertEquals(stored.activeflowId.toString(), read.getActiveflowId());
        assertEquals("flow", read.getType());
        assertEquals("outgoing", read.getDirection());
        assertEquals("hangup", read.getStatus());
        assertEquals(SOURCE, read.getSource());
        assertEquals(DESTINATION, read.getDestination());
        assertEquals("remote", read.getHangupBy());
        assertEquals("normal", read.getHangupReason());
        assertEquals(TimeFormat.format(stored.tmCreate), read.getTmCreate());
        assertEquals(TimeFormat.format(stored.tmUpdate), read.getTmUpdate());
        assertEquals(TimeFormat.format(stored.tmRinging), read.getTmRinging());
        assertEquals(TimeFormat.format(stored.tmProgressing), read.getTmProgressing());
        assertEquals(TimeFormat.format(stored.tmHangup), read.getTmHangup());

        Call row = OnVertx.run(vertx, () -> Panache.withSession(() -> repository.findById(stored.id)));
        assertEquals("{\"type\":\"tel\",\"target\":\"+15551230002\",\"target_name\":\"\",\"name\":\"\",\"detail\":\"\"}",
                row.destinationJson);
    }

    @Test
    void anotherCustomerCannotSeeTheCall() {
        UUID owner = Ids.newId();
        String intruder = Ids.newId().toString();
        Call call = insert(owner, "normal");
        assertNotFound(() -> await(calls.getCall(GetCallRequest.newBuilder().setCustomerId(intruder).setId(call.id.toString()).build())));
        assertEquals(0, await(calls.listCalls(ListCallsRequest.newBuilder().setCustomerId(intruder).build())).getCallsCount());
        assertEquals(1, await(calls.listCalls(ListCallsRequest.newBuilder().setCustomerId(owner.toString()).build())).getCallsCount());
    }

    @Test
    void badInputIsInvalidArgumentNamingTheField() {
        String customer = Ids.newId().toString();
        assertInvalid("customer_id", () -> await(calls.getCall(GetCallRequest.newBuilder().setId(Ids.newId().toString()).build())));
        assertInvalid("id", () -> await(calls.getCall(GetCallRequest.newBuilder().setCustomerId(customer).setId("call-1").build())));
        assertInvalid("customer_id", () -> await(calls.listCalls(ListCallsRequest.newBuilder().setCustomerId("x").build())));
        assertInvalid("page_size", () -> await(calls.listCalls(ListCallsRequest.newBuilder().setCustomerId(customer)
                .setPage(PageRequest.newBuilder().setPageSize(1000)).build())));
    }

    @Test
    void listPagesNewestFirstWithoutGapsOrRepeats() {
        UUID customer = Ids.newId();
        for (int i = 0; i < 5; i++) {
            insert(customer, "r" + i);
        }
        List<List<String>> pages = walkPages(
                token -> await(calls.listCalls(ListCallsRequest.newBuilder()
                        .setCustomerId(customer.toString()).setPage(PageRequest.newBuilder().setPageSize(2).setPageToken(token)).build())),
                page -> page.getCallsList().stream().map(c -> c.getId()).toList(),
                page -> page.getPage().getNextPageToken());
        assertEquals(5, pages.stream().mapToInt(List::size).sum());
        assertEquals(3, pages.size());
        ListCallsResponse first = await(calls.listCalls(ListCallsRequest.newBuilder().setCustomerId(customer.toString()).build()));
        assertEquals("r4", first.getCalls(0).getHangupReason());
    }

    @Test
    void createCallsValidatesTheRequestNamingTheField() {
        String customer = Ids.newId().toString();
        String flow = "[{\"type\":\"answer\"}]";
        CreateCallsRequest ok = CreateCallsRequest.newBuilder().setCustomerId(customer).setSource(SOURCE)
                .addDestinations(DESTINATION).addAllActions(actionsFromJson(flow)).build();
        assertInvalid("destinations", () -> await(calls.createCalls(ok.toBuilder().clearDestinations().build())));
        assertInvalid("destinations[0].target", () -> await(calls.createCalls(ok.toBuilder()
                .setDestinations(0, DESTINATION.toBuilder().setTarget("555-1234")).build())));
        assertInvalid("destinations[0].type", () -> await(calls.createCalls(ok.toBuilder()
                .setDestinations(0, Address.newBuilder().setType("agent").setTarget(Ids.newId().toString())).build())));
        assertInvalid("flow_id", () -> await(calls.createCalls(ok.toBuilder().clearActions().build())));
        assertInvalid("flow_id", () -> await(calls.createCalls(ok.toBuilder().setFlowId("nope").build())));
        assertInvalid("anonymous", () -> await(calls.createCalls(ok.toBuilder().setAnonymous("maybe").build())));
        assertInvalid("dial_timeout_ms", () -> await(calls.createCalls(ok.toBuilder().setDialTimeoutMs(10).build())));
        assertInvalid("master_call_id", () -> await(calls.createCalls(ok.toBuilder().setMasterCallId("x").build())));
        assertInvalid("metadata.colour", () -> await(calls.createCalls(ok.toBuilder().setMetadataJson("{\"colour\":\"red\"}").build())));
        assertInvalid("variables", () -> {
            var many = ok.toBuilder();
            for (int i = 0; i < 101; i++) {
                many.putVariables("k" + i, "v");
            }
            await(calls.createCalls(many.build()));
        });
    }

    @Test
    void anotherCustomersCallIsNotFoundForEveryOperation() {
        UUID owner = Ids.newId();
        Call call = insert(owner, "");
        OnVertx.run(vertx, () -> Panache.withTransaction(() -> repository.findById(call.id).invoke(c -> {
            c.status = Call.STATUS_PROGRESSING;
            c.hangupBy = "";
            c.tmHangup = null;
            c.channelId = "chan-" + c.id;
        })));
        String intruder = Ids.newId().toString();
        String id = call.id.toString();
        GetCallRequest get = GetCallRequest.newBuilder().setCustomerId(intruder).setId(id).build();
        CallToggleRequest toggle = CallToggleRequest.newBuilder().setCustomerId(intruder).setId(id).setOn(true).build();
        assertNotFound(() -> await(calls.getCall(get)));
        assertNotFound(() -> await(calls.hangupCall(HangupCallRequest.newBuilder().setCustomerId(intruder).setId(id).build())));
        assertNotFound(() -> await(calls.deleteCall(get)));
        assertNotFound(() -> await(calls.hold(toggle)));
        assertNotFound(() -> await(calls.moh(toggle)));
        assertNotFound(() -> await(calls.silence(toggle)));
        assertNotFound(() -> await(calls.mute(MuteRequest.newBuilder().setCustomerId(intruder).setId(id).setOn(true).build())));
        assertNotFound(() -> await(calls.sendDtmf(SendDtmfRequest.newBuilder().setCustomerId(intruder).setId(id).setDigits("1").build())));
        assertNotFound(() -> await(calls.talk(TalkRequest.newBuilder().setCustomerId(intruder).setId(id).setText("hi").build())));
        assertNotFound(() -> await(calls.play(PlayRequest.newBuilder().setCustomerId(intruder).setId(id).addMediaUrls("https://x/a.wav").build())));
        assertNotFound(() -> await(calls.mediaStop(get)));
        assertNotFound(() -> await(calls.startRecording(StartRecordingRequest.newBuilder().setCustomerId(intruder).setId(id).build())));
        assertNotFound(() -> await(calls.stopRecording(get)));
        assertNotFound(() -> await(calls.actionNext(ActionNextRequest.newBuilder().setCustomerId(intruder).setId(id).build())));
        Call other = insert(UUID.fromString(intruder), "normal");
        assertNotFound(() -> await(calls.addChainedCall(ChainedCallRequest.newBuilder().setCustomerId(intruder)
                .setId(other.id.toString()).setChainedCallId(id).build())));
        assertNotFound(() -> await(calls.removeChainedCall(ChainedCallRequest.newBuilder().setCustomerId(intruder)
                .setId(id).setChainedCallId(other.id.toString()).build())));
        assertEquals(0, await(calls.listCalls(ListCallsRequest.newBuilder().setCustomerId(intruder).setStatus("progressing").build())).getCallsCount());
        var untouched = await(calls.getCall(GetCallRequest.newBuilder().setCustomerId(owner.toString()).setId(id).build()));
        assertEquals("progressing", untouched.getStatus());
        assertEquals("", untouched.getMuteDirection());
        assertEquals(0, untouched.getChainedCallIdsCount());
    }

    @Test
    void aRecordingsOnEndFlowMustBeTheCustomersOwnAndNothingIsWrittenOtherwise() {
        UUID owner = Ids.newId();
        Call call = insert(owner, "");
        OnVertx.run(vertx, () -> Panache.withTransaction(() -> repository.findById(call.id).invoke(c -> {
            c.status = Call.STATUS_PROGRESSING;
            c.hangupBy = "";
            c.tmHangup = null;
            c.channelId = "chan-" + c.id;
        })));
        for (String flow : List.of(FakeFlowManager.flowOf(Ids.newId()), Ids.newId().toString())) {
            assertInvalid("on_end_flow_id", () -> await(calls.startRecording(StartRecordingRequest.newBuilder()
                    .setCustomerId(owner.toString()).setId(call.id.toString()).setOnEndFlowId(flow).build())));
        }
        Call after = OnVertx.run(vertx, () -> Panache.withSession(() -> repository.findById(call.id)));
        assertEquals(null, after.recordingId, "a refused recording must leave the call as it was");
        assertEquals("[]", after.recordingIds == null || after.recordingIds.isBlank() ? "[]" : after.recordingIds);
    }

    @Test
    void mediaOperationsNeedAnAnsweredCall() {
        UUID owner = Ids.newId();
        Call call = insert(owner, "normal"); // hung up
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> await(calls.hold(CallToggleRequest.newBuilder()
                .setCustomerId(owner.toString()).setId(call.id.toString()).setOn(true).build())));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("not progressing"), e.getMessage());
        assertInvalid("digits", () -> await(calls.sendDtmf(SendDtmfRequest.newBuilder().setCustomerId(owner.toString())
                .setId(call.id.toString()).setDigits("12x").build())));
        assertInvalid("direction", () -> await(calls.mute(MuteRequest.newBuilder().setCustomerId(owner.toString())
                .setId(call.id.toString()).setOn(true).setDirection("sideways").build())));
        assertInvalid("format", () -> await(calls.startRecording(StartRecordingRequest.newBuilder().setCustomerId(owner.toString())
                .setId(call.id.toString()).setFormat("flac").build())));
        assertInvalid("reason", () -> await(calls.hangupCall(HangupCallRequest.newBuilder().setCustomerId(owner.toString())
                .setId(call.id.toString()).setReason("bored").build())));
    }

    @Test
    void startsMigratesAndReportsReady() {
        assertNotFound(() -> await(calls.getCall(GetCallRequest.newBuilder()
                .setCustomerId(Ids.newId().toString()).setId(Ids.newId().toString()).build())));
        assertOperable("voipbin.call.v1.CallService/GetCall", "NOT_FOUND");
    }
}
