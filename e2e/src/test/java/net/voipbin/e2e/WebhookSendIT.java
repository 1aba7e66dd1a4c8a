package net.voipbin.e2e;

import com.sun.net.httpserver.HttpServer;
import net.voipbin.common.id.Ids;
import net.voipbin.proto.billing.v1.AddBalanceRequest;
import net.voipbin.proto.billing.v1.CreateAccountRequest;
import net.voipbin.proto.billing.v1.MutinyBillingServiceGrpc;
import net.voipbin.proto.flow.v1.Activeflow;
import net.voipbin.proto.flow.v1.CreateActiveflowRequest;
import net.voipbin.proto.flow.v1.GetActiveflowRequest;
import net.voipbin.proto.flow.v1.MutinyFlowServiceGrpc;
import net.voipbin.proto.webhook.v1.MutinyWebhookServiceGrpc;
import net.voipbin.proto.webhook.v1.SetWebhookRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static net.voipbin.proto.flow.v1.FlowActionJson.actionsFromJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * webhook_send end to end: an API activeflow (no call needed) runs in flow-manager, which hands each request to
 * webhook-manager over RPC; a local receiver gets them signed with the customer's secret, the body substituted.
 */
class WebhookSendIT {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }
    }

    private static int freePort() throws Exception {
        return Telephony.freePort();
    }

    private static Map<String, String> env(TestBus bus, String schema) {
        return Map.of("VOIPBIN_NAMESPACE", bus.namespace, "VOIPBIN_AMQP_QUEUE_EXPIRES", "5m",
                "VOIPBIN_DB_SCHEMA", "voipbin_" + schema + "_e2e",
                "QUARKUS_FLYWAY_CLEAN_AT_START", "true", "QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
    }

    @Test
    void aFlowsWebhookSendReachesTheReceiverSignedThroughWebhookManager() throws Exception {
        Assumptions.assumeTrue(Files.exists(ServiceProcess.jar("flow-manager")) && Files.exists(ServiceProcess.jar("webhook-manager")),
                "flow-manager and webhook-manager are not packaged (run mvn package first)");
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hook", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try (TestBus bus = new TestBus();
             ServiceProcess flow = ServiceProcess.start("flow-manager", "flow-wh", freePort(), env(bus, "flow"));
             ServiceProcess webhook = ServiceProcess.start("webhook-manager", "webhook-wh", freePort(), env(bus, "webhook"));
             // flow-manager asks billing whether the customer is funded before any HTTP action (issue 15)
             ServiceProcess billing = ServiceProcess.start("billing-manager", "billing-wh", freePort(), env(bus, "billing"))) {
            flow.awaitReady(Duration.ofSeconds(120));
            webhook.awaitReady(Duration.ofSeconds(120));
            billing.awaitReady(Duration.ofSeconds(120));
            String customer = Ids.newId().toString();
            var accounts = MutinyBillingServiceGrpc.newMutinyStub(bus.rpc.channel("billing-manager")).withDeadlineAfter(15, TimeUnit.SECONDS);
            var account = accounts.createAccount(CreateAccountRequest.newBuilder().setCustomerId(customer).build())
                    .await().atMost(Duration.ofSeconds(20));
            accounts.addBalance(AddBalanceRequest.newBuilder().setCustomerId(customer).setId(account.getId())
                    .setAmountMicros(100_000_000).build()).await().atMost(Duration.ofSeconds(20));
            MutinyWebhookServiceGrpc.newMutinyStub(bus.rpc.channel("webhook-manager")).withDeadlineAfter(15, TimeUnit.SECONDS)
                    .setWebhook(SetWebhookRequest.newBuilder().setCustomerId(customer)
                            .setUri("https://unused.example.com/").setSecret(SECRET).build())
                    .await().atMost(Duration.ofSeconds(20));

            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            String actions = "["
                    + "{\"type\":\"webhook_send\",\"option\":{\"sync\":true,\"uri\":\"" + base + "/sync\",\"method\":\"POST\","
                    + "\"data_type\":\"application/json\",\"data\":\"{\\\"activeflow\\\":\\\"${voipbin.activeflow.id}\\\"}\"}},"
                    + "{\"type\":\"webhook_send\",\"option\":{\"uri\":\"" + base + "/async\",\"method\":\"PUT\","
                    + "\"data_type\":\"text/plain\",\"data\":\"second\"}}]";
            var flows = MutinyFlowServiceGrpc.newMutinyStub(bus.rpc.channel("flow-manager"));
            Activeflow af = flows.withDeadlineAfter(30, TimeUnit.SECONDS).createActiveflow(CreateActiveflowRequest.newBuilder()
                    .setCustomerId(customer).addAllActions(actionsFromJson(actions)).setReferenceType("api")
                    .setReferenceId(Ids.newId().toString()).setExecute(true).build()).await().atMost(Duration.ofSeconds(35));

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "ended".equals(flows.withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getActiveflow(GetActiveflowRequest.newBuilder().setCustomerId(customer).setId(af.getId()).build())
                    .await().atMost(Duration.ofSeconds(15)).getStatus()));
            Thread.sleep(1000);
            assertEquals(2, received.size(), "each webhook_send delivered once");

            Received sync = received.stream().filter(r -> r.path().endsWith("/sync")).findFirst().orElseThrow();
            assertEquals("POST", sync.method());
            assertEquals("{\"activeflow\":\"" + af.getId() + "\"}", sync.body(), "variables substituted");
            assertEquals("application/json", sync.header("Content-type"));
            Received async = received.stream().filter(r -> r.path().endsWith("/async")).findFirst().orElseThrow();
            assertEquals("PUT", async.method());
            assertEquals("second", async.body());
            for (Received r : received) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
                String signed = r.header("Webhook-id") + "." + r.header("Webhook-timestamp") + "." + r.body();
                assertEquals("v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8))),
                        r.header("Webhook-signature"), r.path());
                assertTrue(r.header("X-voipbin-signature").startsWith("sha256="), r.path());
            }
        } finally {
            server.stop(0);
        }
    }
}
