package net.voipbin.api.rest;

import net.voipbin.api.testing.FakeManagers;
import net.voipbin.api.testing.AgentFixtures;
import net.voipbin.api.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static net.voipbin.api.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resources backed by other managers, against FakeManagers on the test namespace's queues. */
@QuarkusTest
class ResourceIT {

    @jakarta.inject.Inject
    FakeManagers fakes;

    @Test
    void requestIdReachesTheManagerAndDtmfExtension() {
        String[] c = Api.newCustomer();
        String key = "rid-" + java.util.UUID.randomUUID();
        String id = as(c[1]).header("X-Request-Id", "trace-abc_123").header("Idempotency-Key", key)
                .body(Map.of("source", tel("+15551110000"), "destinations", List.of(tel("+15552220009")),
                        "actions", List.of(Map.of("type", "answer"))))
                .post("/v1.0/calls").then().statusCode(200).header("X-Request-Id", "trace-abc_123")
                .extract().path("calls[0].id");
        assertEquals("trace-abc_123", fakes.requestIds.get(key));
        as(c[1]).body(Map.of("digits", "12#")).post("/v1.0/calls/" + id + "/dtmf").then().statusCode(200);
        as(c[1]).body(Map.of("digits", "12x")).post("/v1.0/calls/" + id + "/dtmf").then().statusCode(400)
                .body("error.details[0].field", equalTo("digits"));
    }

    @Test
    void outboundConfigUpdatesOnlyTheFieldsPresent() {
        String[] c = Api.newCustomer();
        as(c[1]).get("/v1.0/outbound_config").then().statusCode(200).body("name", equalTo("default"))
                .body("codecs", equalTo("ulaw")).body("customer_id", equalTo(c[0]));
        as(c[1]).body(Map.of("destination_whitelist", List.of("US", "kr"))).put("/v1.0/outbound_config")
                .then().statusCode(200).body("destination_whitelist", equalTo(List.of("us", "kr")))
                .body("name", equalTo("default")).body("codecs", equalTo("ulaw"));
        assertEquals(List.of("destination_whitelist"), fakes.lastUpdates.get(c[0]).getUpdateMaskList());
        as(c[1]).body(Map.of("destination_whitelist", List.of("usa"))).put("/v1.0/outbound_config").then().statusCode(400)
                .body("error.details[0].field", equalTo("destination_whitelist[0]"));
        as(c[1]).body(Map.of("colour", "red")).put("/v1.0/outbound_config").then().statusCode(400)
                .body("error.details[0].field", equalTo("colour"));
        as(c[1]).body(Map.of("default_outgoing_source_number_id", java.util.UUID.randomUUID().toString()))
                .put("/v1.0/outbound_config").then().statusCode(404);
        as(c[1]).get("/v1.0/outbound_configs").then().statusCode(200).body("result", hasSize(1));
        String ocId = as(c[1]).get("/v1.0/outbound_config").then().extract().path("id");
        as(c[1]).get("/v1.0/outbound_configs/" + ocId).then().statusCode(200);
        String[] other = Api.newCustomer();
        as(other[1]).get("/v1.0/outbound_configs/" + ocId).then().statusCode(404);
        as(other[1]).queryParam("customer_id", c[0]).get("/v1.0/outbound_configs").then().statusCode(403);
        as(Api.superadmin()).queryParam("customer_id", c[0]).get("/v1.0/outbound_configs/" + ocId).then().statusCode(200);
    }

    @Test
    void customerWebhookSettings() {
        String[] c = Api.newCustomer();
        as(c[1]).body(Map.of("webhook_method", "PATCH")).put("/v1.0/customer").then().statusCode(400)
                .body("error.details[0].field", equalTo("webhook_method"));
        as(c[1]).body(Map.of("webhook_uri", "ftp://x")).put("/v1.0/customer").then().statusCode(400)
                .body("error.details[0].field", equalTo("webhook_uri"));
        as(c[1]).body(Map.of("webhook_method", "POST", "webhook_uri", "https://hooks.example.com/x"))
                .put("/v1.0/customer").then().statusCode(200).body("webhook_method", equalTo("POST"))
                .body("webhook_uri", equalTo("https://hooks.example.com/x")).body("tm_update", org.hamcrest.Matchers.notNullValue());
        as(c[1]).get("/v1.0/customer").then().body("webhook_uri", equalTo("https://hooks.example.com/x"));
    }

    static Map<String, Object> tel(String number) {
        return Map.of("type", "tel", "target", number);
    }

