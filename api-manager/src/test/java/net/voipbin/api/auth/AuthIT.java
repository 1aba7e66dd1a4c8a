package net.voipbin.api.auth;

import net.voipbin.api.testing.AgentFixtures;
import net.voipbin.api.testing.Api;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static net.voipbin.api.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class AuthIT {

    static final String KEY = "voipbin-development-jwt-key-change-me-0123456789";

    @Test
    void bootstrapUsersLogIn() {
        given().header("X-Forwarded-For", Api.randomIp()).contentType(ContentType.JSON)
                .body(Map.of("username", "demo", "password", "demo-password"))
                .post("/auth/login").then().statusCode(200)
                .body("username", equalTo("demo")).body("token", notNullValue())
                .cookie("token", notNullValue());
        String token = Api.login("demo", "demo-password");
        as(token).get("/v1.0/me").then().statusCode(200).body("username", equalTo("demo")).body("permission", equalTo(32));
        as(token).get("/v1/me").then().statusCode(200).body("username", equalTo("demo"));
        as(token).get("/v1.0/customer").then().statusCode(200).body("name", equalTo("demo"));
        // every way of presenting the token
        given().cookie("token", token).get("/v1.0/me").then().statusCode(200);
        as(Api.superadmin()).get("/v1.0/customers").then().statusCode(200).body("result.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(2));
    }

    /** The attack: a credential in a URL (logged by proxies, kept in history, sent as Referer) is refused on REST. */
    @Test
    void credentialsInTheQueryStringAreRefusedOnRestPaths() {
        String[] c = Api.newCustomer();
        String key = as(c[1]).body(Map.of("name", "q")).post("/v1.0/accesskeys").then().statusCode(200)
                .extract().path("token");
        for (String path : new String[]{"/v1.0/me", "/v1/customer", "/v1.0/calls"}) {
            given().queryParam("token", c[1]).get(path).then().statusCode(401)
                    .body("error.status", equalTo("UNAUTHENTICATED"))
                    .body("error.message", org.hamcrest.Matchers.containsString("query string"));
            given().queryParam("accesskey", key).get(path).then().statusCode(401);
            // not even next to a valid header: the URL was already written into some log
            as(c[1]).queryParam("token", c[1]).get(path).then().statusCode(401);
        }
        given().header("Authorization", "Bearer " + key).get("/v1.0/customer").then().statusCode(200);
    }

    @Test
    void badPasswordAndBadTokensAre401() {
        given().header("X-Forwarded-For", Api.randomIp()).contentType(ContentType.JSON)
                .body(Map.of("username", "demo", "password", "wrong"))
                .post("/auth/login").then().statusCode(401).body("error.status", equalTo("UNAUTHENTICATED"))
                .body("error.status", equalTo("UNAUTHENTICATED"));
        given().get("/v1.0/me").then().statusCode(401).body("error.status", equalTo("UNAUTHENTICATED"))
                .header("X-Request-Id", startsWith("req_"));
        as("not.a.jwt").get("/v1.0/me").then().statusCode(401);
        String token = Api.login("demo", "demo-password");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        as(forged).get("/v1.0/me").then().statusCode(401);
        String otherKey = Jwt.issuer("voipbin-api").claim("agent_id", UUID.randomUUID().toString())
                .claim("customer_id", UUID.randomUUID().toString()).claim("permission", 1)
                .expiresIn(3600).jws().algorithm(SignatureAlgorithm.HS256).signWithSecret("another-key-another-key-another-key-0123");
        as(otherKey).get("/v1.0/me").then().statusCode(401);
        // right key, expired
        String[] c = Api.newCustomer();
        String agentId = as(c[1]).get("/v1.0/me").then().extract().path("id");
        String expired = Jwt.issuer("voipbin-api").claim("agent_id", agentId).claim("customer_id", c[0])
                .claim("permission", 32).expiresAt(Instant.now().minusSeconds(60))
                .jws().algorithm(SignatureAlgorithm.HS256).signWithSecret(KEY);
        as(expired).get("/v1.0/me").then().statusCode(401);
        String valid = Jwt.issuer("voipbin-api").claim("agent_id", agentId).claim("customer_id", c[0])
                .claim("permission", 32).expiresIn(60).jws().algorithm(SignatureAlgorithm.HS256).signWithSecret(KEY);
        as(valid).get("/v1.0/me").then().statusCode(200);
    }

    @Test
    void requestIdIsEchoed() {
        given().header("X-Request-Id", "my-req-123").get("/v1.0/me").then().statusCode(401)
                .header("X-Request-Id", equalTo("my-req-123")).body("error.request_id", equalTo("my-req-123"));
    }

    @Test
    void accesskeysAuthenticateAndAreShownOnce() {
        String[] c = Api.newCustomer();
        var created = as(c[1]).body(Map.of("name", "ci", "expire", 86400 * 2)).post("/v1.0/accesskeys")
                .then().statusCode(200).body("token", startsWith("vb_")).extract();
        String key = created.path("token");
        String id = created.path("id");
        assertEquals(35, key.length());
        as(c[1]).get("/v1.0/accesskeys/" + id).then().statusCode(200).body("$", not(hasKey("token")))
                .body("token_prefix", equalTo(key.substring(0, 11)));
        given().header("Authorization", "Bearer " + key).get("/v1.0/customer").then().statusCode(200).body("id", equalTo(c[0]));
        given().cookie("accesskey", key).get("/v1.0/accesskeys").then().statusCode(200);
        given().header("Authorization", "Bearer vb_nonexistentnonexistentnonexist").get("/v1.0/customer").then().statusCode(401);
        as(c[1]).body(Map.of("name", "short", "expire", 60)).post("/v1.0/accesskeys").then().statusCode(400)
                .body("error.details[0].field", equalTo("expire"));
        // another customer's key id is 404
        String[] other = Api.newCustomer();
        as(other[1]).get("/v1.0/accesskeys/" + id).then().statusCode(404).body("error.status", equalTo("NOT_FOUND"));
        as(c[1]).delete("/v1.0/accesskeys/" + id).then().statusCode(200).body("tm_delete", notNullValue());
        given().header("Authorization", "Bearer " + key).get("/v1.0/customer").then().statusCode(401);
    }

    @Test
    void permissionsAre403() {
        String[] c = Api.newCustomer();
        as(c[1]).body(Map.of("name", "x")).post("/v1.0/customers").then().statusCode(403)
                .body("error.status", equalTo("PERMISSION_DENIED"));
        as(c[1]).get("/v1.0/customers").then().statusCode(403);
        // a plain agent (permission 16) may not manage access keys
        String agent = AgentFixtures.plainAgent(c[0]);
        as(agent).body(Map.of("name", "x")).post("/v1.0/accesskeys").then().statusCode(403);
        as(agent).get("/v1.0/customer").then().statusCode(403);
        as(agent).get("/v1.0/me").then().statusCode(200).body("permission", equalTo(16));
    }

    @Test
    void deletedCustomerLosesAccess() {
        String[] c = Api.newCustomer();
        as(c[1]).get("/v1.0/customer").then().statusCode(200);
        as(Api.superadmin()).delete("/v1.0/customers/" + c[0]).then().statusCode(200).body("status", equalTo("deleted"));
        as(c[1]).get("/v1.0/customer").then().statusCode(401);
        as(Api.superadmin()).get("/v1.0/customers/" + c[0]).then().statusCode(404);
    }

    static int sql(String statement) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery(statement).executeUpdate())));
    }

    static String hex(String uuid) {
        return "UNHEX(REPLACE('" + uuid + "','-',''))";
    }

    @Test
    void permissionIsReadPerRequestAndAgentDeletionRevokesAtOnce() throws Throwable {
        String[] c = Api.newCustomer();
        String agent = AgentFixtures.plainAgent(c[0]);
        String agentId = as(agent).get("/v1.0/me").then().statusCode(200).body("permission", equalTo(16))
                .extract().path("id");
        as(agent).get("/v1.0/customer").then().statusCode(403);
        // promoted in the database: the same (unchanged) token now carries admin rights
        assertEquals(1, sql("UPDATE agent SET permission = 32 WHERE id = " + hex(agentId)));
        as(agent).get("/v1.0/customer").then().statusCode(200);
        as(agent).get("/v1.0/me").then().statusCode(200).body("permission", equalTo(32));
        // demoted again: refused on the very next request
        assertEquals(1, sql("UPDATE agent SET permission = 16 WHERE id = " + hex(agentId)));
        as(agent).get("/v1.0/customer").then().statusCode(403);
        // deleted: the token stops working at once
        assertEquals(1, sql("UPDATE agent SET tm_delete = UTC_TIMESTAMP(6) WHERE id = " + hex(agentId)));
        as(agent).get("/v1.0/me").then().statusCode(401).body("error.status", equalTo("UNAUTHENTICATED"));
        // the customer's other agent is unaffected
        as(c[1]).get("/v1.0/me").then().statusCode(200);
    }

    @Test
    void expiredAccesskeyAndDeletedCustomerKeyAre401() throws Throwable {
        String[] c = Api.newCustomer();
        var created = as(c[1]).body(Map.of("name", "exp")).post("/v1.0/accesskeys").then().statusCode(200).extract();
        String key = created.path("token");
        String id = created.path("id");
        given().header("Authorization", "Bearer " + key).get("/v1.0/customer").then().statusCode(200)
                .body("id", equalTo(c[0]));
        assertEquals(1, sql("UPDATE accesskey SET tm_expire = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE id = " + hex(id)));
        given().header("Authorization", "Bearer " + key).get("/v1.0/customer").then().statusCode(401);
        // a valid key of a customer deleted afterwards
        String key2 = as(c[1]).body(Map.of("name", "k2")).post("/v1.0/accesskeys").then().statusCode(200)
                .extract().path("token");
        given().header("Authorization", "Bearer " + key2).get("/v1.0/customer").then().statusCode(200);
        as(Api.superadmin()).delete("/v1.0/customers/" + c[0]).then().statusCode(200);
        given().header("Authorization", "Bearer " + key2).get("/v1.0/customer").then().statusCode(401);
    }
}
