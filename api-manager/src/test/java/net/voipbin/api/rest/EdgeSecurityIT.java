package net.voipbin.api.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import net.voipbin.api.auth.Secrets;
import net.voipbin.api.model.Agent;
import net.voipbin.api.rest.error.ErrorMappers;
import net.voipbin.api.testing.Api;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static net.voipbin.api.testing.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 15's edge items through the real gateway: body limit, duplicates, password hashes, cookie, CORS. */
@QuarkusTest
class EdgeSecurityIT {

    static final String ALLOWED_ORIGIN = "https://app.example.test"; // %test.voipbin.api.cors.allowed-origins

    @Test
    void aBodyOver512KiBIs413InTheErrorShape() {
        String[] c = Api.newCustomer();
        String body = "{\"name\":\"" + "x".repeat(600 * 1024) + "\"}";
        as(c[1]).body(body).post("/v1.0/accesskeys").then().statusCode(413)
                .header("X-Request-Id", not(nullValue()))
                .body("error.status", equalTo("INVALID_ARGUMENT")).body("error.reason", equalTo("BODY_TOO_LARGE"))
                .body("error.details[0].field", equalTo("body")).body("error.request_id", not(equalTo("")));
        // unauthenticated too, before any password is checked
        given().header("X-Forwarded-For", Api.randomIp()).contentType(ContentType.JSON).body(body)
                .post("/auth/login").then().statusCode(413).body("error.status", equalTo("INVALID_ARGUMENT"));
        // just under the limit it is an ordinary request (a name too long: 400 naming it)
        as(c[1]).body("{\"name\":\"" + "x".repeat(500 * 1024) + "\"}").post("/v1.0/accesskeys").then().statusCode(400)
                .body("error.details[0].field", equalTo("name"));
    }