    @Test
    void calls() {
        String[] c = Api.newCustomer();
        String[] other = Api.newCustomer();
        var created = as(c[1]).header("Idempotency-Key", "k1")
                .body(Map.of("source", tel("+15551110000"), "destinations", List.of(tel("+15552220000")),
                        "actions", List.of(Map.of("type", "talk", "option", Map.of("text", "hi")))))
                .post("/v1.0/calls").then().statusCode(200)
                .body("calls", hasSize(1)).body("groupcalls", hasSize(0))
                .body("calls[0].customer_id", equalTo(c[0]))
                .body("calls[0].action.type", equalTo("answer"))
                .body("calls[0].metadata", equalTo(Map.of()))
                .body("calls[0]", not(hasKey("tm_hangup")))
                .body("calls[0].destination.target", equalTo("+15552220000")).extract();
        String id = created.path("calls[0].id");
        // same Idempotency-Key: same call
        as(c[1]).header("Idempotency-Key", "k1")
                .body(Map.of("source", tel("+15551110000"), "destinations", List.of(tel("+15552220000")),
                        "actions", List.of(Map.of("type", "talk"))))
                .post("/v1/calls").then().statusCode(200).body("calls[0].id", equalTo(id));
        as(c[1]).get("/v1.0/calls/" + id).then().statusCode(200).body("id", equalTo(id)).body("status", equalTo("dialing"));
        as(c[1]).get("/v1.0/calls").then().statusCode(200).body("result", hasSize(1)).body("next_page_token", equalTo(""));
        as(other[1]).get("/v1.0/calls/" + id).then().statusCode(404).body("error.status", equalTo("NOT_FOUND"));
        as(other[1]).get("/v1.0/calls").then().statusCode(200).body("result", hasSize(0));
        as(c[1]).post("/v1.0/calls/" + id + "/hold").then().statusCode(200);
        as(c[1]).body(Map.of("direction", "sideways")).post("/v1.0/calls/" + id + "/mute").then().statusCode(400)
                .body("error.details[0].field", equalTo("direction"));
        as(c[1]).body(Map.of("direction", "in")).post("/v1.0/calls/" + id + "/mute").then().statusCode(200);
        as(c[1]).post("/v1.0/calls/" + id + "/hangup").then().statusCode(200).body("status", equalTo("hangup"));
        as(c[1]).post("/v1.0/calls/" + id + "/hold").then().statusCode(409).body("error.status", equalTo("FAILED_PRECONDITION"));
        as(c[1]).get("/v1.0/calls/not-a-uuid").then().statusCode(400).body("error.details[0].field", equalTo("id"));
        // validation: missing destinations; manager-side field error; 402; 503 + Retry-After
        as(c[1]).body(Map.of("source", tel("+15551110000"), "actions", List.of(Map.of("type", "talk"))))
                .post("/v1.0/calls").then().statusCode(400).body("error.details[0].field", equalTo("destinations"));
        as(c[1]).body(Map.of("source", tel("+15551110000"), "destinations", List.of(Map.of("type", "tel", "target", "12")),
                        "actions", List.of(Map.of("type", "talk"))))
                .post("/v1.0/calls").then().statusCode(400).body("error.details[0].field", equalTo("destinations[0].target"));
        as(c[1]).body(Map.of("source", tel("+15551110000"), "destinations", List.of(tel(FakeManagers.INSUFFICIENT)),
                        "actions", List.of(Map.of("type", "talk"))))
                .post("/v1.0/calls").then().statusCode(402);
        as(c[1]).body(Map.of("source", tel("+15551110000"), "destinations", List.of(tel(FakeManagers.DOWN)),
                        "actions", List.of(Map.of("type", "talk"))))
                .post("/v1.0/calls").then().statusCode(503).header("Retry-After", "1");
        // another customer's flow: the manager says NOT_FOUND
        String flowId = as(other[1]).body(Map.of("name", "f", "actions", List.of(Map.of("type", "answer"))))
                .post("/v1.0/flows").then().statusCode(200).extract().path("id");
        as(c[1]).body(Map.of("source", tel("+15551110000"), "destinations", List.of(tel("+15552220001")), "flow_id", flowId))
                .post("/v1.0/calls").then().statusCode(404);
    }

