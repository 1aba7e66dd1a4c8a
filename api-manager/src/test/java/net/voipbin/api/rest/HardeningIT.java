package net.voipbin.api.rest;

import net.voipbin.api.testing.Api;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import net.voipbin.api.rest.AccesskeyResource;
import net.voipbin.api.rest.ActiveflowResource;
import net.voipbin.api.rest.AuthResource;
import net.voipbin.api.rest.AuthV1Resource;
import net.voipbin.api.rest.BillingAccountResource;
import net.voipbin.api.rest.CallResource;
import net.voipbin.api.rest.CustomerResource;
import net.voipbin.api.rest.FlowResource;
import net.voipbin.api.rest.NumberResource;
import net.voipbin.api.rest.OutboundConfigResource;
import net.voipbin.api.rest.QueueResource;
import net.voipbin.api.rest.RecordingResource;
import net.voipbin.api.rest.StorageFileResource;
import net.voipbin.api.rest.TransferResource;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static net.voipbin.api.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contract conformance, fuzzing and rate limits. */
@QuarkusTest
class HardeningIT {

    static final List<Class<?>> RESOURCES = List.of(AccesskeyResource.class, ActiveflowResource.class,
            AuthResource.class, AuthV1Resource.class, BillingAccountResource.class, BillingResource.class, CallResource.class,
            CustomerResource.class, FlowResource.class, NumberResource.class, AvailableNumberResource.class,
            OutboundConfigResource.class, RecordingResource.class, StorageFileResource.class, QueueResource.class,
            TransferResource.class, WsTicketResource.class);

    /** Served but not in the contract (reference code has them outside the spec). */
    static final Set<String> EXTENSIONS = Set.of("POST /auth/login", "POST /v1.0/auth/login",
            "POST /auth/signup", "POST /auth/email-verify" /* the spec has them under /v1.0 only */,
            "POST /v1.0/ws/tickets" /* the WebSocket's single-use ticket (credentials stay out of URLs) */,
            "POST /v1.0/calls/{id}/dtmf",
            "GET /v1.0/transfers/{id}" /* the spec has only POST /transfers (StartTransfer is not implemented) */,
            "GET /v1.0/billing-accounts" /* seed 000 troubleshooting guide uses this spelling of /billing_accounts */,
            "POST /v1.0/available_numbers", "DELETE /v1.0/available_numbers/{number}" /* the operator stocks the inventory (superadmin) */);

