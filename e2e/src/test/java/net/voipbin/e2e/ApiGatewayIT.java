package net.voipbin.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.voipbin.proto.billing.v1.AddBalanceRequest;
import net.voipbin.proto.billing.v1.CreateAccountRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The public gateway over the real managers: REST through api-manager into call-manager and
 * flow-manager, the call placed on asterisk-sim, its events on the WebSocket of its own customer
 * only, and another customer's ids NOT FOUND on every path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiGatewayIT {

    private static final Duration BILLED_MINUTE = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Telephony t;
    private ServiceProcess api;
    private String base;
    /** Every exchange of every test here, checked against the public contract (issue 16). */
    private ContractConformance contract;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Telephony.packaged() && Files.exists(ServiceProcess.jar("api-manager")),
                "services are not packaged (run mvn package first)");
        contract = ContractConformance.bundled();
        // A billed minute of 5 s (charging and cut-off count in it alike), so that running out of
        // money takes seconds; every other call here is shorter than one such minute.
        t = new Telephony(Map.of(), Map.of("VOIPBIN_BILLING_MINUTE", BILLED_MINUTE.toSeconds() + "s"));
        int port = Telephony.freePort();
        api = ServiceProcess.start("api-manager", "api-manager-" + t.bus.namespace.substring(4, 12), port, Map.of(
                "VOIPBIN_NAMESPACE", t.bus.namespace, "VOIPBIN_AMQP_QUEUE_EXPIRES", "5m", "VOIPBIN_DB_SCHEMA", "voipbin_api_e2e",
                "QUARKUS_FLYWAY_CLEAN_AT_START", "true", "QUARKUS_FLYWAY_CLEAN_DISABLED", "false"));
        api.awaitReady(Duration.ofSeconds(120));
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        if (t != null) {
            t.close();
        }
        // After the processes are gone, so a violation never leaves them running.
        if (contract != null) {
            System.out.println("ApiGatewayIT contract conformance: " + contract.report());
            if (!contract.violations().isEmpty()) {
                fail(contract.report());
            }
        }
    }

    private HttpResponse<String> call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        String json = body == null ? null : body instanceof String text ? text : Telephony.JSON.writeValueAsString(body);
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        contract.record(method, path, json, r.statusCode(), r.body());
        return r;
    }

    private JsonNode ok(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.request().method() + " " + r.uri() + ": " + r.body());
        return Telephony.JSON.readTree(r.body());
    }

    private String login(String username, String password) throws Exception {
        return ok(call("POST", "/auth/login", null, Map.of("username", username, "password", password))).path("token").asText();
    }

    /** A customer made by the superadmin with its first admin; returns {customer id, token}. */
    private String[] newCustomer(String superadmin) throws Exception {
        String username = "u-" + UUID.randomUUID();
        JsonNode c = ok(call("POST", "/v1.0/customers", superadmin, Map.of("name", "c " + username, "username", username,
                "password", "secret-pass")));
        return new String[]{c.path("id").asText(), login(username, "secret-pass")};
    }

    /** The customer's default billing account, once billing-manager has opened it (from customer_created). */
    private JsonNode billingAccount(String token) throws Exception {
        JsonNode[] account = new JsonNode[1];
        Telephony.waitFor("the new customer's billing account", Duration.ofSeconds(30), () -> {
            try {
                HttpResponse<String> r = call("GET", "/v1.0/billing_account", token, null);
                account[0] = r.statusCode() == 200 ? Telephony.JSON.readTree(r.body()) : null;
                return account[0] != null;
            } catch (Exception e) {
                return false;
            }
        });
        return account[0];
    }

    /** The one billing row of a call, once billing-manager has charged it (from call_hungup). */
    private JsonNode awaitCharge(String token, String callId) throws Exception {
        JsonNode[] billings = new JsonNode[1];
        Telephony.waitFor("the call's billing", Duration.ofSeconds(40), () -> {
            try {
                billings[0] = ok(call("GET", "/v1.0/billings?reference_id=" + callId, token, null)).path("result");
                return billings[0].size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        return billings[0].path(0);
    }

    /** The operator stocks the inventory: the superadmin's POST /available_numbers. */
    private void provision(String superadmin, String number) throws Exception {
        ok(call("POST", "/v1.0/available_numbers", superadmin, Map.of("number", number)));
    }

    /** A new customer whose default account the superadmin funded (50 USD); returns {customer id, token}. */
    private String[] customer(String superadmin) throws Exception {
        String[] c = newCustomer(superadmin);
        String account = billingAccount(c[1]).path("id").asText();
        ok(call("POST", "/v1.0/billing_accounts/" + account + "/balance_add_force", superadmin, Map.of("balance", 50_000_000)));
        return c;
    }

    /** A WebSocket client that collects every frame. */
    private static final class Feed implements WebSocket.Listener {
        final List<JsonNode> frames = Collections.synchronizedList(new ArrayList<>());
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(Telephony.JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        List<String> types(String id) {
            List<String> out = new ArrayList<>();
            synchronized (frames) {
                for (JsonNode f : frames) {
                    if (id == null || id.equals(f.path("data").path("id").asText())) {
                        out.add(f.path("type").asText());
                    }
                }
            }
            return out;
        }
    }

    /** Opened as a browser would: a single-use ticket from POST /v1.0/ws/tickets in the URL (never the token). */
    private WebSocket subscribe(String token, String topic, Feed feed) throws Exception {
        String ticket = ok(call("POST", "/v1.0/ws/tickets", token, null)).path("ticket").asText();
        WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(URI.create(base.replace("http", "ws") + "/v1.0/ws?ticket=" + ticket), feed)
                .get();
        ws.sendText("{\"type\":\"subscribe\",\"topics\":[\"" + topic + "\"]}", true).get();
        Telephony.waitFor("subscribed", Duration.ofSeconds(10), () -> feed.types(null).contains("subscribed"));
        return ws;
    }

    @Test
    void aCallPlacedOverRestIsFollowedOnItsOwnersWebSocketOnlyAndHiddenFromOthers() throws Exception {
        String superadmin = login("admin", "admin-password");
        String[] a = customer(superadmin);
        String[] b = customer(superadmin);
        String number = "+1555" + (3_000_000 + (int) (Math.random() * 999_999));
        provision(superadmin, number);

        JsonNode owned = ok(call("POST", "/v1.0/numbers", a[1], Map.of("number", number, "name", "main")));
        String destination = "+1555" + (4_000_000 + (int) (Math.random() * 999_999));
        t.endpoint(destination, "{\"result\":\"answer\",\"answer_after_ms\":300,\"hangup_after_ms\":2500}");

        Feed feedA = new Feed();
        Feed feedB = new Feed();
        WebSocket wsA = subscribe(a[1], "customer_id:" + a[0] + ":call:*", feedA);
        WebSocket wsB = subscribe(b[1], "customer_id:" + b[0] + ":call:*", feedB);

        ObjectNode body = Telephony.JSON.createObjectNode();
        body.putObject("source").put("type", "tel").put("target", number);
        body.putArray("destinations").addObject().put("type", "tel").put("target", destination);
        body.putArray("actions").addObject().put("type", "talk").putObject("option").put("text", "hello over rest");
        JsonNode created = ok(call("POST", "/v1.0/calls", a[1], body));
        String callId = created.path("calls").path(0).path("id").asText();
        assertEquals("dialing", created.path("calls").path(0).path("status").asText(), created.toString());

        Telephony.waitFor("call_hungup on A's WebSocket", Duration.ofSeconds(40), () -> feedA.types(callId).contains("call_hungup"));
        List<String> seen = feedA.types(callId);
        assertTrue(seen.indexOf("call_created") >= 0 && seen.indexOf("call_created") < seen.indexOf("call_answered")
                && seen.indexOf("call_answered") < seen.indexOf("call_hungup"), seen.toString());
        assertEquals(List.of(), feedB.types(callId), "another customer sees nothing of the call");
        // B may not even ask for A's topic.
        wsB.sendText("{\"type\":\"subscribe\",\"topics\":[\"customer_id:" + a[0] + ":call:*\"]}", true).get();
        Telephony.waitFor("refusal", Duration.ofSeconds(10), () -> feedB.types(null).contains("error"));

        JsonNode read = ok(call("GET", "/v1.0/calls/" + callId, a[1], null));
        assertEquals("hangup", read.path("status").asText());
        assertEquals("normal", read.path("hangup_reason").asText());
        for (String field : List.of("id", "customer_id", "flow_id", "activeflow_id", "type", "master_call_id", "chained_call_ids",
                "recording_id", "recording_ids", "source", "destination", "status", "action", "direction", "mute_direction",
                "hangup_by", "hangup_reason", "tm_progressing", "tm_ringing", "tm_hangup", "tm_create", "tm_update")) {
            assertTrue(read.has(field), field + " missing in " + read);
        }

        // Tenant isolation through the real managers: every path of A's call and number is 404 for B.
        for (String[] req : List.of(new String[]{"GET", "/v1.0/calls/" + callId}, new String[]{"DELETE", "/v1.0/calls/" + callId},
                new String[]{"POST", "/v1.0/calls/" + callId + "/hangup"}, new String[]{"POST", "/v1.0/calls/" + callId + "/hold"},
                new String[]{"POST", "/v1.0/calls/" + callId + "/recording_start"},
                new String[]{"GET", "/v1.0/numbers/" + owned.path("id").asText()},
                new String[]{"DELETE", "/v1.0/numbers/" + owned.path("id").asText()},
                new String[]{"GET", "/v1.0/activeflows/" + read.path("activeflow_id").asText()})) {
            HttpResponse<String> r = call(req[0], req[1], b[1], req[0].equals("POST") ? Map.of() : null);
            assertEquals(404, r.statusCode(), req[0] + " " + req[1] + ": " + r.body());
        }
        assertEquals(0, ok(call("GET", "/v1.0/calls", b[1], null)).path("result").size());
        wsA.abort();
        wsB.abort();
    }

    /** Issue 16: the seeds' call options (seed 000's dial_timeout, early_execution) through the public API. */
    @Test
    void aCallWithTheSeedsDialTimeoutAndEarlyExecutionIsPlaced() throws Exception {
        String superadmin = login("admin", "admin-password");
        String[] a = customer(superadmin);
        String number = "+1555" + (3_000_000 + (int) (Math.random() * 999_999));
        provision(superadmin, number);
        ok(call("POST", "/v1.0/numbers", a[1], Map.of("number", number)));
        String destination = "+1555" + (4_000_000 + (int) (Math.random() * 999_999));
        t.endpoint(destination, "{\"result\":\"answer\",\"answer_after_ms\":300,\"hangup_after_ms\":1500}");
        Map<String, Object> body = new java.util.HashMap<>(Map.of("source", Map.of("type", "tel", "target", number),
                "destinations", List.of(Map.of("type", "tel", "target", destination)),
                "actions", List.of(Map.of("type", "talk", "option", Map.of("text", "early"))),
                "dial_timeout", 45000, "early_execution", true));
        assertError(400, "dial_timeout", call("POST", "/v1.0/calls", a[1], Map.of("source", body.get("source"),
                "destinations", body.get("destinations"), "actions", body.get("actions"), "dial_timeout", 500)));
        JsonNode created = ok(call("POST", "/v1.0/calls", a[1], body));
        String callId = created.path("calls").path(0).path("id").asText();
        Telephony.waitFor("the call to end", Duration.ofSeconds(40), () -> {
            try {
                return ok(call("GET", "/v1.0/calls/" + callId, a[1], null)).path("status").asText().equals("hangup");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode read = ok(call("GET", "/v1.0/calls/" + callId, a[1], null));
        assertTrue(!read.path("hangup_reason").asText().equals("dialout"), "rang within 45 s: " + read);
        assertEquals("00000000-0000-0000-0000-000000000000", read.path("master_call_id").asText(), read.toString());
    }

    private static String encoded(String number) {
        return java.net.URLEncoder.encode(number, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void assertError(int status, String mentions, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.request().method() + " " + r.uri() + ": " + r.body());
        assertTrue(r.body().contains("\"error\"") && r.body().contains(mentions), r.body());
    }

    /**
     * Issue 15's toll fraud through the real gateway and managers: numbers come only from the
     * operator's inventory, one owner each; an unbought number is no caller id, whatever the
     * destination type; a sip destination reaches only the customer's own domain; a number runs
     * only its owner's flows. Each refusal is a 4xx in the error shape and creates no call.
     */
    @Test
    void numbersComeFromTheInventoryAndNeitherSquattersNorSipDestinationsGetAround() throws Exception {
        String superadmin = login("admin", "admin-password");
        String[] a = customer(superadmin);
        String[] b = customer(superadmin);
        // Australia is this test's own corner of the inventory: emptied first, so listings are exact
        for (JsonNode left : ok(call("GET", "/v1.0/available_numbers?country_code=AU", superadmin, null)).path("result")) {
            ok(call("DELETE", "/v1.0/available_numbers/" + encoded(left.path("number").asText()), superadmin, null));
        }
        String number = "+6129" + (1_000_000 + (int) (Math.random() * 8_999_999));

        // a squatter: any E.164 number typed in is refused, and only a superadmin stocks the inventory
        assertError(400, "not an available number", call("POST", "/v1.0/numbers", a[1], Map.of("number", number)));
        assertError(403, "SUPERADMIN_REQUIRED", call("POST", "/v1.0/available_numbers", a[1], Map.of("number", number)));
        JsonNode provisioned = ok(call("POST", "/v1.0/available_numbers", superadmin,
                Map.of("number", number, "region", "New South Wales", "postal_code", "2000", "features", List.of("voice", "sms"))));
        assertEquals("AU", provisioned.path("country").asText(), provisioned.toString());
        JsonNode offer = ok(call("GET", "/v1.0/available_numbers?country_code=AU", a[1], null));
        assertEquals(1, offer.path("result").size(), offer.toString());
        assertEquals(number, offer.path("result").path(0).path("number").asText());
        assertEquals("New South Wales", offer.path("result").path(0).path("region").asText());
        assertError(400, "country_code", call("GET", "/v1.0/available_numbers", a[1], null));

        // one owner: A buys it, B cannot, and it is off the list
        JsonNode owned = ok(call("POST", "/v1.0/numbers", a[1], Map.of("number", number, "name", "main")));
        assertError(400, "NUMBER_ALREADY_EXISTS", call("POST", "/v1.0/numbers", b[1], Map.of("number", number)));
        assertEquals(0, ok(call("GET", "/v1.0/available_numbers?country_code=AU", b[1], null)).path("result").size());
        assertError(409, "owned by a customer", call("DELETE", "/v1.0/available_numbers/" + encoded(number), superadmin, null));

        // B calls from A's number (B bought nothing): refused for a tel and for a sip destination
        String bDomain = b[0] + ".registrar.voipbin.net";
        for (Map<String, String> destination : List.of(Map.of("type", "tel", "target", "+15559870001"),
                Map.of("type", "sip", "target", "sip:1001@" + bDomain))) {
            // 400 as the contract lists for POST /calls (call-manager says FAILED_PRECONDITION; the gateway maps it)
            HttpResponse<String> refused = call("POST", "/v1.0/calls", b[1], Map.of(
                    "source", Map.of("type", "tel", "target", number), "destinations", List.of(destination),
                    "actions", List.of(Map.of("type", "hangup"))));
            assertError(400, "source: " + number, refused);
            assertError(400, "\"reason\":\"SOURCE_NUMBER_NOT_OWNED\"", refused);
        }
        // a sip destination on a domain B has not registered (a carrier, another tenant's): refused
        for (String target : List.of("sip:+15559870002@pstn.attacker.example", "sip:1001@" + a[0] + ".registrar.voipbin.net")) {
            HttpResponse<String> refused = call("POST", "/v1.0/calls", b[1], Map.of(
                    "source", Map.of("type", "sip", "target", "sip:alice@" + bDomain),
                    "destinations", List.of(Map.of("type", "sip", "target", target)),
                    "actions", List.of(Map.of("type", "hangup"))));
            assertError(400, "destination: sip destinations may reach only", refused);
            assertError(400, "\"reason\":\"DESTINATION_NOT_ALLOWED\"", refused);
        }
        assertEquals(0, ok(call("GET", "/v1.0/calls", b[1], null)).path("result").size(), "no call was created");

        // a number runs only its owner's flows: B's flow on A's number is refused, on create and update
        String bFlow = ok(call("POST", "/v1.0/flows", b[1], Map.of("name", "b's", "actions", List.of(Map.of("type", "hangup")))))
                .path("id").asText();
        String aFlow = ok(call("POST", "/v1.0/flows", a[1], Map.of("name", "a's", "actions", List.of(Map.of("type", "hangup")))))
                .path("id").asText();
        String id = owned.path("id").asText();
        assertError(400, "call_flow_id", call("PUT", "/v1.0/numbers/" + id + "/flow_ids", a[1],
                Map.of("call_flow_id", bFlow, "message_flow_id", "")));
        assertError(400, "message_flow_id", call("PUT", "/v1.0/numbers/" + id, a[1], Map.of("message_flow_id", bFlow)));
        // the contract's zero UUID is "none" in the request and is how "none" is answered
        JsonNode mine = ok(call("PUT", "/v1.0/numbers/" + id + "/flow_ids", a[1],
                Map.of("call_flow_id", aFlow, "message_flow_id", "00000000-0000-0000-0000-000000000000")));
        assertEquals(aFlow, mine.path("call_flow_id").asText(), mine.toString());
        assertEquals("00000000-0000-0000-0000-000000000000", mine.path("message_flow_id").asText(), mine.toString());
        assertEquals("main", mine.path("name").asText(), "flow_ids keeps the name");

        // deleting returns it to the inventory; B may buy it then
        ok(call("DELETE", "/v1.0/numbers/" + id, a[1], null));
        assertEquals(1, ok(call("GET", "/v1.0/available_numbers?country_code=AU", b[1], null)).path("result").size());
        assertEquals(b[0], ok(call("POST", "/v1.0/numbers", b[1], Map.of("number", number))).path("customer_id").asText());
    }

    @Test
    void badRequestsAreFourHundredsNamingTheFieldAndWriteNothing() throws Exception {
        String superadmin = login("admin", "admin-password");
        String[] a = customer(superadmin);
        HttpResponse<String> noDestination = call("POST", "/v1.0/calls", a[1], Map.of("source", Map.of("type", "tel", "target", "+15551112222"),
                "destinations", List.of(), "actions", List.of(Map.of("type", "answer"))));
        assertEquals(400, noDestination.statusCode(), noDestination.body());
        assertTrue(noDestination.body().contains("destinations"), noDestination.body());
        HttpResponse<String> badFlow = call("POST", "/v1.0/flows", a[1], Map.of("name", "x",
                "actions", List.of(Map.of("type", "branch", "option", Map.of("default_target_id", UUID.randomUUID().toString())))));
        assertEquals(400, badFlow.statusCode(), badFlow.body());
        assertTrue(badFlow.body().contains("actions[0]"), badFlow.body());
        // issue 15: a play of an internal URL is refused when the flow is written, naming the action
        HttpResponse<String> ssrfPlay = call("POST", "/v1.0/flows", a[1], Map.of("name", "x", "actions", List.of(
                Map.of("type", "answer"), Map.of("type", "play", "option", Map.of("stream_urls", List.of("https://169.254.169.254/latest/"))))));
        assertEquals(400, ssrfPlay.statusCode(), ssrfPlay.body());
        assertTrue(ssrfPlay.body().contains("actions[1].option.stream_urls[0]"), ssrfPlay.body());
        HttpResponse<String> broke = call("POST", "/v1.0/calls", customerWithoutMoney(superadmin), Map.of(
                "source", Map.of("type", "tel", "target", "+15551112222"),
                "destinations", List.of(Map.of("type", "tel", "target", "+15551113333")),
                "actions", List.of(Map.of("type", "answer"))));
        assertEquals(402, broke.statusCode(), broke.body());
        assertEquals(0, ok(call("GET", "/v1.0/calls", a[1], null)).path("result").size());
        assertEquals(0, ok(call("GET", "/v1.0/flows", a[1], null)).path("result").size());
    }

    /** A customer the superadmin froze: its billing account follows, and it may not call. */
    private String customerWithoutMoney(String superadmin) throws Exception {
        String[] c = newCustomer(superadmin);
        billingAccount(c[1]);
        ok(call("POST", "/v1.0/customers/" + c[0] + "/freeze", superadmin, null));
        Telephony.waitFor("the frozen account", Duration.ofSeconds(30), () -> {
            try {
                return "frozen".equals(Telephony.JSON.readTree(call("GET", "/v1.0/billing_account", c[1], null).body()).path("status").asText());
            } catch (Exception e) {
                return false;
            }
        });
        return c[1];
    }

    /**
     * Issue 13's new user, through the public API alone: the superadmin creates a customer, the
     * customer logs in, finds its billing account opened with the free plan's tokens (one in this
     * run: billing-manager is started with VOIPBIN_BILLING_PLANS_FREE_MONTHLY_TOKENS=1), buys a number,
     * places a call that is answered and charged from the token, then, at zero balance, is refused
     * with 402 and its reason, and no call is created.
     */
    @Test
    void aNewCustomerCallsOnItsFreeTokensThenGetsPaymentRequired() throws Exception {
        String superadmin = login("admin", "admin-password");
        String[] c = newCustomer(superadmin);
        JsonNode account = billingAccount(c[1]);
        assertEquals("free", account.path("plan_type").asText(), account.toString());
        assertEquals(1, account.path("balance_token").asLong(), account.toString());
        assertEquals(0, account.path("balance_credit").asLong(), account.toString());
        Telephony.waitFor("billing_account_id on the customer", Duration.ofSeconds(30), () -> {
            try {
                return account.path("id").asText().equals(ok(call("GET", "/v1.0/customer", c[1], null)).path("billing_account_id").asText());
            } catch (Exception e) {
                return false;
            }
        });

        String number = "+1555" + (5_000_000 + (int) (Math.random() * 999_999));
        provision(superadmin, number);

        ok(call("POST", "/v1.0/numbers", c[1], Map.of("number", number, "name", "main")));
        String destination = "+1555" + (6_000_000 + (int) (Math.random() * 999_999));
        t.endpoint(destination, "{\"result\":\"answer\",\"answer_after_ms\":200,\"hangup_after_ms\":1500}");
        ObjectNode body = Telephony.JSON.createObjectNode();
        body.putObject("source").put("type", "tel").put("target", number);
        body.putArray("destinations").addObject().put("type", "tel").put("target", destination);
        body.putArray("actions").addObject().put("type", "talk").putObject("option").put("text", "on the house");
        String callId = ok(call("POST", "/v1.0/calls", c[1], body)).path("calls").path(0).path("id").asText();

        JsonNode charge = awaitCharge(c[1], callId);
        assertEquals("usage", charge.path("transaction_type").asText(), charge.toString());
        assertEquals("call_pstn_outgoing", charge.path("cost_type").asText(), charge.toString());
        assertEquals(1, charge.path("billable_units").asLong(), charge.toString());
        assertEquals(-1, charge.path("amount_token").asLong(), "tokens first: " + charge);
        assertEquals(0, charge.path("amount_credit").asLong(), charge.toString());
        assertEquals(0, ok(call("GET", "/v1.0/billing_account", c[1], null)).path("balance_token").asLong());
        assertEquals(charge, ok(call("GET", "/v1.0/billings/" + charge.path("id").asText(), c[1], null)));

        HttpResponse<String> refused = call("POST", "/v1.0/calls", c[1], body);
        assertEquals(402, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("insufficient balance") && refused.body().contains("less than one minute of a call"), refused.body());
        assertEquals(1, ok(call("GET", "/v1.0/calls", c[1], null)).path("result").size(), "the refused call was not created");
    }

    /**
     * The docs' promise of no negative balance, kept while the call is up: a new customer's call runs
     * on its one free token; the callee never hangs up and the flow keeps the call open, so when the
     * next minute cannot be paid billing-manager announces billing_account_exhausted and has the
     * call hung up before that minute begins (local/timeout). The call is charged the one minute it
     * had, the balance ends at zero, and the customer saw it all on its WebSocket.
     */
    @Test
    void aCallWhoseMoneyRunsOutIsHungUpBeforeTheMinuteItCannotPay() throws Exception {
        String superadmin = login("admin", "admin-password");
        String[] c = newCustomer(superadmin);
        assertEquals(1, billingAccount(c[1]).path("balance_token").asLong(), "one free token (one minute)");
        Feed feed = new Feed();
        WebSocket ws = subscribe(c[1], "customer_id:" + c[0], feed);

        String number = "+1555" + (7_000_000 + (int) (Math.random() * 999_999));
        provision(superadmin, number);

        ok(call("POST", "/v1.0/numbers", c[1], Map.of("number", number, "name", "main")));
        String destination = "+1555" + (8_000_000 + (int) (Math.random() * 999_999));
        t.endpoint(destination, "{\"result\":\"answer\",\"answer_after_ms\":200}");
        ObjectNode body = Telephony.JSON.createObjectNode();
        body.putObject("source").put("type", "tel").put("target", number);
        body.putArray("destinations").addObject().put("type", "tel").put("target", destination);
        ArrayNode actions = body.putArray("actions");
        actions.addObject().put("type", "talk").putObject("option").put("text", "this minute is on the house");
        actions.addObject().put("type", "sleep").putObject("option").put("duration", 60_000);
        String callId = ok(call("POST", "/v1.0/calls", c[1], body)).path("calls").path(0).path("id").asText();

        JsonNode[] read = new JsonNode[1];
        Telephony.waitFor("the call cut off", Duration.ofSeconds(30), () -> {
            try {
                read[0] = ok(call("GET", "/v1.0/calls/" + callId, c[1], null));
                return "hangup".equals(read[0].path("status").asText());
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals("local", read[0].path("hangup_by").asText(), read[0].toString());
        assertEquals("timeout", read[0].path("hangup_reason").asText(), read[0].toString());
        Duration up = Duration.between(Instant.parse(read[0].path("tm_progressing").asText()), Instant.parse(read[0].path("tm_hangup").asText()));
        assertTrue(up.compareTo(BILLED_MINUTE) < 0, "hung up within the one paid minute, not after: " + up);

        JsonNode charge = awaitCharge(c[1], callId);
        assertEquals(1, charge.path("billable_units").asLong(), charge.toString());
        assertEquals(-1, charge.path("amount_token").asLong(), charge.toString());
        assertEquals(0, charge.path("amount_credit").asLong(), charge.toString());
        JsonNode account = ok(call("GET", "/v1.0/billing_account", c[1], null));
        assertEquals(0, account.path("balance_token").asLong(), account.toString());
        assertEquals(0, account.path("balance_credit").asLong(), "never below zero: " + account);

        Telephony.waitFor("the cut-off and the charge on the customer's WebSocket", Duration.ofSeconds(20),
                () -> feed.types(null).containsAll(List.of("billing_account_exhausted", "call_hungup", "billing_created")));
        List<String> seen = feed.types(null);
        assertTrue(seen.indexOf("billing_account_exhausted") < seen.indexOf("call_hungup"), "announced before the hangup: " + seen);
        ws.abort();
    }

    // ------------------------------------------------------------------ the seeds' tutorials, public API only
    // The request bodies are the seeds' own (/work/shared/reference/seeds: 004 call tutorial, 003 anonymous
    // call flow); only the numbers are adapted: a number the customer bought, and simulated far ends.

    /** A funded customer owning a number bought from the inventory; returns {customer id, token, number, number id}. */
    private String[] tutorialCustomer(String superadmin, int block) throws Exception {
        String[] c = customer(superadmin);
        String number = "+1555" + (block * 1_000_000 + (int) (Math.random() * 999_999));
        provision(superadmin, number);
        String id = ok(call("POST", "/v1.0/numbers", c[1], Map.of("number", number))).path("id").asText();
        return new String[]{c[0], c[1], number, id};
    }

    private JsonNode awaitHungUp(String token, String callId) throws Exception {
        JsonNode[] read = new JsonNode[1];
        Telephony.waitFor("call " + callId + " hung up", Duration.ofSeconds(60), () -> {
            try {
                read[0] = ok(call("GET", "/v1.0/calls/" + callId, token, null));
                return "hangup".equals(read[0].path("status").asText());
            } catch (Exception e) {
                return false;
            }
        });
        return read[0];
    }

    private List<String> spoken(String channelId) throws Exception {
        List<String> out = new ArrayList<>();
        t.simJson("/sim/channels/" + channelId).path("spoken").forEach(s -> out.add(s.asText()));
        return out;
    }

    private static final String TUTORIAL_TALK = "hello. welcome to voipbin. This is test message. This audio file is generated "
            + "dynamically by the tts module. Please enjoy the voipbin service. Thank you. Bye";

    /** Seed 004, "Simple outbound call with TTS". */
    @Test
    void tutorialOutboundCallWithTalk() throws Exception {
        String[] c = tutorialCustomer(login("admin", "admin-password"), 1);
        String destination = "+1555" + (2_000_000 + (int) (Math.random() * 999_999));
        t.endpoint(destination, "{\"result\":\"answer\",\"answer_after_ms\":100}");
        String body = """
                {
                "source": {
                "type": "tel",
                "target": "+15551234567"
                },
                "destinations": [
                {
                "type": "tel",
                "target": "+15559876543"
                }
                ],
                "actions": [
                {
                "type": "talk",
                "option": {
                "text": "hello. welcome to voipbin. This is test message. This audio file is generated dynamically by the tts module. Please enjoy the voipbin service. Thank you. Bye",
                "language": "en-US"
                }
                }
                ]
                }""".replace("+15551234567", c[2]).replace("+15559876543", destination);
        String callId = ok(call("POST", "/v1.0/calls", c[1], body)).path("calls").path(0).path("id").asText();
        JsonNode done = awaitHungUp(c[1], callId);
        assertEquals("normal", done.path("hangup_reason").asText(), done.toString());
        assertEquals(List.of(TUTORIAL_TALK), spoken(callId));
    }

    /** Seed 004, "Simple outbound call with Branch": the callee presses 2 while digits_receive waits. */
    @Test
    void tutorialOutboundCallWithABranchOnDtmf() throws Exception {
        String[] c = tutorialCustomer(login("admin", "admin-password"), 9);
        String destination = "+1555" + (2_000_000 + (int) (Math.random() * 999_999));
        // Pressed during digits_receive: after the greeting's TTS (~7.6 s in the simulator).
        t.endpoint(destination, "{\"result\":\"answer\",\"answer_after_ms\":100,\"dtmf\":[{\"digits\":\"2\",\"after_ms\":9000}]}");
        String body = """
                {
                    "source": {
                        "type": "tel",
                        "target": "+15551234567"
                    },
                    "destinations": [
                        {
                            "type": "tel",
                            "target": "+15559876543"
                        }
                    ],
                    "actions": [
                        {
                            "id": "b8781e56-c524-11ec-889f-d37b0dbb7eb8",
                            "type": "talk",
                            "option": {
                                "text": "Hello. This is branch test. Press 1 for show must go on. Press 2 for bohemian rhapsody. Press 3 for another one bites the dust",
                                "language": "en-US"
                            }
                        },
                        {
                            "type": "digits_receive",
                            "option": {
                                "duration": 5000,
                                "length": 1
                            }
                        },
                        {
                            "type": "branch",
                            "option": {
                                "default_target_id": "ed9705ca-c524-11ec-a3fb-8feb7731ad45",
                                "target_ids": {
                                    "1": "c3eb8e62-c524-11ec-94c5-abafec8af561",
                                    "2": "dc87123e-c524-11ec-89c6-5fb18da14034",
                                    "3": "e70fb030-c524-11ec-b657-ebec72f097ef"
                                }
                            }
                        },
                        {
                            "id": "c3eb8e62-c524-11ec-94c5-abafec8af561",
                            "type": "talk",
                            "option": {
                                "text": "Empty spaces, what are we living for? Abandoned places, I guess we know the score, on and on. Does anybody know what we are looking for? Another hero, another mindless crime. Behind the curtain, in the pantomime",
                                "language": "en-US"
                            }
                        },
                        {
                            "type": "hangup"
                        },
                        {
                            "id": "dc87123e-c524-11ec-89c6-5fb18da14034",
                            "type": "talk",
                            "option": {
                                "text": "Mama, Just killed a man. Put a gun against his head, pulled my trigger. Now he's dead. Mama, life had just begun, But now I've gone and thrown it all away.",
                                "language": "en-US"
                            }
                        },
                        {
                            "type": "hangup"
                        },
                        {
                            "id": "e70fb030-c524-11ec-b657-ebec72f097ef",
                            "type": "talk",
                            "option": {
                                "text": "Steve walks warily down the street. With his brim pulled way down low. Ain't no sound but the sound of his feet. Machine guns ready to go. Are you ready hey are you ready for this?",
                                "language": "en-US"
                            }
                        },
                        {
                            "type": "hangup"
                        },
                        {
                            "id": "ed9705ca-c524-11ec-a3fb-8feb7731ad45",
                            "type": "talk",
                            "option": {
                                "text": "You didn't choose the correct number. Default selected.",
                                "language": "en-US"
                            }
                        },
                        {
                            "type": "goto",
                            "option": {
                                "target_id": "b8781e56-c524-11ec-889f-d37b0dbb7eb8",
                                "loop_count": 2
                            }
                        },
                        {
                            "type": "talk",
                            "option": {
                                "text": "Loop over. Hangup the call. Thank you, good bye.",
                                "language": "en-US"
                            }
                        },
                        {
                            "type": "hangup"
                        }
                    ]
                }""".replace("+15551234567", c[2]).replace("+15559876543", destination);
        String callId = ok(call("POST", "/v1.0/calls", c[1], body)).path("calls").path(0).path("id").asText();
        JsonNode done = awaitHungUp(c[1], callId);
        assertEquals("normal", done.path("hangup_reason").asText(), done.toString());
        assertEquals(List.of("Hello. This is branch test. Press 1 for show must go on. Press 2 for bohemian rhapsody. Press 3 for "
                + "another one bites the dust", "Mama, Just killed a man. Put a gun against his head, pulled my trigger. Now he's dead. "
                + "Mama, life had just begun, But now I've gone and thrown it all away."), spoken(callId));
    }

    /**
     * Seed 003's flow for an incoming call ("Anonymous outbound call within a flow (call action)"),
     * assigned to a number with PUT /numbers/{id}/flow_ids: a caller dials the number, hears the
     * greeting, and the flow places the separate notification call to the third party.
     */
    @Test
    void tutorialInboundCallToANumberRunsItsFlow() throws Exception {
        String[] c = tutorialCustomer(login("admin", "admin-password"), 7);
        String thirdParty = "+1555" + (2_000_000 + (int) (Math.random() * 999_999));
        t.endpoint(thirdParty, "{\"result\":\"answer\",\"answer_after_ms\":100}");
        String flowBody = """
                {
                "name": "Notify third party anonymously",
                "actions": [
                {
                "type": "answer"
                },
                {
                "type": "talk",
                "option": {
                "text": "Incoming customer request detected. Triggering anonymous notification.",
                "language": "en-US"
                }
                },
                {
                "type": "call",
                "option": {
                "anonymous": "yes",
                "source": {
                "type": "tel",
                "target": "+15551234567"
                },
                "destinations": [
                {
                "type": "tel",
                "target": "+15557778888"
                }
                ],
                "actions": [
                {
                "type": "talk",
                "option": {
                "text": "This is an automated notification. A customer request has been received.",
                "language": "en-US"
                }
                }
                ]
                }
                },
                {
                "type": "talk",
                "option": {
                "text": "Notification sent. Thank you.",
                "language": "en-US"
                }
                }
                ]
                }""".replace("+15551234567", c[2]).replace("+15557778888", thirdParty);
        String flowId = ok(call("POST", "/v1.0/flows", c[1], flowBody)).path("id").asText();
        // No message flow: the contract's "not set" id (both fields are required).
        JsonNode number = ok(call("PUT", "/v1.0/numbers/" + c[3] + "/flow_ids", c[1],
                Map.of("call_flow_id", flowId, "message_flow_id", "00000000-0000-0000-0000-000000000000")));
        assertEquals(flowId, number.path("call_flow_id").asText(), number.toString());
        assertEquals(flowId, ok(call("GET", "/v1.0/numbers/" + c[3], c[1], null)).path("call_flow_id").asText());

        String caller = "+1555" + (2_000_000 + (int) (Math.random() * 999_999));
        String channel = Telephony.JSON.readTree(t.sim().send("POST", "/sim/calls",
                "{\"source\":\"" + caller + "\",\"destination\":\"" + c[2] + "\"}")).path("channel_id").asText();
        JsonNode[] calls = new JsonNode[1];
        Telephony.waitFor("the incoming call and its notification call hung up", Duration.ofSeconds(60), () -> {
            try {
                calls[0] = ok(call("GET", "/v1.0/calls", c[1], null)).path("result");
                if (calls[0].size() != 2) {
                    return false;
                }
                for (JsonNode k : calls[0]) {
                    if (!"hangup".equals(k.path("status").asText())) {
                        return false;
                    }
                }
                return true;
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(List.of("Incoming customer request detected. Triggering anonymous notification.", "Notification sent. Thank you."),
                spoken(channel));
        JsonNode incoming = null;
        JsonNode notification = null;
        for (JsonNode k : calls[0]) {
            if ("incoming".equals(k.path("direction").asText())) {
                incoming = k;
            } else {
                notification = k;
            }
        }
        assertTrue(incoming != null && notification != null, calls[0].toString());
        assertEquals(c[2], incoming.path("destination").path("target").asText(), incoming.toString());
        assertEquals(flowId, incoming.path("flow_id").asText(), incoming.toString());
        assertEquals(thirdParty, notification.path("destination").path("target").asText(), notification.toString());
        assertEquals(List.of("This is an automated notification. A customer request has been received."),
                spoken(notification.path("id").asText()));
    }
}