    @Test
    void flowsAndActiveflows() {
        String[] c = Api.newCustomer();
        String[] other = Api.newCustomer();
        var flow = as(c[1]).body(Map.of("name", "ivr", "detail", "d",
                        "actions", List.of(Map.of("type", "answer"), Map.of("type", "talk", "option", Map.of("text", "hello")))))
                .post("/v1.0/flows").then().statusCode(200)
                .body("actions", hasSize(2)).body("actions[1].option.text", equalTo("hello"))
                .body("$", not(hasKey("tm_update"))).extract();
        String flowId = flow.path("id");
        assertTrue(!((Map<?, ?>) flow.as(Map.class)).containsKey("persist"));
        as(c[1]).body(Map.of("name", "x", "actions", List.of(Map.of("type", "bogus"))))
                .post("/v1.0/flows").then().statusCode(400).body("error.details[0].field", equalTo("actions[0].type"));
        // An action that is not the contract's shape is refused here, before any manager sees it.
        as(c[1]).body(Map.of("name", "x", "actions", List.of(Map.of("type", "answer"), Map.of("type", 7))))
                .post("/v1.0/flows").then().statusCode(400).body("error.status", equalTo("INVALID_ARGUMENT"))
                .body("error.details[0].field", equalTo("actions[1].type"));
        as(c[1]).body(Map.of("actions", List.of("talk"))).post("/v1.0/activeflows").then().statusCode(400)
                .body("error.details[0].field", equalTo("actions[0]"));
        as(c[1]).body(Map.of("name", "x")).post("/v1.0/flows").then().statusCode(400)
                .body("error.details[0].field", equalTo("actions"));
        as(other[1]).get("/v1.0/flows/" + flowId).then().statusCode(404);
        as(c[1]).get("/v1.0/flows").then().statusCode(200).body("result", hasSize(1));
        var af = as(c[1]).body(Map.of("flow_id", flowId, "variables", Map.of("k", "v")))
                .post("/v1.0/activeflows").then().statusCode(200)
                .body("reference_type", equalTo("api")).body("status", equalTo("running")).extract();
        String afId = af.path("id");
        as(other[1]).post("/v1.0/activeflows/" + afId + "/stop").then().statusCode(404);
        as(c[1]).post("/v1.0/activeflows/" + afId + "/stop").then().statusCode(200).body("status", equalTo("ended"));
        as(c[1]).body(Map.of("variables", Map.of("k", "v"))).post("/v1.0/activeflows").then().statusCode(400)
                .body("error.details[0].field", equalTo("flow_id"));
        as(c[1]).delete("/v1.0/flows/" + flowId).then().statusCode(200);
        as(c[1]).get("/v1.0/flows/" + flowId).then().statusCode(404);
    }

    @Test
    void numbersAndPagingThrough250() {
        String[] c = Api.newCustomer();
        String[] other = Api.newCustomer();
        String base = String.valueOf(1_000_000 + (int) (Math.random() * 8_000_000));
        for (int i = 0; i < 250; i++) {
            as(c[1]).body(Map.of("number", "+1" + base + String.format("%03d", i), "name", "n" + i))
                    .post("/v1.0/numbers").then().statusCode(200);
        }
        as(other[1]).body(Map.of("number", "+1" + base + "000")).post("/v1.0/numbers").then().statusCode(400)
                .body("error.status", equalTo("INVALID_ARGUMENT")).body("error.reason", equalTo("NUMBER_ALREADY_EXISTS"));
        as(c[1]).body(Map.of("number", "0123")).post("/v1.0/numbers").then().statusCode(400)
                .body("error.details[0].field", equalTo("number"));
        Set<String> seen = new HashSet<>();
        String token = "";
        int pages = 0;
        do {
            var page = as(c[1]).queryParam("page_size", 100).queryParam("page_token", token).get("/v1.0/numbers")
                    .then().statusCode(200).extract();
            List<String> ids = page.path("result.id");
            ids.forEach(id -> assertTrue(seen.add(id), "repeated " + id));
            token = page.path("next_page_token");
            pages++;
        } while (!token.isEmpty());
        assertEquals(250, seen.size());
        assertEquals(3, pages);
        as(c[1]).queryParam("page_size", 101).get("/v1.0/numbers").then().statusCode(400)
                .body("error.details[0].field", equalTo("page_size"));
        as(c[1]).queryParam("page_size", "ten").get("/v1.0/numbers").then().statusCode(400)
                .body("error.details[0].field", equalTo("page_size"));
        String id = seen.iterator().next();
        as(other[1]).get("/v1.0/numbers/" + id).then().statusCode(404);
        as(c[1]).body(Map.of("name", "renamed")).put("/v1.0/numbers/" + id).then().statusCode(200)
                .body("name", equalTo("renamed"));
        as(c[1]).delete("/v1.0/numbers/" + id).then().statusCode(200).body("status", equalTo("deleted"));
    }

    @Test
    void unimplementedManagerMethodIs501AndMissingManagerIs503() {
        String[] c = Api.newCustomer();
        as(c[1]).get("/v1.0/recordings").then().statusCode(501).body("error.status", equalTo("UNAVAILABLE")).body("error.reason", equalTo("NOT_IMPLEMENTED"));
        // billing-manager is not running in this test: nobody consumes its queue
        as(c[1]).get("/v1.0/billing_accounts").then().statusCode(503).header("Retry-After", "1")
                .body("error.status", equalTo("UNAVAILABLE"));
    }

    @Test
    void plainAgentIsRefusedOnResources() {
        String[] c = Api.newCustomer();
        String agent = AgentFixtures.plainAgent(c[0]);
        as(agent).get("/v1.0/calls").then().statusCode(403);
        as(agent).body(Map.of("name", "f", "actions", List.of())).post("/v1.0/flows").then().statusCode(403);
    }
}
