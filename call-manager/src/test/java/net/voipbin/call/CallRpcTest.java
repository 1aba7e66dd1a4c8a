package net.voipbin.call;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.call.mapping.AddressJson;
import net.voipbin.call.model.Call;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.common.testing.OnVertx;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.call.v1.CreateCallsRequest;
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
import static net.voipbin.common.testing.ServiceChecks.awaitBroker;
import static net.voipbin.common.testing.ServiceChecks.walkPages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** call-manager's RPCs through the real broker into MariaDB (Hibernate Reactive). */
@QuarkusTest
class CallRpcTest {

    private static final Address SOURCE = Address.newBuilder()
            .setType("tel").setTarget("+15551230001").setTargetName("Alice").setName("alice").setDetail("caller").build();
    private static final Address DESTINATION = Address.newBuilder().setType("tel").setTarget("+15551230002").build();

    @Inject
    RpcClient rpc;
    @Inject
    AmqpConnection amqp;
    @Inject
    CallRepository repository;
    @Inject
    Vertx vertx;

    MutinyCallServiceGrpc.MutinyCallServiceStub calls;

    @BeforeEach
    void connect() {
        awaitBroker(amqp);
        calls = MutinyCallServiceGrpc.newMutinyStub(rpc.channel("call-manager"));
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(5));
    }

    /** No RPC creates calls yet (that needs Asterisk): tests write rows through the repository. */
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
    void callControlIsNotImplementedYet() {
        String customer = Ids.newId().toString();
        StatusRuntimeException create = assertThrows(StatusRuntimeException.class, () -> await(calls.createCalls(
                CreateCallsRequest.newBuilder().setCustomerId(customer).setSource(SOURCE).addDestinations(DESTINATION).build())));
        assertEquals(Status.Code.UNIMPLEMENTED, create.getStatus().getCode());
        StatusRuntimeException hangup = assertThrows(StatusRuntimeException.class, () -> await(calls.hangupCall(
                HangupCallRequest.newBuilder().setCustomerId(customer).setId(Ids.newId().toString()).build())));
        assertEquals(Status.Code.UNIMPLEMENTED, hangup.getStatus().getCode());
    }

    @Test
    void startsMigratesAndReportsReady() {
        assertNotFound(() -> await(calls.getCall(GetCallRequest.newBuilder()
                .setCustomerId(Ids.newId().toString()).setId(Ids.newId().toString()).build())));
        assertOperable("voipbin.call.v1.CallService/GetCall", "NOT_FOUND");
    }
}
