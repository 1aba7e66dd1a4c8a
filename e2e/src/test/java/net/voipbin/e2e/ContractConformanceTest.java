package net.voipbin.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recorder itself: known-bad exchanges are reported, good ones are not, so the e2e check cannot pass silently. */
class ContractConformanceTest {

    private static final String ID = "550e8400-e29b-41d4-a716-446655440000";
    private static final String GOOD_ERROR = "{\"error\":{\"status\":\"NOT_FOUND\",\"reason\":\"NUMBER_NOT_FOUND\","
            + "\"message\":\"number not found\",\"request_id\":\"req_1\"}}";
    private static final String GOOD_NUMBER = "{\"id\":\"" + ID + "\",\"customer_id\":\"" + ID + "\",\"number\":\"+14155551234\","
            + "\"call_flow_id\":\"" + ID + "\",\"message_flow_id\":\"" + ID + "\",\"name\":\"main\"}";

    private static List<String> one(String method, String path, String request, int status, String response) throws Exception {
        ContractConformance c = ContractConformance.bundled();
        c.record(method, path, request, status, response);
        return c.violations();
    }

    @Test
    void goodExchangesAreNotReported() throws Exception {
        ContractConformance c = ContractConformance.bundled();
        c.record("GET", "/v1.0/numbers/" + ID, null, 200, GOOD_NUMBER);
        c.record("GET", "/v1.0/numbers/" + ID + "?x=1", null, 404, GOOD_ERROR);
        c.record("PUT", "/v1.0/numbers/" + ID + "/flow_ids", "{\"call_flow_id\":\"" + ID + "\",\"message_flow_id\":\"" + ID + "\"}",
                200, GOOD_NUMBER);
        c.record("POST", "/auth/login", "{\"username\":1}", 200, "not even json"); // a documented addition
        c.record("DELETE", "/v1.0/available_numbers/%2B15551234567", null, 200, "{}");
        c.record("GET", "/v1.0/numbers/" + ID, null, 429, GOOD_ERROR); // rate limiting, anywhere
        assertEquals(List.of(), c.violations(), c.report());
        assertEquals(6, c.exchanges());
    }

    @Test
    void anErrorBodyNotInTheContractsShapeIsReported() throws Exception {
        List<String> v = one("GET", "/v1.0/numbers/" + ID, null, 404, "{\"error\":\"number not found\"}");
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).startsWith("GET /v1.0/numbers/{id} -> 404: response validation.response.body"), v.get(0));
        v = one("GET", "/v1.0/numbers/" + ID, null, 404, "{\"error\":{\"status\":\"NOT_FOUND\",\"message\":\"x\"}}");
        assertTrue(v.toString().contains("reason") && v.toString().contains("request_id"), v.toString());
    }

    @Test
    void anEmptyStringWhereTheContractSaysUuidIsReported() throws Exception {
        List<String> v = one("GET", "/v1.0/numbers/" + ID, null, 200, GOOD_NUMBER.replace("\"message_flow_id\":\"" + ID + "\"",
                "\"message_flow_id\":\"\""));
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).contains("message_flow_id"), v.get(0));
    }

    @Test
    void anAcceptedRequestBodyTheContractForbidsIsReported() throws Exception {
        String body = "{\"call_flow_id\":\"" + ID + "\",\"message_flow_id\":\"" + ID + "\",\"colour\":\"red\"}";
        List<String> v = one("PUT", "/v1.0/numbers/" + ID + "/flow_ids", body, 200, GOOD_NUMBER);
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).contains("request validation.request.body") && v.get(0).contains("colour"), v.get(0));
        // refused with a 400 in the error shape: that is the gateway keeping the contract
        assertEquals(List.of(), one("PUT", "/v1.0/numbers/" + ID + "/flow_ids", body, 400,
                GOOD_ERROR.replace("NOT_FOUND", "INVALID_ARGUMENT")));
        // requiring less than the contract (no message_flow_id) is leniency no client can notice
        assertEquals(List.of(), one("PUT", "/v1.0/numbers/" + ID + "/flow_ids", "{\"call_flow_id\":\"" + ID + "\"}", 200, GOOD_NUMBER));
    }

    @Test
    void unlistedStatusesUnknownOperationsAndNonJsonAreReported() throws Exception {
        assertTrue(one("GET", "/v1.0/numbers/" + ID, null, 418, GOOD_ERROR).toString().contains("validation.response.status.unknown"));
        assertTrue(one("GET", "/v1.0/nowhere", null, 200, "{}").toString().contains("validation.request.path.missing"));
        assertTrue(one("PATCH", "/v1.0/numbers/" + ID, null, 200, GOOD_NUMBER).toString().contains("validation.request.operation.notAllowed"));
        assertTrue(one("GET", "/numbers/" + ID, null, 200, GOOD_NUMBER).toString().contains("not under /v1.0"));
        assertTrue(one("GET", "/v1.0/numbers/" + ID, null, 200, "<html>").toString().contains("invalidJson"));
        assertTrue(one("GET", "/v1.0/numbers/" + ID, null, 200, "").toString().contains("validation.response.body.missing"));
        // details is an array in the contract, not the object we used to send
        assertTrue(one("GET", "/v1.0/numbers/" + ID, null, 404, GOOD_ERROR.replace("}}", ",\"details\":{}}}")).toString().contains("details"));
    }

    @Test
    void queryParametersOfAnAcceptedRequestAreChecked() throws Exception {
        List<String> v = one("GET", "/v1.0/calls?page_size=abc", null, 200, "{\"result\":[]}");
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).contains("request validation.request.parameter"), v.get(0));
        assertEquals(List.of(), one("GET", "/v1.0/calls?page_size=10", null, 200, "{\"result\":[],\"next_page_token\":\"\"}"));
    }

    @Test
    void theSameViolationOnManyCallsIsListedOnceWithItsCount() throws Exception {
        ContractConformance c = ContractConformance.bundled();
        for (int i = 0; i < 3; i++) {
            c.record("GET", "/v1.0/numbers/" + java.util.UUID.randomUUID(), null, 404, "{\"error\":\"number not found\"}");
        }
        assertEquals(1, c.violations().size(), c.report());
        assertTrue(c.violations().get(0).endsWith("(x3)"), c.report());
    }

    @Test
    void documentedAdditionsPassAndNothingElseDoes() throws Exception {
        String call = "{\"source\":{\"type\":\"tel\",\"target\":\"+15551234567\"},\"destinations\":[{\"type\":\"tel\","
                + "\"target\":\"+15559876543\"}],\"actions\":[{\"type\":\"hangup\"}],\"dial_timeout\":30000%s}";
        String calls = "{\"calls\":[],\"groupcalls\":[]}";
        assertEquals(List.of(), one("POST", "/v1.0/calls", call.formatted(""), 200, calls));
        List<String> v = one("POST", "/v1.0/calls", call.formatted(",\"ring_back\":true"), 200, calls);
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).contains("ring_back"), v.get(0));
        // an addition counts for the operations it names only
        assertTrue(one("GET", "/v1.0/calls?reference_id=" + ID, null, 200, "{\"result\":[],\"next_page_token\":\"\"}")
                .toString().contains("reference_id"));
        assertEquals(List.of(), one("GET", "/v1.0/billings?reference_id=" + ID, null, 200, "{\"result\":[],\"next_page_token\":\"\"}"));
    }
}
