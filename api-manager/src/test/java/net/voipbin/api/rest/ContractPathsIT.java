package net.voipbin.api.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import net.voipbin.api.testing.Api;
import net.voipbin.api.testing.FakeManagers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static net.voipbin.api.testing.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: the contract's paths for resources we serve (flow_ids, metadata, renew, media_stream, access key
 * update), the seeds' call options, and unset ids as the contract's all-zero UUID. Real RabbitMQ/MariaDB;
 * call-manager and flow-manager are {@link FakeManagers} on the test namespace's queues.
 */
@QuarkusTest
class ContractPathsIT {

    static final String NIL = "00000000-0000-0000-0000-000000000000";

    @jakarta.inject.Inject
    FakeManagers fakes;

    static String number() {
        return "+1" + (2_000_000_000L + (long) (Math.random() * 7_000_000_000L));
    }

    static String flow(String token) {
        return as(token).body(Map.of("name", "in", "actions", List.of(Map.of("type", "answer"))))
                .post("/v1.0/flows").then().statusCode(200).extract().path("id");
    }

    @Test
    void numberFlowIdsTakeTheZeroUuidAsNoneAndAnswerIt() {
        String[] c = Api.newCustomer();
        String[] other = Api.newCustomer();
        String flow = flow(c[1]);
        String id = as(c[1]).body(Map.of("number", number())).post("/v1.0/numbers").then().statusCode(200)
                .body("call_flow_id", equalTo(NIL)).body("message_flow_id", equalTo(NIL))
                .body("metadata.rtp_debug", equalTo(false)).extract().path("id");
        as(c[1]).body(Map.of("call_flow_id", flow, "message_flow_id", NIL)).put("/v1.0/numbers/" + id + "/flow_ids")
                .then().statusCode(200).body("call_flow_id", equalTo(flow)).body("message_flow_id", equalTo(NIL));
        as(c[1]).get("/v1.0/numbers/" + id).then().statusCode(200).body("call_flow_id", equalTo(flow));
        as(other[1]).body(Map.of("call_flow_id", flow)).put("/v1.0/numbers/" + id + "/flow_ids").then().statusCode(404);
        as(c[1]).body(Map.of("call_flow_id", "nope")).put("/v1.0/numbers/" + id + "/flow_ids").then().statusCode(400)
                .body("error.details[0].field", equalTo("call_flow_id"));
        as(c[1]).body(Map.of("call_flow_id", "")).put("/v1.0/numbers/" + id + "/flow_ids").then().statusCode(200)
                .body("call_flow_id", equalTo(NIL));
    }

    @Test
    void numberMetadataIsTheOwnersOnly() {
        String[] c = Api.newCustomer();
        String[] other = Api.newCustomer();
        String id = as(c[1]).body(Map.of("number", number())).post("/v1.0/numbers").then().statusCode(200)
                .extract().path("id");
        as(other[1]).body(Map.of("rtp_debug", true)).put("/v1.0/numbers/" + id + "/metadata").then().statusCode(404);
        as(c[1]).body(Map.of("rtp_debug", true)).put("/v1.0/numbers/" + id + "/metadata").then().statusCode(200)
                .body("id", equalTo(id)).body("metadata.rtp_debug", equalTo(true));
        as(c[1]).body(Map.of()).put("/v1.0/numbers/" + id + "/metadata").then().statusCode(200)
                .body("metadata.rtp_debug", equalTo(true));
        as(c[1]).body(Map.of("rtp_debug", "yes please")).put("/v1.0/numbers/" + id + "/metadata").then().statusCode(400);
        as(c[1]).body(Map.of("colour", "red")).put("/v1.0/numbers/" + id + "/metadata").then().statusCode(400)
                .body("error.details[0].field", equalTo("colour"));
        as(c[1]).get("/v1.0/numbers/" + id).then().body("metadata.rtp_debug", equalTo(true));
    }

    @Test
    void renewAnswersTheContractsArrayAndChecksTmRenew() {
        String[] c = Api.newCustomer();
        as(c[1]).body(Map.of("tm_renew", "2026-01-15T09:30:00.000000Z")).post("/v1.0/numbers/renew").then()
                .statusCode(200).body("$", hasSize(0));
        as(c[1]).body(Map.of()).post("/v1.0/numbers/renew").then().statusCode(400)
                .body("error.details[0].field", equalTo("tm_renew"));
        as(c[1]).body(Map.of("tm_renew", "tomorrow")).post("/v1.0/numbers/renew").then().statusCode(400)
                .body("error.details[0].field", equalTo("tm_renew"));
    }

