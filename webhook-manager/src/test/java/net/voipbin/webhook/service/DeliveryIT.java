package net.voipbin.webhook.service;

import com.google.protobuf.ByteString;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.common.id.Ids;
import net.voipbin.common.testing.OnVertx;
import net.voipbin.common.testing.RpcServiceTestBase;
import net.voipbin.proto.webhook.v1.DeliveryReference;
import net.voipbin.proto.webhook.v1.MutinyWebhookServiceGrpc;
import net.voipbin.proto.webhook.v1.SendWebhookRequest;
import net.voipbin.proto.webhook.v1.SetWebhookRequest;
import net.voipbin.proto.webhook.v1.WebhookDelivery;
import net.voipbin.webhook.model.WebhookDeliveryAttempt;
import net.voipbin.webhook.repository.WebhookDeliveryAttemptRepository;
import net.voipbin.webhook.repository.WebhookDeliveryRepository;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static net.voipbin.common.testing.ServiceChecks.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SendWebhook through the broker to a real local HTTP receiver: signing, retries through durable timers with the
 * history of attempts, idempotency per reference, sync against async. Test profile: backoff 200 ms doubling to 1 s,
 * connect/read timeouts 2 s, 4 attempts, timers polled every 100 ms.
 */
@QuarkusTest
class DeliveryIT extends RpcServiceTestBase {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Inject
    WebhookDeliveryRepository deliveries;
    @Inject
    WebhookDeliveryAttemptRepository attempts;
    @Inject
    Vertx vertx;

    MutinyWebhookServiceGrpc.MutinyWebhookServiceStub webhooks;

    @BeforeEach
    void connect() {
        webhooks = MutinyWebhookServiceGrpc.newMutinyStub(channel("webhook-manager"));
    }

    private static SendWebhookRequest.Builder request(String customer, String uri, String body, boolean sync) {
        return SendWebhookRequest.newBuilder().setCustomerId(customer).setUri(uri).setMethod("POST")
                .setDataType("application/json").setData(ByteString.copyFromUtf8(body)).setSync(sync)
                .setReference(DeliveryReference.newBuilder().setActiveflowId(Ids.newId().toString())
                        .setActionId(Ids.newId().toString()).setExecuteCount(3));
    }

    private List<WebhookDeliveryAttempt> history(WebhookDelivery delivery) {
        return OnVertx.run(vertx, () -> Panache.withSession(() -> attempts.listForDelivery(
                UUID.fromString(delivery.getCustomerId()), UUID.fromString(delivery.getId()))));
    }

    private net.voipbin.webhook.model.WebhookDelivery row(WebhookDelivery delivery) {
        return OnVertx.run(vertx, () -> Panache.withSession(() -> deliveries.findForCustomer(
                UUID.fromString(delivery.getCustomerId()), UUID.fromString(delivery.getId()))));
    }

