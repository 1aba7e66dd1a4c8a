package net.voipbin.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The suite's demo against running services (scripts/run-suite.sh starts them), done as a customer
 * does it: through the public REST gateway only. It logs in as the bootstrap {@code demo} customer
 * (whose billing account opened from {@code customer_created} like anyone's), points the customer's
 * webhook at a local receiver, buys a number the operator (the bootstrap superadmin) provisioned into the
 * inventory, creates a flow (talk, digits_receive, branch, hangup),
 * calls a simulated phone that presses 1, and prints the call's story: statuses with their times,
 * the actions the flow executed, the webhook deliveries received, and what the call cost.
 *
 * <p>The one request outside the API is to the simulator's {@code /sim} control API: it plays the far
 * end (answer after 300 ms, press 1), which a real deployment's callee does by itself.
 */
public final class Demo {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String api;
    private String token;

    private Demo(String api) {
        this.api = api;
    }

    public static void main(String[] args) throws Exception {
        Demo demo = new Demo(env("VOIPBIN_API_URL", "http://127.0.0.1:8080"));
        demo.run(env("VOIPBIN_SIM_URL", "http://127.0.0.1:8090"));
    }

    private void run(String sim) throws Exception {
        // The operator stocks the number inventory (a project superadmin); customers buy from it.
        String number = "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        token = send("POST", "/auth/login", JSON.createObjectNode()
                .put("username", env("VOIPBIN_API_BOOTSTRAP_SUPERADMIN_USERNAME", "admin"))
                .put("password", env("VOIPBIN_API_BOOTSTRAP_SUPERADMIN_PASSWORD", "admin-password"))).path("token").asText();
        send("POST", "/v1.0/available_numbers", JSON.createObjectNode().put("number", number)
                .put("region", "California").put("postal_code", "94105"));
        System.out.println("demo: the operator (superadmin) provisioned " + number + " (POST /v1.0/available_numbers)");

        JsonNode login = send("POST", "/auth/login", JSON.createObjectNode()
                .put("username", env("VOIPBIN_API_BOOTSTRAP_DEMO_USERNAME", "demo"))
                .put("password", env("VOIPBIN_API_BOOTSTRAP_DEMO_PASSWORD", "demo-password")));
        token = login.path("token").asText();
        System.out.println("demo: logged in as demo (POST /auth/login)");

        JsonNode account = waitForAccount();
        System.out.printf("demo: billing account %s, plan %s: %d tokens, %d micros credit (GET /v1.0/billing_account)%n",
                account.path("id").asText(), account.path("plan_type").asText(),
                account.path("balance_token").asLong(), account.path("balance_credit").asLong());

        List<JsonNode> webhooks = new CopyOnWriteArrayList<>();
        HttpServer receiver = webhookReceiver(webhooks);
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/voipbin";
        send("PUT", "/v1.0/customer", JSON.createObjectNode().put("webhook_method", "POST").put("webhook_uri", hook));
        System.out.println("demo: webhook_uri set to " + hook + " (PUT /v1.0/customer)");

        try {
            int offered = send("GET", "/v1.0/available_numbers?country_code=US", null).path("result").size();
            send("POST", "/v1.0/numbers", JSON.createObjectNode().put("number", number).put("name", "demo line"));
            System.out.println("demo: bought " + number + " of " + offered
                    + " on offer (GET /v1.0/available_numbers?country_code=US, POST /v1.0/numbers)");

            JsonNode flow = send("POST", "/v1.0/flows", menuFlow());
            System.out.println("demo: flow " + flow.path("id").asText() + " (POST /v1.0/flows): talk, digits_receive, branch, hangup");

            String callee = "+15551230001";
            simulate(sim, callee, "{\"result\":\"answer\",\"answer_after_ms\":300,\"dtmf\":[{\"digits\":\"1\",\"after_ms\":2800}]}");
            ObjectNode body = JSON.createObjectNode().put("flow_id", flow.path("id").asText());
            body.putObject("source").put("type", "tel").put("target", number);
            body.putArray("destinations").addObject().put("type", "tel").put("target", callee);
            JsonNode call = send("POST", "/v1.0/calls", body).path("calls").path(0);
            String callId = call.path("id").asText();
            System.out.printf("demo: call %s from %s to %s (POST /v1.0/calls); the callee presses 1%n", callId, number, callee);

            call = waitForHangup(callId);
            timeline(call);
            charges(callId, webhooks);
            System.out.printf("demo: the simulator heard %s%n",
                    JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(sim + "/sim/channels/" + callId)).build(),
                            HttpResponse.BodyHandlers.ofString()).body()).path("spoken"));
        } finally {
            receiver.stop(0);
            send("PUT", "/v1.0/customer", JSON.createObjectNode().put("webhook_uri", ""));
        }
        System.out.println("demo: try it yourself:");
        System.out.printf("  export TOKEN=%s%n", token);
        System.out.printf("  curl -H \"Authorization: Bearer $TOKEN\" %s/v1.0/calls%n", api);
        System.out.printf("  curl -H \"Authorization: Bearer $TOKEN\" %s/v1.0/billing_account%n", api);
    }

    /** talk, then one digit decides: 1 is sales, anything else (or nothing in 5 s) support; then hang up. */
    private static ObjectNode menuFlow() {
        ObjectNode flow = JSON.createObjectNode().put("name", "demo menu").put("detail", "created by the demo");
        ArrayNode actions = flow.putArray("actions");
        actions.addObject().put("type", "talk").putObject("option").put("text", "Press 1 for sales, 2 for support.").put("language", "en-US");
        actions.addObject().put("type", "digits_receive").putObject("option").put("duration", 5000).put("length", 1);
        ObjectNode branch = actions.addObject().put("type", "branch").putObject("option").put("default_target_id", "support");
        branch.putObject("target_ids").put("1", "sales").put("2", "support");
        actions.addObject().put("id", "sales").put("type", "talk").put("next_id", "bye")
                .putObject("option").put("text", "Connecting you to sales.").put("language", "en-US");
        actions.addObject().put("id", "support").put("type", "talk")
                .putObject("option").put("text", "Connecting you to support.").put("language", "en-US");
        actions.addObject().put("id", "bye").put("type", "hangup");
        return flow;
    }

    private JsonNode waitForAccount() throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            HttpResponse<String> r = request("GET", "/v1.0/billing_account", null);
            if (r.statusCode() == 200) {
                return JSON.readTree(r.body());
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("the demo customer has no billing account: " + r.statusCode() + " " + r.body());
            }
            Thread.sleep(250);
        }
    }

    private JsonNode waitForHangup(String callId) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        String last = "";
        while (System.nanoTime() < until) {
            JsonNode call = send("GET", "/v1.0/calls/" + callId, null);
            String status = call.path("status").asText();
            if (!status.equals(last)) {
                System.out.println("demo: call is " + status);
                last = status;
            }
            if ("hangup".equals(status)) {
                return call;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the demo call did not end within 40 s: " + last);
    }

    private void timeline(JsonNode call) throws Exception {
        System.out.println("demo: timeline of the call (GET /v1.0/calls/{id}):");
        for (String tm : List.of("tm_create", "tm_ringing", "tm_progressing", "tm_hangup")) {
            System.out.printf("  %-15s %s%n", tm, call.path(tm).asText());
        }
        System.out.printf("  hangup_by %s, hangup_reason %s%n", call.path("hangup_by").asText(), call.path("hangup_reason").asText());
        String activeflow = call.path("activeflow_id").asText();
        // "no activeflow" is the contract's all-zero UUID
        if (!activeflow.isEmpty() && !activeflow.equals("00000000-0000-0000-0000-000000000000")) {
            JsonNode af = send("GET", "/v1.0/activeflows/" + activeflow, null);
            System.out.println("demo: actions executed (GET /v1.0/activeflows/{id}):");
            // The first executed entry is the start placeholder (no type), as in the reference.
            for (JsonNode a : af.path("executed_actions")) {
                if (!a.path("type").asText().isEmpty()) {
                    System.out.printf("  %-15s %s%n", a.path("type").asText(), a.path("option"));
                }
            }
            JsonNode last = af.path("current_action");
            if (!last.path("type").asText().isEmpty()) {
                System.out.printf("  %-15s %s   (the last one: current_action)%n", last.path("type").asText(), last.path("option"));
            }
        }
    }

    /** The charge is written when billing-manager takes call_hungup; the webhooks arrive on their own time. */
    private void charges(String callId, List<JsonNode> webhooks) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode billings = JSON.createArrayNode();
        while (billings.isEmpty() && System.nanoTime() < until) {
            billings = send("GET", "/v1.0/billings?reference_id=" + URLEncoder.encode(callId, StandardCharsets.UTF_8), null).path("result");
            if (billings.isEmpty()) {
                Thread.sleep(200);
            }
        }
        for (JsonNode b : billings) {
            System.out.printf("demo: cost (GET /v1.0/billings): %d minute(s) of %s: %d token(s), %d micros%n",
                    b.path("billable_units").asLong(), b.path("cost_type").asText(),
                    -b.path("amount_token").asLong(), -b.path("amount_credit").asLong());
        }
        while (webhooks.stream().noneMatch(w -> "billing_created".equals(w.path("type").asText())) && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        System.out.printf("demo: %d webhook deliveries received:%n", webhooks.size());
        for (JsonNode w : webhooks) {
            System.out.printf("  %s%n", w.path("type").asText());
        }
    }

    private static HttpServer webhookReceiver(List<JsonNode> received) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/voipbin", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                try {
                    received.add(JSON.readTree(body));
                } catch (IOException e) {
                    received.add(JSON.createObjectNode().put("type", "(not JSON)"));
                }
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        return server;
    }

    private static void simulate(String sim, String endpoint, String behavior) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sim + "/sim/endpoints/" + URLEncoder.encode(endpoint, StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(behavior)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("simulator refused the endpoint: " + r.statusCode() + " " + r.body());
        }
    }

    private JsonNode send(String method, String path, JsonNode body) throws Exception {
        HttpResponse<String> r = request(method, path, body);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private HttpResponse<String> request(String method, String path, JsonNode body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