    static JsonNode contract() throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(HardeningIT.class.getResourceAsStream("/contract/openapi.yaml"));
    }

    static List<String> served() {
        List<String> out = new ArrayList<>();
        for (Class<?> resource : RESOURCES) {
            String root = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                        : m.isAnnotationPresent(PUT.class) ? "PUT" : m.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                out.add(verb + " " + (root + (sub == null ? "" : sub.value())).replace("//", "/"));
            }
        }
        return out;
    }

    @Test
    void everyServedPathIsInTheContract() throws Exception {
        JsonNode paths = contract().path("paths");
        List<String> missing = new ArrayList<>();
        for (String route : served()) {
            if (EXTENSIONS.contains(route)) {
                continue;
            }
            String verb = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replaceFirst("^/v1\\.0", "");
            JsonNode item = paths.path(path);
            if (item.isMissingNode()) {
                missing.add(route);
                continue;
            }
            String ref = item.path("$ref").asText().replace("./", "/contract/");
            var in = HardeningIT.class.getResourceAsStream(ref);
            assertTrue(in != null, "contract file missing from test resources: " + ref);
            if (new ObjectMapper(new YAMLFactory()).readTree(in).path(verb.toLowerCase()).isMissingNode()) {
                missing.add(route + " (method)");
            }
        }
        assertTrue(missing.isEmpty(), "served but not in the contract: " + missing);
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/v1.0/calls/{id}/hangup")).body(containsString("/v1.0/accesskeys"));
    }

    @Test
    void responseFieldsMatchTheContractSchemas() throws Exception {
        JsonNode schemas = contract().path("components").path("schemas");
        String[] c = Api.newCustomer();
        Map<String, Object> tel = Map.of("type", "tel", "target", "+15553334444");
        Map<?, ?> call = as(c[1]).body(Map.of("source", tel, "destinations", List.of(tel),
                "actions", List.of(Map.of("type", "answer")))).post("/v1.0/calls").then().statusCode(200)
                .extract().path("calls[0]");
        Map<?, ?> flow = as(c[1]).body(Map.of("name", "f", "actions", List.of(Map.of("type", "answer"))))
                .post("/v1.0/flows").then().statusCode(200).extract().as(Map.class);
        Map<?, ?> af = as(c[1]).body(Map.of("flow_id", flow.get("id"))).post("/v1.0/activeflows")
                .then().statusCode(200).extract().as(Map.class);
        Map<?, ?> number = as(c[1]).body(Map.of("number", "+1555" + (1_000_000 + (int) (Math.random() * 8_999_999))))
                .post("/v1.0/numbers").then().statusCode(200).extract().as(Map.class);
        Map<?, ?> customer = as(c[1]).get("/v1.0/customer").then().statusCode(200).extract().as(Map.class);
        Map<?, ?> key = as(c[1]).body(Map.of()).post("/v1.0/accesskeys").then().statusCode(200).extract().as(Map.class);
        Map<?, ?> me = as(c[1]).get("/v1.0/me").then().statusCode(200).extract().as(Map.class);
        check(schemas, "CallManagerCall", call);
        check(schemas, "FlowManagerFlow", flow);
        check(schemas, "FlowManagerActiveflow", af);
        check(schemas, "NumberManagerNumber", number);
        check(schemas, "CustomerManagerCustomer", customer);
        check(schemas, "CustomerManagerAccesskey", key);
        check(schemas, "AgentManagerAgent", me);
    }

    static void check(JsonNode schemas, String name, Map<?, ?> body) {
        Set<String> allowed = new HashSet<>();
        for (Iterator<String> it = schemas.path(name).path("properties").fieldNames(); it.hasNext(); ) {
            allowed.add(it.next());
        }
        assertTrue(!allowed.isEmpty(), name);
        Set<String> extra = new HashSet<>();
        body.keySet().forEach(k -> {
            if (!allowed.contains(k)) {
                extra.add((String) k);
            }
        });
        assertTrue(extra.isEmpty(), name + " has fields outside the contract: " + extra);
        assertTrue(body.containsKey("id") && body.containsKey("tm_create"), name);
    }

    long accesskeys(String customerId) throws Throwable {
        return ((Number) VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery("SELECT COUNT(*) FROM accesskey WHERE customer_id = UNHEX(REPLACE('"
                        + customerId + "','-',''))").getSingleResult())))).longValue();
    }

    @Test
    void fuzzedBodiesAre4xxAndWriteNothing() throws Throwable {
        String[] c = Api.newCustomer();
        long before = accesskeys(c[0]);
        String big = "x".repeat(400 * 1024); // near the 512 KiB body limit (above it: 413, EdgeSecurityIT)
        List<String> bodies = List.of("{", "not json", "[]", "{\"name\": 5}", "{\"expire\": \"soon\"}",
                "{\"name\":\"a\",\"bogus\":1}", "{\"name\":\"" + big + "\"}", "{\"detail\":{\"a\":1}}",
                "{\"expire\": 1e400}", "null", "{\"name\":\"a\"} trailing");
        for (String body : bodies) {
            int status = as(c[1]).body(body).post("/v1.0/accesskeys").then()
                    .statusCode(lessThan(500)).statusCode(not(equalTo(200)))
                    .body("error.request_id", not(equalTo(""))).extract().statusCode();
            assertTrue(status >= 400, body.length() > 80 ? body.substring(0, 80) : body);
        }
        as(c[1]).body("{\"name\": 5}").post("/v1.0/accesskeys").then().statusCode(400)
                .body("error.details[0].field", equalTo("name"));
        as(c[1]).body("{\"name\":\"a\",\"bogus\":1}").post("/v1.0/accesskeys").then().statusCode(400)
                .body("error.details[0].field", equalTo("bogus"));
        as(c[1]).body("{\"name\":\"" + big + "\"}").post("/v1.0/accesskeys").then().statusCode(400)
                .body("error.details[0].field", equalTo("name"));
        as(c[1]).body("{\"source\":{\"type\":\"tel\",\"target\":7}}").post("/v1.0/calls").then().statusCode(400)
                .body("error.details[0].field", equalTo("source.target"));
        as(c[1]).body("{\"destinations\":\"+1555\"}").post("/v1.0/calls").then().statusCode(400)
                .body("error.details[0].field", equalTo("destinations"));
        given().header("Authorization", "Bearer " + c[1]).contentType(ContentType.TEXT).body("hello")
                .post("/v1.0/accesskeys").then().statusCode(415);
        as(c[1]).get("/v1.0/nothing-here").then().statusCode(404).body("error.status", equalTo("NOT_FOUND"));
        assertEquals(before, accesskeys(c[0]));
    }

    @Test
    void loginIsRateLimitedPerIpAndRecovers() throws Exception {
        String ip = Api.randomIp();
        int limited = 0;
        String retryAfter = null;
        // Sent at once: the limit is taken before the (slow, bcrypt) password check, so on a loaded
        // machine sequential attempts could be slower than the refill and never meet the limit.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<io.restassured.response.Response>> attempts = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                attempts.add(pool.submit(() -> given().header("X-Forwarded-For", ip).contentType(ContentType.JSON)
                        .body(Map.of("username", "demo", "password", "wrong")).post("/auth/login")));
            }
            for (Future<io.restassured.response.Response> attempt : attempts) {
                var r = attempt.get(60, TimeUnit.SECONDS);
                if (r.statusCode() == 429) {
                    limited++;
                    retryAfter = r.header("Retry-After");
                    r.then().body("error.status", equalTo("RESOURCE_EXHAUSTED")).body("error.details[0].limited_by", equalTo("ip"));
                } else {
                    assertEquals(401, r.statusCode());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(limited >= 2, "limited " + limited); // burst 5, 1/s in the test profile
        assertTrue(Long.parseLong(retryAfter) >= 1);
        Thread.sleep(Long.parseLong(retryAfter) * 1000 + 100);
        given().header("X-Forwarded-For", ip).contentType(ContentType.JSON)
                .body(Map.of("username", "demo", "password", "demo-password")).post("/auth/login").then().statusCode(200);
        // other clients were never affected
        given().header("X-Forwarded-For", Api.randomIp()).contentType(ContentType.JSON)
                .body(Map.of("username", "demo", "password", "demo-password")).post("/auth/login").then().statusCode(200);
    }
}
