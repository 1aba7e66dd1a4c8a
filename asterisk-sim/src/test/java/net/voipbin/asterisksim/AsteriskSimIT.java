package net.voipbin.asterisksim;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The simulator's ARI info endpoint, its authentication, health and metrics (test id "sim-test"). */
@QuarkusTest
class AsteriskSimIT {

    @Test
    void infoNeedsAriCredentials() {
        given().get("/ari/asterisk/info").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .body("message", equalTo("Authentication required"));
        given().auth().preemptive().basic("asterisk", "asterisk").get("/ari/asterisk/info").then().statusCode(401);
        given().auth().preemptive().basic("someone", "test-secret").get("/ari/asterisk/info").then().statusCode(401);
        given().header("Authorization", "Basic !!!").get("/ari/asterisk/info").then().statusCode(401);
        given().get("/ari/channels").then().statusCode(401);
        given().auth().preemptive().basic("asterisk", "test-secret").get("/ari/nothing-here").then().statusCode(404);
    }

    @Test
    void infoSaysWhichAsteriskThisIs() {
        given().auth().preemptive().basic("asterisk", "test-secret").get("/ari/asterisk/info").then().statusCode(200)
                .contentType("application/json")
                .body("system.version", equalTo("20.0.0-sim"))
                .body("system.entity_id", equalTo("sim-test"))
                .body("config.name", equalTo("sim-test"))
                .body("config.default_language", equalTo("en"))
                .body("build.os", equalTo("Linux"))
                .body("status.startup_time", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000"));
    }

    @Test
    void apiKeyAndSectionFilterWorkAsInAri() {
        given().queryParam("api_key", "asterisk:test-secret").queryParam("only", "system,status")
                .get("/ari/asterisk/info").then().statusCode(200)
                .body("system.entity_id", equalTo("sim-test"))
                .body("status", notNullValue())
                .body("build", nullValue())
                .body("config", nullValue());
        given().queryParam("api_key", "asterisk:wrong").get("/ari/asterisk/info").then().statusCode(401);
        given().auth().preemptive().basic("asterisk", "test-secret").queryParam("only", "modules")
                .get("/ari/asterisk/info").then().statusCode(400);
    }

    @Test
    void healthAndMetricsNeedNoCredentials() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().auth().preemptive().basic("asterisk", "test-secret").get("/ari/asterisk/info").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("uri=\"/ari/asterisk/info\""));
    }
}
