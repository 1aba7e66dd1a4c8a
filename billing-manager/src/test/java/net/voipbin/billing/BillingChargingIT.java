package net.voipbin.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.amqp.Headers;
import net.voipbin.common.id.Ids;
import net.voipbin.common.testing.RpcServiceTestBase;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.billing.v1.Account;
import net.voipbin.proto.billing.v1.AddBalanceRequest;
import net.voipbin.proto.billing.v1.BalanceForceRequest;
import net.voipbin.proto.billing.v1.Billing;
import net.voipbin.proto.billing.v1.CheckBalanceRequest;
import net.voipbin.proto.billing.v1.CheckBalanceResponse;
import net.voipbin.proto.billing.v1.GetBillingRequest;
import net.voipbin.proto.billing.v1.GetCustomerAccountRequest;
import net.voipbin.proto.billing.v1.ListBillingsRequest;
import net.voipbin.proto.billing.v1.MutinyBillingServiceGrpc;
import net.voipbin.proto.common.v1.PageRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accounts following customers and calls charged from call_hungup, through the real broker into
 * MariaDB: events are published on the publishers' exchanges exactly as api-manager and call-manager
 * publish them (envelope, message_id, customer_id header).
 */
@QuarkusTest
class BillingChargingIT extends RpcServiceTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BrokerNames names;

    MutinyBillingServiceGrpc.MutinyBillingServiceStub billing;

    @BeforeEach
    void connect() {
        billing = MutinyBillingServiceGrpc.newMutinyStub(channel("billing-manager"));
    }

    private void publish(String publisher, String type, UUID customerId, ObjectNode data, UUID messageId) throws Exception {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("type", type);
        envelope.put("publisher", publisher);
        envelope.put("data_type", "application/json");
        envelope.set("data", data);
        Channel ch = amqp.connection().createChannel();
        try {
            ch.basicPublish(names.eventExchange(publisher), "", new AMQP.BasicProperties.Builder()
                    .messageId(messageId.toString()).contentType("application/json").deliveryMode(2)
                    .headers(Map.of(Headers.CUSTOMER_ID, customerId.toString())).build(),
                    JSON.writeValueAsBytes(envelope));
        } finally {
            ch.close();
        }
    }

    private Account newCustomer(UUID customer) throws Exception {
        ObjectNode data = JSON.createObjectNode().put("id", customer.toString()).put("name", "test");
        publish("api-manager", "customer_created", customer, data, Ids.newId());
        return awaitAccount(customer);
    }

    private Account awaitAccount(UUID customer) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(
                () -> await(billing.getCustomerAccount(GetCustomerAccountRequest.newBuilder().setCustomerId(customer.toString()).build())),
                a -> a != null);
    }

    /** A call_hungup's data: the public Call JSON (answered when {@code seconds} >= 0). */
    private static ObjectNode call(UUID id, UUID customer, String direction, String destination, long seconds) {
        Instant hangup = TimeFormat.now();
        ObjectNode call = JSON.createObjectNode();
        call.put("id", id.toString());
        call.put("customer_id", customer.toString());
        call.put("direction", direction);
        call.put("status", "hangup");
        call.putObject("source").put("type", "tel").put("target", "+15550001111");
        call.putObject("destination").put("type", "tel").put("target", destination);
        if (seconds >= 0) {
            call.put("tm_progressing", TimeFormat.format(hangup.minusMillis(seconds * 1000 + 300)));
        } else {
            call.putNull("tm_progressing");
        }
        call.put("tm_hangup", TimeFormat.format(hangup));
        return call;
    }

    private List<Billing> billings(UUID customer, String referenceId) {
        return await(billing.listBillings(ListBillingsRequest.newBuilder().setCustomerId(customer.toString())
                .setReferenceId(referenceId).setPage(PageRequest.newBuilder().setPageSize(100)).build())).getBillingsList();
    }

    private List<Billing> allBillings(UUID customer) {
        List<Billing> all = new ArrayList<>();
        String token = "";
        do {
            var page = await(billing.listBillings(ListBillingsRequest.newBuilder().setCustomerId(customer.toString())
                    .setPage(PageRequest.newBuilder().setPageSize(100).setPageToken(token)).build()));
            all.addAll(page.getBillingsList());
            token = page.getPage().getNextPageToken();
        } while (!token.isEmpty());
        return all;
    }

    private Billing awaitCharge(UUID customer, UUID callId) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> billings(customer, callId.toString()), l -> !l.isEmpty()).get(0);
    }

    private Account account(UUID customer) {
        return await(billing.getCustomerAccount(GetCustomerAccountRequest.newBuilder().setCustomerId(customer.toString()).build()));
    }

    private void assertBalanceIsLedgerSum(UUID customer) {
        Account account = account(customer);
        List<Billing> rows = allBillings(customer);
        assertEquals(account.getBalanceCredit(), rows.stream().mapToLong(Billing::getAmountCredit).sum(), "credit = ledger sum");
        assertEquals(account.getBalanceToken(), rows.stream().mapToLong(Billing::getAmountToken).sum(), "tokens = ledger sum");
        assertTrue(account.getBalanceCredit() >= 0 && account.getBalanceToken() >= 0, account.toString());
    }

    @Test
    void aNewCustomerGetsItsDefaultAccountOnceWithTheFreePlansTokens() throws Exception {
        UUID customer = Ids.newId();
        Account account = newCustomer(customer);
        assertEquals("free", account.getPlanType());
        assertEquals("active", account.getStatus());
        assertEquals("prepaid", account.getPaymentType());
        assertEquals(100, account.getBalanceToken());
        assertEquals(0, account.getBalanceCredit());
        assertFalse(account.getTmNextTopup().isEmpty());

        // The same customer_created again (redelivered under another id): still one account, one allowance.
        publish("api-manager", "customer_created", customer, JSON.createObjectNode().put("id", customer.toString()), Ids.newId());
        Thread.sleep(500);
        assertEquals(account.getId(), account(customer).getId());
        List<Billing> rows = allBillings(customer);
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("top_up", rows.get(0).getTransactionType());
        assertEquals("monthly_allowance", rows.get(0).getReferenceType());
        assertEquals(100, rows.get(0).getAmountToken());
        assertBalanceIsLedgerSum(customer);
    }

    @Test
    void answeredCallsCostStartedMinutesTokensFirstAndUnansweredNothing() throws Exception {
        UUID customer = Ids.newId();
        newCustomer(customer);

        UUID sixtyOne = Ids.newId();
        publish("call-manager", "call_hungup", customer, call(sixtyOne, customer, "outgoing", "+15550002222", 61), Ids.newId());
        Billing two = awaitCharge(customer, sixtyOne);
        assertEquals("usage", two.getTransactionType());
        assertEquals("call", two.getReferenceType());
        assertEquals("call_pstn_outgoing", two.getCostType());
        assertEquals(61, two.getUsageDuration());
        assertEquals(2, two.getBillableUnits());
        assertEquals(-2, two.getAmountToken());
        assertEquals(98, two.getBalanceTokenSnapshot());

        UUID zero = Ids.newId();
        publish("call-manager", "call_hungup", customer, call(zero, customer, "outgoing", "+15550002222", 0), Ids.newId());
        assertEquals(1, awaitCharge(customer, zero).getBillableUnits());

        UUID unanswered = Ids.newId();
        publish("call-manager", "call_hungup", customer, call(unanswered, customer, "outgoing", "+15550002222", -1), Ids.newId());
        UUID marker = Ids.newId();
        publish("call-manager", "call_hungup", customer, call(marker, customer, "outgoing", "+15550002222", 1), Ids.newId());
        awaitCharge(customer, marker); // events of one queue are handled in order enough: the unanswered one is done by now
        assertTrue(billings(customer, unanswered.toString()).isEmpty());
        assertEquals(96, account(customer).getBalanceToken());

        // Tokens run out mid-call: the rest is credit, and credit never goes below zero.
        Account account = account(customer);
        await(billing.subtractBalanceForce(BalanceForceRequest.newBuilder().setCustomerId(customer.toString())
                .setId(account.getId()).setBalance(1).build()).onFailure().recoverWithNull());
        await(billing.addBalance(AddBalanceRequest.newBuilder().setCustomerId(customer.toString()).setId(account.getId())
                .setAmountMicros(25_000).build()));
        UUID longCall = Ids.newId();
        publish("call-manager", "call_hungup", customer, call(longCall, customer, "outgoing", "+15550002222", 100 * 60 + 30), Ids.newId());
        Billing mixed = awaitCharge(customer, longCall);
        assertEquals(101, mixed.getBillableUnits());
        assertEquals(-96, mixed.getAmountToken());
        assertEquals(-25_000, mixed.getAmountCredit(), "5 minutes in credit at 10,000 would be 50,000: capped at the 25,000 held");
        assertEquals(0, mixed.getBalanceCreditSnapshot());
        assertBalanceIsLedgerSum(customer);
    }

    @Test
    void theSameHangupFiveTimesChargesOnce() throws Exception {
        UUID customer = Ids.newId();
        newCustomer(customer);
        UUID callId = Ids.newId();
        ObjectNode data = call(callId, customer, "incoming", "+15550003333", 125);
        UUID messageId = Ids.newId();
        for (int i = 0; i < 5; i++) {
            // Twice the same message id (a redelivery), three times new ids (a publisher that re-sent).
            publish("call-manager", "call_hungup", customer, data, i < 2 ? messageId : Ids.newId());
        }
        awaitCharge(customer, callId);
        Thread.sleep(1000);
        List<Billing> rows = billings(customer, callId.toString());
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("call_pstn_incoming", rows.get(0).getCostType());
        assertEquals(3, rows.get(0).getBillableUnits());
        assertEquals(97, account(customer).getBalanceToken());
        assertBalanceIsLedgerSum(customer);
    }

    @Test
    void manyCallsHangingUpTogetherLeaveTheBalanceEqualToTheLedger() throws Exception {
        UUID customer = Ids.newId();
        Account account = newCustomer(customer);
        await(billing.addBalanceForce(BalanceForceRequest.newBuilder().setCustomerId(customer.toString())
                .setId(account.getId()).setBalance(1_000_000).build()));
        int calls = 1000;
        java.time.Instant started = java.time.Instant.now();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            UUID id = Ids.newId();
            ids.add(id);
            publish("call-manager", "call_hungup", customer, call(id, customer, "outgoing", "+15550004444", 30), Ids.newId());
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> allBillings(customer).size() == calls + 2);
        System.out.printf("%d hangups charged in %d ms%n", calls, java.time.Duration.between(started, java.time.Instant.now()).toMillis());
        // 100 one-minute calls in tokens, 100 in credit (1,000,000 / 10,000), the last 800 find nothing left.
        Account after = account(customer);
        assertEquals(0, after.getBalanceToken());
        assertEquals(0, after.getBalanceCredit());
        assertBalanceIsLedgerSum(customer);
    }

    @Test
    void theBalanceCheckSaysWhyAndForcedAdjustmentsNeverGoNegative() throws Exception {
        UUID customer = Ids.newId();
        Account account = newCustomer(customer);
        CheckBalanceRequest check = CheckBalanceRequest.newBuilder().setCustomerId(customer.toString()).setBillingType("call").build();
        assertTrue(await(billing.checkBalance(check)).getValid(), "100 tokens pay for a minute");

        UUID callId = Ids.newId();
        publish("call-manager", "call_hungup", customer, call(callId, customer, "outgoing", "+15550005555", 100 * 60 - 1), Ids.newId());
        awaitCharge(customer, callId);
        CheckBalanceResponse empty = await(billing.checkBalance(check));
        assertFalse(empty.getValid());
        assertTrue(empty.getReason().contains("less than one minute of a call"), empty.getReason());

        StatusRuntimeException negative = assertThrows(StatusRuntimeException.class, () -> await(billing.subtractBalanceForce(
                BalanceForceRequest.newBuilder().setCustomerId(customer.toString()).setId(account.getId()).setBalance(1).build())));
        assertEquals(Status.Code.FAILED_PRECONDITION, negative.getStatus().getCode());

        await(billing.addBalanceForce(BalanceForceRequest.newBuilder().setCustomerId(customer.toString())
                .setId(account.getId()).setBalance(10_000).build()));
        assertTrue(await(billing.checkBalance(check)).getValid());
        assertBalanceIsLedgerSum(customer);

        // Another customer sees none of it.
        UUID stranger = Ids.newId();
        Billing row = billings(customer, callId.toString()).get(0);
        StatusRuntimeException hidden = assertThrows(StatusRuntimeException.class, () -> await(billing.getBilling(
                GetBillingRequest.newBuilder().setCustomerId(stranger.toString()).setId(row.getId()).build())));
        assertEquals(Status.Code.NOT_FOUND, hidden.getStatus().getCode());
        assertTrue(allBillings(stranger).isEmpty());
    }

    @Test
    void frozenAndDeletedCustomersCannotCall() throws Exception {
        UUID customer = Ids.newId();
        newCustomer(customer);
        CheckBalanceRequest check = CheckBalanceRequest.newBuilder().setCustomerId(customer.toString()).setBillingType("call").build();
        ObjectNode data = JSON.createObjectNode().put("id", customer.toString());
        publish("api-manager", "customer_frozen", customer, data, Ids.newId());
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !await(billing.checkBalance(check)).getValid());
        assertEquals("frozen", account(customer).getStatus());
        publish("api-manager", "customer_recovered", customer, data, Ids.newId());
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> await(billing.checkBalance(check)).getValid());
        publish("api-manager", "customer_deleted", customer, data, Ids.newId());
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !await(billing.checkBalance(check)).getValid());
        assertTrue(await(billing.checkBalance(check)).getReason().contains("deleted"));
    }
}
