package net.voipbin.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /q/openapi as a client generator reads it: the contract's shapes for what we serve from it, our additions kept. */
@QuarkusTest
class OpenApiDocumentIT {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private static JsonNode served() throws Exception {
        return new ObjectMapper().readTree(RestAssured.given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void everyServedOperationOfTheContractAnswersWithTheContractsResponses() throws Exception {
        JsonNode served = served();
        JsonNode contract = ContractDocumentFilter.bundle();
        List<String> checked = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        served.path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/v1.0/")) {
                return;
            }
            JsonNode theirs = contract.path("paths").path(path.getKey().substring("/v1.0".length()));
            path.getValue().fields().forEachRemaining(op -> {
                if (!METHODS.contains(op.getKey()) || !theirs.has(op.getKey())) {
                    return;
                }
                checked.add(op.getKey() + " " + path.getKey());
                Set<String> ours = new TreeSet<>();
                op.getValue().path("responses").fieldNames().forEachRemaining(ours::add);
                Set<String> listed = new TreeSet<>();
                theirs.path(op.getKey()).path("responses").fieldNames().forEachRemaining(listed::add);
                if (!ours.equals(listed)) {
                    wrong.add(op.getKey() + " " + path.getKey() + ": " + ours + " where the contract lists " + listed);
                }
            });
        });
        assertEquals(List.of(), wrong);
        assertTrue(checked.size() >= 40, "operations taken from the contract: " + checked);
    }

    @Test
    void shapesAreTheContractsSchemasAndOurAdditionsStay() throws Exception {
        JsonNode served = served();
        assertEquals("#/components/schemas/CallManagerCall", served.at("/paths/~1v1.0~1calls~1{id}/get/responses/200"
                + "/content/application~1json/schema/$ref").asText());
        assertTrue(served.at("/components/schemas/CallManagerCall/properties").has("tm_hangup"));
        assertTrue(served.at("/components/schemas/ErrorBody/properties").has("reason"));
        JsonNode createCall = served.at("/paths/~1v1.0~1calls/post/requestBody/content/application~1json/schema/properties");
        for (String field : List.of("source", "destinations", "actions", "flow_id", "dial_timeout", "early_execution", "time_limit")) {
            assertTrue(createCall.has(field), "POST /calls body has " + field + ": " + createCall.toString());
        }
        JsonNode billings = served.at("/paths/~1v1.0~1billings/get/parameters");
        assertTrue(billings.toString().contains("reference_id") && billings.toString().contains("PageSize"), billings.toString());
        assertTrue(served.at("/paths/~1v1.0~1calls~1{id}~1dtmf").has("post"), "an extension stays as generated");
    }
}