    @Test
    void aDuplicateUsernameIs400EvenWhenTheRequestsRace() throws Throwable {
        String admin = Api.superadmin();
        String username = "dup-" + UUID.randomUUID();
        as(admin).body(Map.of("name", "first", "username", username, "password", "secret-pass"))
                .post("/v1.0/customers").then().statusCode(200);
        as(admin).body(Map.of("name", "second", "username", username, "password", "secret-pass"))
                .post("/v1.0/customers").then().statusCode(400).body("error.status", equalTo("INVALID_ARGUMENT"))
                .body("error.reason", equalTo("USERNAME_ALREADY_EXISTS")).body("error.details[0].field", equalTo("username"));
        // Eight at once with a fresh username: they race past the service's check into the unique index.
        String raced = "race-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> as(admin).body(Map.of("name", raced, "username", raced, "password", "secret-pass"))
                        .post("/v1.0/customers")));
            }
            int created = 0;
            for (Future<Response> answer : answers) {
                Response r = answer.get(60, TimeUnit.SECONDS);
                if (r.statusCode() == 200) {
                    created++;
                } else {
                    // the service's check (USERNAME_ALREADY_EXISTS) or the unique index (ALREADY_EXISTS): both 400
                    r.then().statusCode(400).body("error.status", equalTo("INVALID_ARGUMENT"))
                            .body("error.reason", org.hamcrest.Matchers.endsWith("ALREADY_EXISTS"))
                            .body("error.request_id", not(equalTo("")));
                }
            }
            assertEquals(1, created);
        } finally {
            pool.shutdownNow();
        }
        // the losers' customers were rolled back with their agents: nothing half-written
        assertEquals(1L, count("SELECT COUNT(*) FROM customer WHERE name = '" + raced + "'"));
    }

    @Test
    void aUniqueIndexHitBelowEveryCheckIs400NotA500() throws Throwable {
        // What the race above may or may not reach: the database's own refusal, through Hibernate Reactive and the
        // gateway's mapper. A second agent named demo, and a second access key with a known token hash.
        String[] c = Api.newCustomer();
        UUID customer = UUID.fromString(c[0]);
        Agent dup = new Agent();
        dup.id = Ids.newId();
        dup.customerId = customer;
        dup.username = "demo";
        dup.passwordHash = Secrets.hashPassword("x", 4);
        dup.permission = 16;
        dup.tmCreate = TimeFormat.now();
        assertConflict(() -> Panache.withTransaction(dup::persist));
        String existingHash = (String) VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery("SELECT token_hash FROM accesskey LIMIT 1").getSingleResult())));
        net.voipbin.api.model.Accesskey key = net.voipbin.api.service.IdentityService.newKey(customer, "k", "", 86_400);
        key.tokenHash = existingHash;
        assertConflict(() -> Panache.withTransaction(key::persist));
    }

    static void assertConflict(java.util.function.Supplier<io.smallrye.mutiny.Uni<?>> write) {
        Throwable failure = null;
        try {
            VertxContextSupport.subscribeAndAwait(write::get);
        } catch (Throwable t) {
            failure = t;
        }
        assertNotNull(failure, "the unique index must refuse the row");
        jakarta.ws.rs.core.Response answer = new ErrorMappers().any(failure);
        assertEquals(400, answer.getStatus(), String.valueOf(failure));
        assertEquals("ALREADY_EXISTS", ((Map<?, ?>) ((Map<?, ?>) answer.getEntity()).get("error")).get("reason"));
    }

    static long count(String sql) throws Throwable {
        return ((Number) VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery(sql).getSingleResult())))).longValue();
    }

    static String storedHash(String username) throws Throwable {
        return (String) VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery("SELECT password_hash FROM agent WHERE username = '" + username + "'")
                        .getSingleResult())));
    }

    @Test
    void passwordsAreHashedAtTheConfiguredCostAndCheaperOldHashesAreStrengthenedAtLogin() throws Throwable {
        int cost = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("voipbin.api.password.bcrypt-cost", Integer.class);
        String username = "hash-" + UUID.randomUUID();
        as(Api.superadmin()).body(Map.of("name", "h", "username", username, "password", "secret-pass"))
                .post("/v1.0/customers").then().statusCode(200);
        assertEquals(cost, Secrets.bcryptCost(storedHash(username)));
        // a hash from before (cost 10 in production; one below the test profile's cost here) still logs in...
        String older = Secrets.hashPassword("secret-pass", cost - 1);
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s
                .createNativeQuery("UPDATE agent SET password_hash = '" + older + "' WHERE username = '" + username + "'")
                .executeUpdate())));
        assertEquals(cost - 1, Secrets.bcryptCost(storedHash(username)));
        Api.login(username, "secret-pass");
        // ...and is replaced by one of today's cost, which logs in too
        String strengthened = storedHash(username);
        assertEquals(cost, Secrets.bcryptCost(strengthened));
        assertTrue(Secrets.passwordMatches("secret-pass", strengthened));
        Api.login(username, "secret-pass");
        // a wrong password changes nothing
        given().header("X-Forwarded-For", Api.randomIp()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "wrong")).post("/auth/login").then().statusCode(401);
        assertEquals(strengthened, storedHash(username));
    }

    @Test
    void theLoginCookieIsSecureHttpOnlyAndSameSiteStrict() {
        Response r = given().header("X-Forwarded-For", Api.randomIp()).contentType(ContentType.JSON)
                .body(Map.of("username", "demo", "password", "demo-password")).post("/auth/login");
        r.then().statusCode(200);
        String cookie = r.header("Set-Cookie");
        assertNotNull(cookie);
        assertTrue(cookie.startsWith("token="), cookie);
        List<String> flags = java.util.Arrays.stream(cookie.split(";")).map(f -> f.trim().toLowerCase()).toList();
        assertTrue(flags.contains("secure"), cookie);
        assertTrue(flags.contains("httponly"), cookie);
        assertTrue(flags.contains("samesite=strict"), cookie);
    }

    @Test
    void onlyTheConfiguredOriginGetsCrossOriginAccess() {
        String token = Api.login("demo", "demo-password");
        // a foreign site's script: the request is served, but the browser is given nothing that lets it read it
        as(token).header("Origin", "https://evil.example").get("/v1.0/customer").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Credentials", nullValue());
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/v1.0/customer").then()
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Methods", nullValue());
        given().header("Origin", "null").header("Access-Control-Request-Method", "GET")
                .options("/v1.0/customer").then().header("Access-Control-Allow-Origin", nullValue());
        // the configured origin: its own name back (never *), with credentials
        given().header("Origin", ALLOWED_ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .options("/v1.0/customer").then().statusCode(204)
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED_ORIGIN))
                .header("Access-Control-Allow-Credentials", equalTo("true"))
                .header("Access-Control-Allow-Methods", containsString("POST"));
        as(token).header("Origin", ALLOWED_ORIGIN).get("/v1.0/customer").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED_ORIGIN))
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"))
                .header("Vary", containsString("Origin"));
    }
}