    @Test
    void customerMetadataOwnAndBySuperadmin() {
        String[] c = Api.newCustomer();
        String[] other = Api.newCustomer();
        as(c[1]).get("/v1.0/customer").then().body("metadata.rtp_debug", equalTo(false));
        as(c[1]).body(Map.of("rtp_debug", true)).put("/v1.0/customer/metadata").then().statusCode(200)
                .body("id", equalTo(c[0])).body("metadata.rtp_debug", equalTo(true));
        as(c[1]).get("/v1.0/customer").then().body("metadata.rtp_debug", equalTo(true));
        as(other[1]).get("/v1.0/customer").then().body("metadata.rtp_debug", equalTo(false));
        // /customers/{id}/metadata is the superadmin's: a customer's admin is refused even for its own id
        as(c[1]).body(Map.of("rtp_debug", false)).put("/v1.0/customers/" + c[0] + "/metadata").then().statusCode(403);
        as(Api.superadmin()).body(Map.of("rtp_debug", false)).put("/v1.0/customers/" + c[0] + "/metadata").then()
                .statusCode(200).body("id", equalTo(c[0])).body("metadata.rtp_debug", equalTo(false));
        as(Api.superadmin()).body(Map.of("rtp_debug", true)).put("/v1.0/customers/" + UUID.randomUUID() + "/metadata")
                .then().statusCode(404);
        as(c[1]).body(Map.of("rtp_debug", 3)).put("/v1.0/customer/metadata").then().statusCode(400);
    }

    @Test
    void mediaStreamIsNotOfferedAndAnotherCustomersCallIs404() {
        String[] c = Api.newCustomer();
        String[] other = Api.newCustomer();
        String callId = as(c[1]).body(Map.of("source", tel("+15551110000"), "destinations", List.of(tel("+15552220001")),
                        "actions", List.of(Map.of("type", "answer"))))
                .post("/v1.0/calls").then().statusCode(200).extract().path("calls[0].id");
        as(c[1]).get("/v1.0/calls/" + callId + "/media_stream").then().statusCode(500)
                .body("error.reason", equalTo("UNIMPLEMENTED")).body("error.message", containsString("not offered"));
        as(other[1]).get("/v1.0/calls/" + callId + "/media_stream").then().statusCode(404);
    }

    @Test
    void callOptionsOfTheSeedsReachCallManagerValidated() {
        String[] c = Api.newCustomer();
        as(c[1]).body(Map.of("source", tel("+15551110000"), "destinations", List.of(tel("+15552220002")),
                        "actions", List.of(Map.of("type", "answer")), "dial_timeout", 45000, "early_execution", true,
                        "time_limit", 600000))
                .post("/v1.0/calls").then().statusCode(200);
        var sent = fakes.lastCreateCalls.get(c[0]);
        assertEquals(45000, sent.getDialTimeoutMs());
        assertTrue(sent.getEarlyExecution());
        assertEquals(600000, sent.getMaxDurationMs());
        as(c[1]).body(Map.of("source", tel("+15551110000"), "destinations", List.of(tel("+15552220003")),
                        "actions", List.of(Map.of("type", "answer"))))
                .post("/v1.0/calls").then().statusCode(200);
        sent = fakes.lastCreateCalls.get(c[0]);
        assertEquals(0, sent.getDialTimeoutMs(), "absent: call-manager's default (30000)");
        assertFalse(sent.getEarlyExecution());
        for (var bad : List.of(Map.of("dial_timeout", 999), Map.of("dial_timeout", 600001), Map.of("time_limit", 10),
                Map.of("time_limit", 3_600_001))) {
            String field = bad.keySet().iterator().next();
            var body = new java.util.HashMap<String, Object>(Map.of("source", tel("+15551110000"),
                    "destinations", List.of(tel("+15552220004")), "actions", List.of(Map.of("type", "answer"))));
            body.putAll(bad);
            as(c[1]).body(body).post("/v1.0/calls").then().statusCode(400).body("error.details[0].field", equalTo(field));
        }
        RestAssured.given().get("/q/openapi").then().statusCode(200).body(containsString("dial_timeout"))
                .body(containsString("early_execution")).body(containsString("time_limit"));
    }

    @Test
    void accesskeyUpdateIsTheOwnersOnly() {
        String[] c = Api.newCustomer();
        String[] other = Api.newCustomer();
        String id = as(c[1]).body(Map.of("name", "ci")).post("/v1.0/accesskeys").then().statusCode(200)
                .extract().path("id");
        as(other[1]).body(Map.of("name", "stolen")).put("/v1.0/accesskeys/" + id).then().statusCode(404);
        as(c[1]).body(Map.of("name", "deploy", "detail", "d")).put("/v1.0/accesskeys/" + id).then().statusCode(200)
                .body("name", equalTo("deploy")).body("detail", equalTo("d"));
    }

    static Map<String, Object> tel(String number) {
        return Map.of("type", "tel", "target", number);
    }
}
