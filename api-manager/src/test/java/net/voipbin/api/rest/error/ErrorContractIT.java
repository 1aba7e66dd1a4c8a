package net.voipbin.api.rest.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import net.voipbin.api.testing.Api;
import net.voipbin.api.testing.FakeManagers;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static net.voipbin.api.testing.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real errors from the running gateway (MariaDB, RabbitMQ, the fake managers behind it) checked against the bundled
 * contract's {@code ErrorResponse}/{@code ErrorBody} schema: required keys, string types, {@code status} in the enum,
 * {@code details} an array of objects. The schema is read from the contract, not restated here.
 */
@QuarkusTest
class ErrorContractIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void realErrorsMatchTheContractsErrorResponse() throws Exception {
        JsonNode schema = errorBodySchema();
        String[] c = Api.newCustomer();
        List<String> problems = new ArrayList<>();

        // 400 naming a field
        Response invalid = as(c[1]).body(Map.of("source", tel("+15551110000"), "actions", List.of(Map.of("type", "talk"))))
                .post("/v1.0/calls");
        check(problems, schema, invalid, 400, "INVALID_ARGUMENT", "INVALID_DESTINATIONS");
        assertEquals("destinations", JSON.readTree(invalid.asString()).at("/error/details/0/field").asText(), invalid.asString());
        // 401: no credentials, and wrong ones
        check(problems, schema, given().get("/v1.0/calls"), 401, "UNAUTHENTICATED", "AUTHENTICATION_REQUIRED");
        check(problems, schema, given().header("X-Forwarded-For", Api.randomIp()).contentType(ContentType.JSON)
                .body(Map.of("username", "nobody-" + UUID.randomUUID(), "password", "wrong")).post("/auth/login"),
                401, "UNAUTHENTICATED", "INVALID_CREDENTIALS");
        // 402
        check(problems, schema, as(c[1]).body(Map.of("source", tel("+15551110000"),
                        "destinations", List.of(tel(FakeManagers.INSUFFICIENT)), "actions", List.of(Map.of("type", "talk"))))
                .post("/v1.0/calls"), 402, "PAYMENT_REQUIRED", "INSUFFICIENT_BALANCE");
        // 404 of a resource: the manager's "call <id> not found"
        check(problems, schema, as(c[1]).get("/v1.0/calls/" + UUID.randomUUID()), 404, "NOT_FOUND", "CALL_NOT_FOUND");
        // 404 of a route
        check(problems, schema, as(c[1]).get("/v1.0/nothing-here"), 404, "NOT_FOUND", "ROUTE_NOT_FOUND");
        // 409: hold a hung-up call
        String id = as(c[1]).body(Map.of("source", tel("+15551110000"), "destinations", List.of(tel("+15552220000")),
                "actions", List.of(Map.of("type", "talk")))).post("/v1.0/calls").then().statusCode(200).extract()
                .path("calls[0].id");
        as(c[1]).post("/v1.0/calls/" + id + "/hangup").then().statusCode(200);
        check(problems, schema, as(c[1]).post("/v1.0/calls/" + id + "/hold"), 409, "FAILED_PRECONDITION", null);
        // 413
        check(problems, schema, as(c[1]).body("{\"name\":\"" + "x".repeat(600 * 1024) + "\"}").post("/v1.0/accesskeys"),
                413, "INVALID_ARGUMENT", "BODY_TOO_LARGE");
        // 429: logins from one address faster than the login tier refills (burst 5, 1/s in the test profile)
        String ip = Api.randomIp();
        Response limited = null;
        for (int i = 0; i < 30 && limited == null; i++) {
            Response r = given().header("X-Forwarded-For", ip).contentType(ContentType.JSON)
                    .body(Map.of("username", "demo", "password", "wrong")).post("/auth/login");
            if (r.statusCode() == 429) {
                limited = r;
            }
        }
        assertTrue(limited != null, "the login tier never limited");
        check(problems, schema, limited, 429, "RESOURCE_EXHAUSTED", "RATE_LIMITED");
        assertEquals("ip", JSON.readTree(limited.asString()).at("/error/details/0/limited_by").asText(), limited.asString());

        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static Map<String, Object> tel(String number) {
        return Map.of("type", "tel", "target", number);
    }

    /** ErrorBody of the bundled contract (components.schemas), with ErrorResponse pointing at it. */
    static JsonNode errorBodySchema() throws Exception {
        try (InputStream in = ErrorContractIT.class.getResourceAsStream("/contract/openapi.yaml")) {
            JsonNode schemas = new ObjectMapper(new YAMLFactory()).readTree(in).path("components").path("schemas");
            JsonNode response = schemas.path("ErrorResponse");
            assertEquals(List.of("error"), List.of(response.path("required").get(0).asText()));
            assertEquals("#/components/schemas/ErrorBody", response.path("properties").path("error").path("$ref").asText());
            return schemas.path("ErrorBody");
        }
    }

    private static void check(List<String> problems, JsonNode schema, Response r, int http, String status, String reason)
            throws Exception {
        String where = r.statusCode() + " " + r.asString();
        if (r.statusCode() != http) {
            problems.add("want HTTP " + http + ": " + where);
        }
        JsonNode root = JSON.readTree(r.asString());
        JsonNode error = root.path("error");
        if (!error.isObject()) {
            problems.add("no error object: " + where);
            return;
        }
        problems.addAll(violations(schema, error).stream().map(v -> v + ": " + where).toList());
        if (!status.equals(error.path("status").asText())) {
            problems.add("want status " + status + ": " + where);
        }
        if (reason != null && !reason.equals(error.path("reason").asText())) {
            problems.add("want reason " + reason + ": " + where);
        }
        if (!error.path("reason").asText().matches("[A-Z][A-Z0-9_]*")) {
            problems.add("reason is not UPPER_SNAKE: " + where);
        }
    }

    /** What of ErrorBody's schema (required, property types, enum, array items) {@code error} breaks. */
    static List<String> violations(JsonNode schema, JsonNode error) {
        List<String> out = new ArrayList<>();
        for (JsonNode required : schema.path("required")) {
            if (!error.has(required.asText())) {
                out.add("missing " + required.asText());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode value = error.get(property.getKey());
            if (value == null) {
                continue;
            }
            String type = property.getValue().path("type").asText();
            if ("string".equals(type) && !value.isTextual()) {
                out.add(property.getKey() + " is not a string");
            }
            if ("array".equals(type)) {
                if (!value.isArray()) {
                    out.add(property.getKey() + " is not an array");
                } else if ("object".equals(property.getValue().path("items").path("type").asText())) {
                    value.forEach(item -> {
                        if (!item.isObject()) {
                            out.add(property.getKey() + " holds a non-object " + item);
                        }
                    });
                }
            }
            if (property.getValue().has("enum")) {
                Set<String> allowed = new HashSet<>();
                property.getValue().path("enum").forEach(e -> allowed.add(e.asText()));
                if (!allowed.contains(value.asText())) {
                    out.add(property.getKey() + " " + value + " is not in the enum " + allowed);
                }
            }
        }
        return out;
    }
}
