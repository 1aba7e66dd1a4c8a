package net.voipbin.transfer.rpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.common.id.Ids;
import net.voipbin.common.testing.OnVertx;
import net.voipbin.common.testing.RpcServiceTestBase;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.transfer.v1.GetTransferRequest;
import net.voipbin.proto.transfer.v1.MutinyTransferServiceGrpc;
import net.voipbin.proto.transfer.v1.StartTransferRequest;
import net.voipbin.proto.transfer.v1.Transfer;
import net.voipbin.transfer.service.TransferService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import static net.voipbin.common.testing.ServiceChecks.assertInvalid;
import static net.voipbin.common.testing.ServiceChecks.assertNotFound;
import static net.voipbin.common.testing.ServiceChecks.assertOperable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** transfer-manager's RPCs through the real broker into MariaDB (Hibernate Reactive). */
@QuarkusTest
class TransferRpcIT extends RpcServiceTestBase {

    private static final String ALICE = "{\"type\":\"tel\",\"target\":\"+15551230001\",\"target_name\":\"Alice\",\"name\":\"\",\"detail\":\"\"}";
    private static final String DESK = "{\"type\":\"agent\",\"target\":\"0190a9c6-3c1e-7b5e-9a2f-5f0c6d1e2a3b\"}";

    @Inject
    TransferService service;
    @Inject
    Vertx vertx;

    MutinyTransferServiceGrpc.MutinyTransferServiceStub transfers;

    @BeforeEach
    void connect() {
        transfers = MutinyTransferServiceGrpc.newMutinyStub(channel("transfer-manager"));
    }

    @Test
    void writtenTransferReadsBackThroughTheBroker() {
        UUID customer = Ids.newId();
        UUID call = Ids.newId();
        var stored = OnVertx.run(vertx, () -> service.create(customer, "attended", call, List.of(ALICE, " " + DESK + " "), "calling"));

        Transfer read = await(transfers.getTransfer(GetTransferRequest.newBuilder()
                .setCustomerId(customer.toString()).setId(stored.id.toString()).build()));
        assertEquals(stored.id.toString(), read.getId());
        assertEquals(customer.toString(), read.getCustomerId());
        assertEquals("attended", read.getType());
        assertEquals(call.toString(), read.getTransfererCallId());
        assertEquals(List.of(ALICE, DESK), read.getTransfereeAddressesJsonList());
        assertEquals("calling", read.getStatus());
        assertEquals(TimeFormat.format(stored.tmCreate), read.getTmCreate());
        assertEquals("", read.getTmUpdate());
    }

    @Test
    void anotherCustomerCannotSeeTheTransfer() {
        UUID owner = Ids.newId();
        var stored = OnVertx.run(vertx, () -> service.create(owner, "blind", Ids.newId(), List.of(ALICE), "calling"));
        assertNotFound(() -> await(transfers.getTransfer(GetTransferRequest.newBuilder()
                .setCustomerId(Ids.newId().toString()).setId(stored.id.toString()).build())));
        assertEquals("blind", await(transfers.getTransfer(GetTransferRequest.newBuilder()
                .setCustomerId(owner.toString()).setId(stored.id.toString()).build())).getType());
    }

    @Test
    void badInputIsInvalidArgumentNamingTheField() {
        assertInvalid("customer_id", () -> await(transfers.getTransfer(GetTransferRequest.newBuilder()
                .setId(Ids.newId().toString()).build())));
        assertInvalid("id", () -> await(transfers.getTransfer(GetTransferRequest.newBuilder()
                .setCustomerId(Ids.newId().toString()).setId("42").build())));
        for (var bad : List.of(List.of("{\"type\":"), List.of("[]"), List.<String>of())) {
            CompletionException e = assertThrows(CompletionException.class,
                    () -> OnVertx.run(vertx, () -> service.create(Ids.newId(), "blind", Ids.newId(), bad, "calling")));
            StatusRuntimeException cause = assertInstanceOf(StatusRuntimeException.class, e.getCause());
            assertTrue(cause.getStatus().getDescription().startsWith("transferee_addresses_json:"), cause.getMessage());
        }
        CompletionException type = assertThrows(CompletionException.class,
                () -> OnVertx.run(vertx, () -> service.create(Ids.newId(), "warm", Ids.newId(), List.of(ALICE), "calling")));
        assertTrue(assertInstanceOf(StatusRuntimeException.class, type.getCause()).getStatus().getDescription().startsWith("type:"));
    }

    @Test
    void startTransferIsNotImplementedYet() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> await(transfers.startTransfer(
                StartTransferRequest.newBuilder().setCustomerId(Ids.newId().toString()).setType("blind")
                        .setTransfererCallId(Ids.newId().toString()).addTransfereeAddressesJson(ALICE).build())));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode(), e.getStatus().toString());
    }

    @Test
    void startsMigratesAndReportsReady() {
        assertNotFound(() -> await(transfers.getTransfer(GetTransferRequest.newBuilder()
                .setCustomerId(Ids.newId().toString()).setId(Ids.newId().toString()).build())));
        assertOperable("voipbin.transfer.v1.TransferService/GetTransfer", "NOT_FOUND");
    }
}