    @Test
    void signedDeliveryVerifiesWithTheStandardWebhooksAlgorithm() throws Exception {
        String customer = Ids.newId().toString();
        await(webhooks.setWebhook(SetWebhookRequest.newBuilder().setCustomerId(customer)
                .setUri("https://customer.example.com/hooks").setSecret(SECRET).build()));
        try (TestReceiver receiver = new TestReceiver()) {
            String body = "{\"activeflow\":\"af-1\",\"digits\":\"12#\"}";
            WebhookDelivery delivery = await(webhooks.sendWebhook(request(customer, receiver.uri("/in?x=1"), body, true).build()));
            assertEquals("delivered", delivery.getStatus());
            assertEquals(1, delivery.getAttempts());
            assertEquals(200, delivery.getHttpCode());

            assertEquals(1, receiver.received.size());
            TestReceiver.Received got = receiver.received.get(0);
            assertEquals("POST", got.method());
            assertEquals("/in?x=1", got.path());
            assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), got.body());
            assertEquals("application/json", got.header("Content-Type"));
            assertEquals(delivery.getId(), got.header("webhook-id"));
            long timestamp = Long.parseLong(got.header("webhook-timestamp"));
            assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 60, "a fresh timestamp");
            // What a receiver does (the spec's verification): key = base64-decoded secret after whsec_,
            // HMAC-SHA256 over "id.timestamp.body", compared with the v1 signature.
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(mac.doFinal(
                    (got.header("webhook-id") + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            assertEquals("v1," + expected, got.header("webhook-signature"));
            assertTrue(got.header("X-VoIPBIN-Signature").startsWith("sha256="));

            List<WebhookDeliveryAttempt> history = history(delivery);
            assertEquals(1, history.size());
            assertEquals(200, history.get(0).httpCode);
            assertNull(history.get(0).error);
            assertFalse(history.get(0).tmEnd.isBefore(history.get(0).tmStart));
        }
    }

    @Test
    void aCustomerWithoutSecretGetsUnsignedRequests() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            WebhookDelivery delivery = await(webhooks.sendWebhook(
                    request(Ids.newId().toString(), receiver.uri("/"), "plain", true).setDataType("text/plain").build()));
            assertEquals("delivered", delivery.getStatus());
            assertNull(receiver.received.get(0).header("webhook-signature"));
            assertEquals("text/plain", receiver.received.get(0).header("Content-Type"));
        }
    }

    /** SSRF through a webhook URL: an internal address fails the delivery at once, with the policy's reason. */
    @Test
    void aReceiverAtAnInternalAddressIsRefusedOnceAndNeverRetried() throws Exception {
        for (String uri : List.of("http://127.0.0.2:8080/hook", "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.1/hook")) {
            WebhookDelivery delivery = await(webhooks.sendWebhook(request(Ids.newId().toString(), uri, "{}", true).build()));
            assertEquals("failed", delivery.getStatus(), uri);
            assertEquals(1, delivery.getAttempts(), uri);
            assertTrue(delivery.getError().startsWith("refused by the egress policy"), delivery.getError());
        }
    }

    @Test
    void aFailedAttemptIsRetriedAndEveryAttemptKept() throws Exception {
        try (TestReceiver receiver = new TestReceiver(500, 200)) {
            WebhookDelivery delivery = await(webhooks.sendWebhook(
                    request(Ids.newId().toString(), receiver.uri("/retry"), "{}", false).build()));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(row(delivery).status));

            var row = row(delivery);
            assertEquals(2, row.attempts);
            assertEquals(200, row.httpCode);
            assertNull(row.tmNextAttempt);
            List<WebhookDeliveryAttempt> history = history(delivery);
            assertEquals(2, history.size());
            assertEquals(1, history.get(0).attempt);
            assertEquals(500, history.get(0).httpCode);
            assertEquals("HTTP 500", history.get(0).error);
            assertEquals(2, history.get(1).attempt);
            assertEquals(200, history.get(1).httpCode);
            assertTrue(Duration.between(history.get(0).tmStart, history.get(1).tmStart).toMillis() >= 200, "backoff waited");
            assertEquals(2, receiver.received.size());
            assertEquals(receiver.received.get(0).header("webhook-id"), receiver.received.get(1).header("webhook-id"),
                    "a retry keeps its webhook-id, so receivers can drop duplicates");
        }
    }

    @Test
    void aReceiverThatKeepsFailingEndsFailedAfterTheLastAttempt() throws Exception {
        try (TestReceiver receiver = new TestReceiver(503, 503, 503, 503, 503, 503)) {
            WebhookDelivery delivery = await(webhooks.sendWebhook(
                    request(Ids.newId().toString(), receiver.uri("/down"), "{}", false).build()));
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> "failed".equals(row(delivery).status));
            assertEquals(4, row(delivery).attempts);
            assertEquals(4, history(delivery).size());
            Thread.sleep(1500);
            assertEquals(4, receiver.received.size(), "no attempt after the last");
        }
    }

    @Test
    void aRefusalOtherThan429IsNotRetried() throws Exception {
        try (TestReceiver receiver = new TestReceiver(400)) {
            WebhookDelivery delivery = await(webhooks.sendWebhook(
                    request(Ids.newId().toString(), receiver.uri("/bad"), "{}", true).build()));
            assertEquals("failed", delivery.getStatus());
            assertEquals(400, delivery.getHttpCode());
            assertEquals("", delivery.getTmNextAttempt());
            Thread.sleep(800);
            assertEquals(1, receiver.received.size());
        }
    }

    @Test
    void theSameReferenceIsOneDelivery() throws Exception {
        String customer = Ids.newId().toString();
        try (TestReceiver receiver = new TestReceiver()) {
            SendWebhookRequest once = request(customer, receiver.uri("/once"), "{\"n\":1}", true).build();
            // A short deadline, so the first delivery's fallback timer (1 s after it in the test profile) is due soon.
            WebhookDelivery first = await(webhooks.withDeadlineAfter(2, TimeUnit.SECONDS).sendWebhook(once));
            WebhookDelivery again = await(webhooks.sendWebhook(once));
            WebhookDelivery againAsync = await(webhooks.sendWebhook(once.toBuilder().setSync(false).build()));
            assertEquals(first.getId(), again.getId());
            assertEquals(first.getId(), againAsync.getId());
            assertEquals("delivered", again.getStatus());

            // A later step of the same activeflow reaching the same action (a goto loop) is a new delivery.
            WebhookDelivery loop = await(webhooks.sendWebhook(once.toBuilder()
                    .setReference(once.getReference().toBuilder().setExecuteCount(4)).build()));
            assertFalse(first.getId().equals(loop.getId()));
            // The first delivery's fallback timer (due 1 s after its 2 s deadline) finds its attempt made: nothing sent.
            Thread.sleep(3500);
            assertEquals(2, receiver.received.size());
        }
    }

    @Test
    void syncWaitsForTheFirstAttemptAsyncOnlyForTheStore() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            receiver.hangMs = 700;
            long start = System.nanoTime();
            WebhookDelivery async = await(webhooks.sendWebhook(
                    request(Ids.newId().toString(), receiver.uri("/async"), "{}", false).build()));
            long asyncMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals("pending", async.getStatus());
            assertEquals(0, async.getAttempts());
            assertEquals("", async.getTmLastAttempt());
            assertTrue(asyncMs < 700, "answered before the receiver did: " + asyncMs + " ms");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(row(async).status));

            start = System.nanoTime();
            WebhookDelivery sync = await(webhooks.sendWebhook(
                    request(Ids.newId().toString(), receiver.uri("/sync"), "{}", true).build()));
            long syncMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals("delivered", sync.getStatus());
            assertEquals(1, sync.getAttempts());
            assertFalse(sync.getTmLastAttempt().isEmpty());
            assertTrue(syncMs >= 700, "waited for the receiver: " + syncMs + " ms");
        }
    }

    @Test
    void aSyncRequestNeverOutwaitsItsDeadline() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            // The first request of a fresh JVM on a busy machine can spend the whole deadline storing the delivery;
            // warm the path first so the measured call is about the receiver.
            await(webhooks.sendWebhook(request(Ids.newId().toString(), receiver.uri("/warm"), "{}", true).build()));
            receiver.hangMs = 5000;
            long start = System.nanoTime();
            WebhookDelivery delivery = await(webhooks.withDeadlineAfter(3000, TimeUnit.MILLISECONDS).sendWebhook(
                    request(Ids.newId().toString(), receiver.uri("/hang"), "{}", true).build()));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms < 3000, "answered within the deadline: " + ms + " ms");
            assertEquals("pending", delivery.getStatus(), "cut, to be retried");
            assertEquals(1, delivery.getAttempts());
            assertEquals(0, delivery.getHttpCode());
            assertTrue(delivery.getError().startsWith("timeout"), delivery.getError());
            assertFalse(delivery.getTmNextAttempt().isEmpty());
        }
    }

    @Test
    void aDeadReceiverIsRecordedAsATransportError() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        WebhookDelivery delivery = await(webhooks.sendWebhook(
                request(Ids.newId().toString(), "http://127.0.0.1:" + port + "/", "{}", true).build()));
        assertEquals("pending", delivery.getStatus());
        assertEquals(0, delivery.getHttpCode());
        assertTrue(delivery.getError().toLowerCase().contains("connect"), delivery.getError());
    }

    @Test
    void badRequestsAreInvalidArgumentNamingTheField() {
        SendWebhookRequest ok = request(Ids.newId().toString(), "https://example.com/x", "{}", false).build();
        assertInvalid("customer_id", () -> await(webhooks.sendWebhook(ok.toBuilder().setCustomerId("nope").build())));
        for (String uri : new String[]{"", "ftp://example.com/", "/relative", "https://"}) {
            assertInvalid("uri", () -> await(webhooks.sendWebhook(ok.toBuilder().setUri(uri).build())));
        }
        assertInvalid("method", () -> await(webhooks.sendWebhook(ok.toBuilder().setMethod("PATCH").build())));
        assertInvalid("reference.activeflow_id", () -> await(webhooks.sendWebhook(ok.toBuilder()
                .setReference(ok.getReference().toBuilder().setActiveflowId("x")).build())));
        assertInvalid("reference.action_id", () -> await(webhooks.sendWebhook(ok.toBuilder()
                .setReference(ok.getReference().toBuilder().setActionId("")).build())));
        assertInvalid("data", () -> await(webhooks.sendWebhook(ok.toBuilder()
                .setData(ByteString.copyFrom(new byte[1024 * 1024 + 1])).build())));
    }
}
