package net.voipbin.webhook.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.id.Ids;
import net.voipbin.common.testing.RpcServiceTestBase;
import net.voipbin.common.testing.TestEvents;
import net.voipbin.proto.webhook.v1.GetWebhookRequest;
import net.voipbin.proto.webhook.v1.MutinyWebhookServiceGrpc;
import net.voipbin.proto.webhook.v1.SetWebhookRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events delivered to customers through the real broker: a customer's webhook_uri arrives in api-manager's
 * customer events, other managers' events are published on their exchanges as those managers publish them, and a
 * local HTTP receiver gets what a customer's server would.
 */
@QuarkusTest
class EventDeliveryIT extends RpcServiceTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BrokerNames names;

    MutinyWebhookServiceGrpc.MutinyWebhookServiceStub webhooks;

    @BeforeEach
    void connect() {
        webhooks = MutinyWebhookServiceGrpc.newMutinyStub(channel("webhook-manager"));
    }

    private void customer(String type, UUID customer, String uri, Instant version) throws Exception {
        ObjectNode c = JSON.createObjectNode().put("id", customer.toString()).put("webhook_method", "POST")
                .put("webhook_uri", uri).put("tm_create", "2026-01-01T00:00:00.000000Z").put("tm_update", version.toString());
        c.putNull("tm_delete");
        TestEvents.publish(amqp, names, "api-manager", type, customer, c, Ids.newId());
    }

    private void event(String publisher, String type, UUID customer, UUID messageId) throws Exception {
        ObjectNode data = JSON.createObjectNode().put("id", Ids.newId().toString()).put("customer_id", customer.toString());
        TestEvents.publish(amqp, names, publisher, type, customer, data, messageId);
    }

    private void awaitTarget(UUID customer, String uri) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try {
                return uri.equals(await(webhooks.getWebhook(GetWebhookRequest.newBuilder().setCustomerId(customer.toString()).build())).getUri());
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    private static List<JsonNode> bodies(TestReceiver receiver) {
        return receiver.received.stream().map(r -> {
            try {
                return JSON.readTree(r.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void aCustomersEventsReachItsWebhookOnceEachAndSigned() throws Exception {
        UUID customer = Ids.newId();
        UUID other = Ids.newId();
        try (TestReceiver receiver = new TestReceiver(); TestReceiver others = new TestReceiver()) {
            customer("customer_created", customer, receiver.uri("/hooks"), Instant.parse("2026-01-01T00:00:00Z"));
            customer("customer_created", other, others.uri("/other"), Instant.parse("2026-01-01T00:00:00Z"));
            awaitTarget(customer, receiver.uri("/hooks"));
            awaitTarget(other, others.uri("/other"));

            UUID charge = Ids.newId();
            event("billing-manager", "billing_created", customer, charge);
            event("billing-manager", "billing_created", customer, charge); // redelivered: the same delivery
            event("call-manager", "call_hungup", customer, Ids.newId());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() >= 2);
            Thread.sleep(500);
            List<JsonNode> got = bodies(receiver);
            assertEquals(2, got.size(), got.toString());
            assertEquals(List.of("billing_created", "call_hungup"), got.stream().map(b -> b.path("type").asText()).sorted().toList());
            assertEquals(customer.toString(), got.get(0).path("data").path("customer_id").asText());
            assertEquals("application/json", receiver.received.get(0).header("Content-Type"));
            assertTrue(others.received.isEmpty(), "another customer's receiver got nothing");
        }
    }

    @Test
    void theFilterAndSecretSetOverRpcApplyToEventsAndSurviveCustomerUpdates() throws Exception {
        UUID customer = Ids.newId();
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        try (TestReceiver receiver = new TestReceiver()) {
            await(webhooks.setWebhook(SetWebhookRequest.newBuilder().setCustomerId(customer.toString())
                    .setUri("https://old.example.com/").addEventTypes("billing_account_low_balance").setSecret(secret).build()));
            // The customer points its webhook at the receiver: method and uri follow, filter and secret stay.
            customer("customer_updated", customer, receiver.uri("/signed"), Instant.now().plusSeconds(5));
            awaitTarget(customer, receiver.uri("/signed"));

            event("call-manager", "call_created", customer, Ids.newId());
            event("billing-manager", "billing_account_low_balance", customer, Ids.newId());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.received.isEmpty());
            Thread.sleep(500);
            assertEquals(1, receiver.received.size(), "the filter lets only the low-balance event through");
            TestReceiver.Received got = receiver.received.get(0);
            assertEquals("billing_account_low_balance", JSON.readTree(got.body()).path("type").asText());
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(mac.doFinal((got.header("webhook-id") + "."
                    + got.header("webhook-timestamp") + "." + new String(got.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
            assertEquals("v1," + expected, got.header("webhook-signature"));
        }
    }

    @Test
    void anOlderCustomerVersionArrivingLateDoesNotUndoANewerOne() throws Exception {
        UUID customer = Ids.newId();
        try (TestReceiver newer = new TestReceiver()) {
            customer("customer_updated", customer, newer.uri("/new"), Instant.parse("2026-02-01T00:00:00Z"));
            awaitTarget(customer, newer.uri("/new"));
            customer("customer_updated", customer, "https://stale.example.com/", Instant.parse("2026-01-15T00:00:00Z"));
            // The stale version is consumed (a marker event after it proves it), and the target stays.
            Thread.sleep(1000);
            event("billing-manager", "billing_created", customer, Ids.newId());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> newer.received.size() == 1);
            assertEquals(newer.uri("/new"), await(webhooks.getWebhook(GetWebhookRequest.newBuilder()
                    .setCustomerId(customer.toString()).build())).getUri());

            // Clearing webhook_uri stops deliveries.
            customer("customer_updated", customer, "", Instant.parse("2026-03-01T00:00:00Z"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                try {
                    await(webhooks.getWebhook(GetWebhookRequest.newBuilder().setCustomerId(customer.toString()).build()));
                    return false;
                } catch (RuntimeException notFound) {
                    return true;
                }
            });
            event("billing-manager", "billing_created", customer, Ids.newId());
            Thread.sleep(1000);
            assertEquals(1, newer.received.size());
        }
    }
}
