package net.voipbin.api.ratelimit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import net.voipbin.api.testing.Api;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static net.voipbin.api.testing.Api.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client limits against their attacks, through the gateway. The tests connect from loopback, a trusted proxy in
 * the test profile, so the X-Forwarded-For they send is what a proxy in front of the gateway would pass on.
 */
@QuarkusTest
class ClientLimitIT {

    static Response login(String forwardedFor, String username, String password) {
        return given().header("X-Forwarded-For", forwardedFor).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password)).post("/auth/login");
    }

    @Test
    void rotatingTheForgeableForwardedForEntriesGivesNoFreshBucket() throws Exception {
        // The proxy appended the real client last; everything in front of it the client wrote itself.
        String client = Api.randomIp();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                String forged = "198.51.100." + (i + 1) + ", 203.0.113." + (i + 1);
                // an empty login: refused by its checks (400) unless the login bucket (burst 5, 1/s) is dry first
                answers.add(pool.submit(() -> given().header("X-Forwarded-For", forged + ", " + client)
                        .contentType(ContentType.JSON).body("{}").post("/auth/login")));
            }
            int limited = 0;
            for (Future<Response> answer : answers) {
                Response r = answer.get(60, TimeUnit.SECONDS);
                if (r.statusCode() == 429) {
                    limited++;
                    r.then().body("error.details[0].limited_by", equalTo("ip"));
                    assertTrue(Long.parseLong(r.header("Retry-After")) >= 1);
                } else {
                    assertEquals(400, r.statusCode());
                }
            }
            assertTrue(limited >= 3, "limited " + limited);
        } finally {
            pool.shutdownNow();
        }
        // another client behind the same proxy, forging the same entries, is not affected
        given().header("X-Forwarded-For", "198.51.100.1, " + Api.randomIp()).contentType(ContentType.JSON).body("{}")
                .post("/auth/login").then().statusCode(400);
    }

    @Test
    void repeatedWrongPasswordsAreSlowedWhicheverAddressTheyComeFromButTheOwnerStillLogsIn() {
        int free = ConfigProvider.getConfig().getValue("voipbin.api.rate-limit.login-backoff.free-failures", Integer.class);
        String username = "backoff-" + UUID.randomUUID();
        as(Api.superadmin()).body(Map.of("name", "b", "username", username, "password", "secret-pass"))
                .post("/v1.0/customers").then().statusCode(200);
        String ownersLaptop = Api.randomIp();
        login(ownersLaptop, username, "secret-pass").then().statusCode(200);

        // A guesser on a fresh address every time (so no per-address limit applies): after the free failures, each
        // further guess waits for a delay doubling per failure; until then even the right password is refused.
        int admittedKnown = guessUntilSlowed(username);
        int admittedUnknown = guessUntilSlowed("nobody-" + UUID.randomUUID());
        assertTrue(admittedKnown >= free && admittedKnown <= free + 4, "admitted " + admittedKnown);
        assertTrue(admittedUnknown >= free && admittedUnknown <= free + 4, "admitted " + admittedUnknown);
        // Keep guessing as the delays allow, until one is 4 s: then the refusals below are not a matter of timing.
        AtomicInteger failures = new AtomicInteger(admittedKnown);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (login(Api.randomIp(), username, "wrong").statusCode() == 401) {
                failures.incrementAndGet();
            }
            return failures.get() >= free + 3;
        });
        Response slowed = login(Api.randomIp(), username, "secret-pass");
        slowed.then().statusCode(429).body("error.status", equalTo("RESOURCE_EXHAUSTED"))
                .body("error.details[0].limited_by", equalTo("login_failures"));
        assertTrue(Long.parseLong(slowed.header("Retry-After")) >= 2, slowed.header("Retry-After"));
        // The owner, from where they logged in before, is not locked out by the guesser; and that success ends it.
        login(ownersLaptop, username, "secret-pass").then().statusCode(200);
        login(Api.randomIp(), username, "secret-pass").then().statusCode(200);
    }

    /** Wrong passwords from fresh addresses until one is refused: how many were checked (and failed). */
    static int guessUntilSlowed(String username) {
        for (int attempt = 0; attempt < 30; attempt++) {
            Response r = login(Api.randomIp(), username, "wrong");
            if (r.statusCode() == 429) {
                r.then().body("error.details[0].limited_by", equalTo("login_failures"));
                assertTrue(Long.parseLong(r.header("Retry-After")) >= 1);
                return attempt;
            }
            // the same answer whether the username exists or not
            r.then().statusCode(401).body("error.message", equalTo("wrong username or password"));
        }
        throw new AssertionError("30 wrong passwords and never slowed");
    }
}
