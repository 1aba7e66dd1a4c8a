package net.voipbin.asteriskproxy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import net.voipbin.common.amqp.AmqpConnection;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The proxy starts without a database, connects to the broker and reports ready. */
@QuarkusTest
class AsteriskProxyStartupTest {

    @Inject
    AmqpConnection amqp;

    @Test
    void startsAndReportsReadyOnTheBrokerAlone() {
        await().atMost(Duration.ofSeconds(20)).until(amqp::isReady);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("broker"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }
}
