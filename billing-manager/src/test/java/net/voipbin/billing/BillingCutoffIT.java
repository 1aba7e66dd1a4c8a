package net.voipbin.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DeliverCallback;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.amqp.Headers;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.EventLoopContexts;
import net.voipbin.common.rpc.RpcDispatcher;
import net.voipbin.common.rpc.RpcMetrics;
import net.voipbin.common.testing.RpcServiceTestBase;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.billing.v1.Account;
import net.voipbin.proto.billing.v1.BalanceForceRequest;
import net.voipbin.proto.billing.v1.Billing;
import net.voipbin.proto.billing.v1.GetCustomerAccountRequest;
import net.voipbin.proto.billing.v1.ListBillingsRequest;
import net.voipbin.proto.billing.v1.MutinyBillingServiceGrpc;
import net.voipbin.proto.call.v1.Call;
import net.voipbin.proto.call.v1.HangupCallRequest;
import net.voipbin.proto.call.v1.MutinyCallServiceGrpc;
import net.voipbin.proto.common.v1.PageRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mid-call cut-off through the real broker and MariaDB, with two-second minutes (CutoffProfile):
 * call_progressing is published as call-manager publishes it, a fake call-manager on its request queue
 * takes the HangupCall and answers it as the real one does, with call_hungup.
 */
