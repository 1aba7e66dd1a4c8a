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
        assertTrue(v.get(0).startsWith("GET /v1.0/numbers/{id} -> 404: response body"), v.get(0));
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
        List<String> v = one("PUT", "/v1.0/numbers/" + ID + "/flow_ids", "{\"call_flow_id\":\"" + ID + "\"}", 200, GOOD_NUMBER);
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).contains("request body") && v.get(0).contains("message_flow_id"), v.get(0));
        // refused with a 400 in the error shape: that is the gateway keeping the contract
        assertEquals(List.of(), one("PUT", "/v1.0/numbers/" + ID + "/flow_ids", "{\"call_flow_id\":\"" + ID + "\"}", 400,
                GOOD_ERROR.replace("NOT_FOUND", "INVALID_ARGUMENT")));
    }

    @Test
    void unlistedStatusesUnknownOperationsAndNonJsonAreReported() throws Exception {
        assertTrue(one("GET", "/v1.0/numbers/" + ID, null, 418, GOOD_ERROR).toString().contains("status not listed"));
        assertTrue(one("GET", "/v1.0/nowhere", null, 200, "{}").toString().contains("no such operation"));
        assertTrue(one("PATCH", "/v1.0/numbers/" + ID, null, 200, GOOD_NUMBER).toString().contains("no such operation"));
        assertTrue(one("GET", "/numbers/" + ID, null, 200, GOOD_NUMBER).toString().contains("not under /v1.0"));
        assertTrue(one("GET", "/v1.0/numbers/" + ID, null, 200, "<html>").toString().contains("not JSON"));
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
}
