package net.voipbin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Prepares api-run.sh's and calls-run.sh's load through the public API only: logs in as the bootstrap demo
 * admin, has the bootstrap superadmin top up the demo customer's own billing account, registers a source
 * number (the bootstrap superadmin's POST /v1.0/available_numbers, then the customer's POST /v1.0/numbers), scripts the destination to answer on asterisk-sim, places one call over
 * REST and waits until it has hung up. Prints shell assignments (TOKEN, CUSTOMER_ID, SOURCE, DESTINATION,
 * CALL_ID, POST_BODY) on stdout; progress on stderr.
 * Arguments: namespace, api-manager base URL, asterisk-sim base URL.
 */
public final class ApiBenchSetup {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiBenchSetup() {
    }

    public static void main(String[] args) throws Exception {
        String namespace = args[0];
        String api = args[1];
        String sim = args[2];
        String token = send(api, "POST", "/v1.0/auth/login", null, "{\"username\":\"demo\",\"password\":\"demo-password\"}")
                .path("token").asText();
        String customer = send(api, "GET", "/v1.0/customer", token, null).path("id").asText();
        log("demo customer %s", customer);
        // the customer's own account (made on customer_created), topped up by the operator through the public API
        String superadmin = send(api, "POST", "/v1.0/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"admin-password\"}").path("token").asText();
        String account = send(api, "GET", "/v1.0/billing_account", token, null).path("id").asText();
        send(api, "POST", "/v1.0/billing_accounts/" + account + "/balance_add_force", superadmin, "{\"balance\":1000000000000}");
        log("billing account %s funded with 1,000,000 USD", account);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String source = "+1555" + (3_000_000 + random.nextInt(999_999));
        String destination = "+1555" + (4_000_000 + random.nextInt(999_999));
        // the operator (bootstrap superadmin) stocks the inventory, then the demo customer buys from it
        send(api, "POST", "/v1.0/available_numbers", superadmin, "{\"number\":\"" + source + "\"}");
        send(api, "POST", "/v1.0/numbers", token, "{\"number\":\"" + source + "\",\"name\":\"bench\"}");
        HttpResponse<String> scripted = HTTP.send(HttpRequest.newBuilder(URI.create(sim + "/sim/endpoints/" + destination.replace("+", "%2B")))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"result\":\"answer\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (scripted.statusCode() != 200) {
            throw new IllegalStateException("simulator refused the endpoint: " + scripted.statusCode() + " " + scripted.body());
        }
        ObjectNode body = JSON.createObjectNode();
        body.putObject("source").put("type", "tel").put("target", source);
        body.putArray("destinations").addObject().put("type", "tel").put("target", destination);
        body.putArray("actions").addObject().put("type", "hangup");
        String postBody = JSON.writeValueAsString(body);
        JsonNode created = send(api, "POST", "/v1.0/calls", token, postBody);
        String callId = created.path("calls").path(0).path("id").asText();
        String status = "";
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            status = send(api, "GET", "/v1.0/calls/" + callId, token, null).path("status").asText();
            if (status.equals("hangup")) {
                break;
            }
            Thread.sleep(200);
        }
        log("call %s placed over REST: status %s", callId, status);
        if (!status.equals("hangup")) {
            throw new IllegalStateException("the probe call did not end (status " + status + "): check the services' logs");
        }
        System.out.printf(Locale.ROOT, "TOKEN='%s'%nCUSTOMER_ID='%s'%nSOURCE='%s'%nDESTINATION='%s'%nCALL_ID='%s'%nPOST_BODY='%s'%n",
                token, customer, source, destination, callId, postBody);
        System.exit(0);
    }

    private static JsonNode send(String base, String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "bench: " + format + "%n", args);
    }
}