@QuarkusTest
@TestProfile(CutoffProfile.class)
class BillingCutoffIT extends RpcServiceTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MINUTE_MS = 2000;
    private static final long MARGIN_MS = 500;

    @Inject
    BrokerNames names;
    @Inject
    Vertx vertx;

    MutinyBillingServiceGrpc.MutinyBillingServiceStub billing;
    static FakeCalls fake;
    final ConcurrentLinkedQueue<JsonNode> billingEvents = new ConcurrentLinkedQueue<>();

    /** call-manager's HangupCall: records when it came and hangs the call up (call_hungup at that moment). */
    final class FakeCalls extends MutinyCallServiceGrpc.CallServiceImplBase {
        final Map<String, Instant> hungUp = new ConcurrentHashMap<>();
        final Map<String, HangupCallRequest> requests = new ConcurrentHashMap<>();
        final Map<String, ObjectNode> live = new ConcurrentHashMap<>();

        @Override
        public Uni<Call> hangupCall(HangupCallRequest request) {
            Instant now = TimeFormat.now();
            requests.put(request.getId(), request);
            ObjectNode call = live.remove(request.getId());
            if (call != null) {
                hungUp.put(request.getId(), now);
                call.put("status", "hangup").put("hangup_by", "local").put("hangup_reason", request.getReason());
                call.put("tm_hangup", TimeFormat.format(now));
                try {
                    publish("call_hungup", UUID.fromString(request.getCustomerId()), call);
                } catch (Exception e) {
                    return Uni.createFrom().failure(e);
                }
            }
            return Uni.createFrom().item(Call.newBuilder().setId(request.getId()).build());
        }
    }

    @BeforeEach
    void connect() throws Exception {
        billing = MutinyBillingServiceGrpc.newMutinyStub(channel("billing-manager"));
        synchronized (BillingCutoffIT.class) {
            if (fake == null) {
                fake = new FakeCalls();
                new RpcDispatcher(amqp, names.requestQueue("call-manager"), 10, Duration.ofSeconds(10),
                        List.of(fake), new EventLoopContexts(vertx, 1), new RpcMetrics(null, "fake")).start();
            }
        }
        Channel ch = amqp.connection().createChannel();
        String queue = ch.queueDeclare("", false, true, true, null).getQueue();
        ch.exchangeDeclare(names.eventExchange("billing-manager"), "fanout", true, false, null);
        ch.queueBind(queue, names.eventExchange("billing-manager"), "");
        ch.basicConsume(queue, true, (DeliverCallback) (tag, d) -> billingEvents.add(JSON.readTree(d.getBody())), tag -> { });
    }

    void publish(String type, UUID customerId, ObjectNode data) throws Exception {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("type", type);
        envelope.put("publisher", "call-manager");
        envelope.put("data_type", "application/json");
        envelope.set("data", data);
        Channel ch = amqp.connection().createChannel();
        try {
            ch.basicPublish(names.eventExchange("call-manager"), "", new AMQP.BasicProperties.Builder()
                            .messageId(Ids.newId().toString()).contentType("application/json").deliveryMode(2)
                            .headers(Map.of(Headers.CUSTOMER_ID, customerId.toString())).build(),
                    JSON.writeValueAsBytes(envelope));
        } finally {
            ch.close();
        }
    }

    private Account newCustomer(UUID customer, long credit) throws Exception {
        ObjectNode envelope = JSON.createObjectNode().put("type", "customer_created").put("publisher", "api-manager")
                .put("data_type", "application/json");
        envelope.putObject("data").put("id", customer.toString());
        Channel ch = amqp.connection().createChannel();
        ch.basicPublish(names.eventExchange("api-manager"), "", new AMQP.BasicProperties.Builder()
                .messageId(Ids.newId().toString()).headers(Map.of(Headers.CUSTOMER_ID, customer.toString())).build(),
                JSON.writeValueAsBytes(envelope));
        ch.close();
        Account account = Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> account(customer), a -> a != null);
        if (credit > 0) {
            await(billing.addBalanceForce(BalanceForceRequest.newBuilder().setCustomerId(customer.toString())
                    .setId(account.getId()).setBalance(credit).build()));
        }
        return account(customer);
    }

    private Account account(UUID customer) {
        return await(billing.getCustomerAccount(GetCustomerAccountRequest.newBuilder().setCustomerId(customer.toString()).build()));
    }

    /** An outgoing PSTN call answered now: publishes call_progressing and emits its answer time. */
    private Instant answer(UUID callId, UUID customer) throws Exception {
        Instant now = TimeFormat.now();
        ObjectNode call = JSON.createObjectNode();
        call.put("id", callId.toString());
        call.put("customer_id", customer.toString());
        call.put("direction", "outgoing");
        call.put("status", "progressing");
        call.putObject("source").put("type", "tel").put("target", "+15550001111");
        call.putObject("destination").put("type", "tel").put("target", "+15550002222");
        call.put("tm_progressing", TimeFormat.format(now));
        call.putNull("tm_hangup");
        fake.live.put(callId.toString(), call);
        publish("call_progressing", customer, call.deepCopy());
        return now;
    }

    private void remoteHangup(UUID callId, UUID customer) throws Exception {
        ObjectNode call = fake.live.remove(callId.toString());
        call.put("status", "hangup").put("tm_hangup", TimeFormat.format(TimeFormat.now()));
        publish("call_hungup", customer, call);
    }

    private Billing charge(UUID customer, UUID callId) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> await(billing.listBillings(ListBillingsRequest.newBuilder()
                        .setCustomerId(customer.toString()).setReferenceId(callId.toString())
                        .setPage(PageRequest.newBuilder().setPageSize(10)).build())).getBillingsList(), l -> !l.isEmpty()).get(0);
    }

    private void assertEmptyAndLedgerSum(UUID customer) {
        Account account = account(customer);
        var rows = await(billing.listBillings(ListBillingsRequest.newBuilder().setCustomerId(customer.toString())
                .setPage(PageRequest.newBuilder().setPageSize(100)).build())).getBillingsList();
        assertEquals(0, account.getBalanceToken(), account.toString());
        assertEquals(0, account.getBalanceCredit(), account.toString());
        assertEquals(account.getBalanceCredit(), rows.stream().mapToLong(Billing::getAmountCredit).sum());
        assertEquals(account.getBalanceToken(), rows.stream().mapToLong(Billing::getAmountToken).sum());
        for (Billing b : rows) {
            assertTrue(b.getBalanceCreditSnapshot() >= 0 && b.getBalanceTokenSnapshot() >= 0, "never below zero: " + b);
        }
    }

    @Test
    void aCallIsHungUpWhenItsBalanceRunsOutAndChargedWhatTheBalanceHeld() throws Exception {
        UUID customer = Ids.newId();
        Account account = newCustomer(customer, 10_000); // one token + 10,000 micros: two minutes
        UUID callId = Ids.newId();
        Instant answered = answer(callId, customer);

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> fake.hungUp.containsKey(callId.toString()));
        long after = Duration.between(answered, fake.hungUp.get(callId.toString())).toMillis();
        // Minute 3 is tried at 2 minutes less the margin, and cannot be paid.
        assertTrue(after >= 2 * MINUTE_MS - MARGIN_MS - 100 && after < 2 * MINUTE_MS, "hung up " + after + " ms after answer");
        HangupCallRequest request = fake.requests.get(callId.toString());
        assertEquals("timeout", request.getReason());
        assertEquals(customer.toString(), request.getCustomerId());

        Billing row = charge(customer, callId);
        assertEquals(2, row.getBillableUnits(), row.toString());
        assertEquals(-1, row.getAmountToken(), row.toString());
        assertEquals(-10_000, row.getAmountCredit(), row.toString());
        assertEmptyAndLedgerSum(customer);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> billingEvents.stream().anyMatch(e ->
                "billing_account_exhausted".equals(e.path("type").asText()) && account.getId().equals(e.path("data").path("id").asText())));
    }

    @Test
    void twoCallsOfOneAccountShareItsBalanceAndAFinishedCallsTimerDoesNothing() throws Exception {
        UUID customer = Ids.newId();
        newCustomer(customer, 20_000); // one token + 20,000 micros: three minutes between the calls
        UUID a = Ids.newId();
        UUID b = Ids.newId();
        UUID shortCall = Ids.newId();
        UUID other = Ids.newId();
        newCustomer(other, 1_000_000);
        answer(shortCall, other);
        Instant answeredA = answer(a, customer);
        Thread.sleep(800);
        Instant answeredB = answer(b, customer);
        Thread.sleep(300);
        remoteHangup(shortCall, other); // its minute-2 timer fires after it was charged

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> fake.hungUp.containsKey(a.toString()) && fake.hungUp.containsKey(b.toString()));
        // A: minute 1 on the token, minute 2 on credit; B: minute 1 on the rest of the credit, no minute 2.
        long bAfter = Duration.between(answeredB, fake.hungUp.get(b.toString())).toMillis();
        long aAfter = Duration.between(answeredA, fake.hungUp.get(a.toString())).toMillis();
        assertTrue(bAfter < MINUTE_MS, "B hung up in its first minute: " + bAfter);
        assertTrue(aAfter >= MINUTE_MS && aAfter < 2 * MINUTE_MS, "A hung up in its second minute: " + aAfter);
        assertEquals(1, charge(customer, b).getBillableUnits());
        assertEquals(2, charge(customer, a).getBillableUnits());
        assertEmptyAndLedgerSum(customer);

        charge(other, shortCall);
        Thread.sleep(MINUTE_MS);
        assertFalse(fake.requests.containsKey(shortCall.toString()), "a hung-up call is never cut off");
        assertEquals(0, account(other).getBalanceToken(), "its one minute was the token");
        assertEquals(1_000_000, account(other).getBalanceCredit());
    }
}
