package net.voipbin.webhook.rpc;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.common.id.Ids;
import net.voipbin.common.testing.OnVertx;
import net.voipbin.common.testing.RpcServiceTestBase;
import net.voipbin.proto.webhook.v1.GetWebhookRequest;
import net.voipbin.proto.webhook.v1.MutinyWebhookServiceGrpc;
import net.voipbin.proto.webhook.v1.SetWebhookRequest;
import net.voipbin.proto.webhook.v1.Webhook;
import net.voipbin.webhook.repository.WebhookRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static net.voipbin.common.testing.ServiceChecks.assertInvalid;
import static net.voipbin.common.testing.ServiceChecks.assertNotFound;
import static net.voipbin.common.testing.ServiceChecks.assertOperable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** webhook-manager's RPCs through the real broker into MariaDB (Hibernate Reactive). */
@QuarkusTest
class WebhookRpcIT extends RpcServiceTestBase {

    @Inject
    WebhookRepository repository;
    @Inject
    Vertx vertx;

    MutinyWebhookServiceGrpc.MutinyWebhookServiceStub webhooks;

    @BeforeEach
    void connect() {
        webhooks = MutinyWebhookServiceGrpc.newMutinyStub(channel("webhook-manager"));
    }

    private net.voipbin.webhook.model.Webhook row(String customer) {
        return OnVertx.run(vertx, () -> Panache.withSession(() -> repository.findForCustomer(UUID.fromString(customer))));
    }

    @Test
    void setThenReadBackThroughTheBroker() {
        String customer = Ids.newId().toString();
        Webhook set = await(webhooks.setWebhook(SetWebhookRequest.newBuilder()
                .setCustomerId(customer).setUri("https://example.com/hooks?x=1")
                .addEventTypes("call_created").addEventTypes("call_hangup").addEventTypes("call_created")
                .setSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").build()));
        assertEquals("POST", set.getMethod());
        assertEquals(List.of("call_created", "call_hangup"), set.getEventTypesList());
        assertTrue(set.getHasSecret());
        assertTrue(set.getTmUpdate().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"), set.getTmUpdate());
        assertFalse(set.toString().contains("whsec_"), "the secret is never returned");

        Webhook read = await(webhooks.getWebhook(GetWebhookRequest.newBuilder().setCustomerId(customer).build()));
        assertEquals(set, read);
        assertEquals(customer, read.getCustomerId());
        assertEquals("https://example.com/hooks?x=1", read.getUri());

        var row = row(customer);
        assertNotNull(row.id);
        assertEquals(UUID.fromString(customer), row.customerId);
        assertEquals("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", row.secret);
        assertEquals(row.tmCreate, row.tmUpdate);
        var byId = OnVertx.run(vertx, () -> Panache.withSession(() -> repository.findById(row.id)));
        assertEquals(row.customerId, byId.customerId);
    }

    @Test
    void setAgainReplacesTheCustomersOneWebhook() {
        String customer = Ids.newId().toString();
        await(webhooks.setWebhook(SetWebhookRequest.newBuilder().setCustomerId(customer)
                .setUri("http://old.example.com/").setSecret("s3cret").build()));
        var first = row(customer);

        Webhook replaced = await(webhooks.setWebhook(SetWebhookRequest.newBuilder().setCustomerId(customer)
                .setMethod("put").setUri("https://new.example.com/v2").build()));
        assertEquals("PUT", replaced.getMethod());
        assertEquals("https://new.example.com/v2", replaced.getUri());
        assertFalse(replaced.getHasSecret());
        assertEquals(0, replaced.getEventTypesCount());

        var second = row(customer);
        assertEquals(first.id, second.id, "still the same row");
        assertEquals(first.tmCreate, second.tmCreate);
        assertTrue(second.tmUpdate.isAfter(first.tmUpdate));
        assertNull(second.secret);
        assertEquals(replaced, await(webhooks.getWebhook(GetWebhookRequest.newBuilder().setCustomerId(customer).build())));
    }

    @Test
    void concurrentFirstSetsLeaveOneWebhook() {
        String customer = Ids.newId().toString();
        List<Uni<Webhook>> calls = IntStream.range(0, 8).mapToObj(i -> webhooks.setWebhook(SetWebhookRequest.newBuilder()
                .setCustomerId(customer).setUri("https://example.com/" + i).build())).toList();
        List<Webhook> results = Uni.join().all(calls).andFailFast().await().atMost(Duration.ofSeconds(10));
        assertEquals(8, results.size());
        long rows = OnVertx.run(vertx, () -> Panache.withSession(() -> repository.count("customerId", UUID.fromString(customer))));
        assertEquals(1, rows);
    }

    @Test
    void anotherCustomerSeesNoWebhook() {
        String owner = Ids.newId().toString();
        String intruder = Ids.newId().toString();
        await(webhooks.setWebhook(SetWebhookRequest.newBuilder().setCustomerId(owner).setUri("https://owner.example.com").build()));

        assertNotFound(() -> await(webhooks.getWebhook(GetWebhookRequest.newBuilder().setCustomerId(intruder).build())));
        await(webhooks.setWebhook(SetWebhookRequest.newBuilder().setCustomerId(intruder).setUri("https://intruder.example.com").build()));
        Webhook owners = await(webhooks.getWebhook(GetWebhookRequest.newBuilder().setCustomerId(owner).build()));
        assertEquals("https://owner.example.com", owners.getUri());
        assertNotEquals(owners, await(webhooks.getWebhook(GetWebhookRequest.newBuilder().setCustomerId(intruder).build())));
    }

    @Test
    void badInputIsInvalidArgumentNamingTheField() {
        SetWebhookRequest ok = SetWebhookRequest.newBuilder()
                .setCustomerId(Ids.newId().toString()).setUri("https://example.com").build();
        assertInvalid("customer_id", () -> await(webhooks.setWebhook(ok.toBuilder().setCustomerId("").build())));
        assertInvalid("customer_id", () -> await(webhooks.getWebhook(GetWebhookRequest.newBuilder().setCustomerId("x").build())));
        assertInvalid("method", () -> await(webhooks.setWebhook(ok.toBuilder().setMethod("PATCH").build())));
        for (String uri : new String[]{"", "ftp://example.com/x", "/relative/path", "https://", "http://exa mple.com",
                "mailto:someone@example.com", "https://example.com/" + "a".repeat(2048)}) {
            assertInvalid("uri", () -> await(webhooks.setWebhook(ok.toBuilder().setUri(uri).build())));
        }
        assertInvalid("event_types", () -> await(webhooks.setWebhook(ok.toBuilder().addEventTypes(" ").build())));
        assertInvalid("secret", () -> await(webhooks.setWebhook(ok.toBuilder().setSecret("s".repeat(256)).build())));
        assertInvalid("secret", () -> await(webhooks.setWebhook(ok.toBuilder().setSecret("whsec_not base64!").build())));
        assertNotFound(() -> await(webhooks.getWebhook(GetWebhookRequest.newBuilder().setCustomerId(ok.getCustomerId()).build())));
    }

    @Test
    void startsMigratesAndReportsReady() {
        assertNotFound(() -> await(webhooks.getWebhook(GetWebhookRequest.newBuilder().setCustomerId(Ids.newId().toString()).build())));
        assertOperable("voipbin.webhook.v1.WebhookService/GetWebhook", "NOT_FOUND");
    }
}
