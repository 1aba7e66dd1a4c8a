package net.voipbin.api.auth;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import net.voipbin.api.service.SignupMails;
import net.voipbin.api.testing.Api;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signup proves the address before an account exists, and tells no one which addresses have one. The mails go
 * to Quarkus' mock mailbox (test profile), read here in-process: nothing in the API exposes it.
 */
@QuarkusTest
class SignupIT {

    static final Pattern TOKEN = Pattern.compile("\"token\": \"([0-9a-f]{64})\"");

    @Inject
    MockMailbox mailbox;

    static Response signup(String path, String email) {
        return given().header("X-Forwarded-For", Api.randomIp()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "name", "Signup Co", "accepted_tos", true)).post(path);
    }

    static Response verify(String token) {
        return given().header("X-Forwarded-For", Api.randomIp()).contentType(ContentType.JSON)
                .body(Map.of("token", token)).post("/auth/email-verify");
    }

    List<Mail> mailsTo(String email, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.getMailsSentTo(email).size() >= count);
        return mailbox.getMailsSentTo(email);
    }

    String tokenMailedTo(String email) {
        Mail mail = mailsTo(email, 1).get(0);
        assertEquals(SignupMails.VERIFY_SUBJECT, mail.getSubject());
        Matcher m = TOKEN.matcher(mail.getText());
        assertTrue(m.find(), mail.getText());
        return m.group(1);
    }

    static String newEmail() {
        return "s-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void signupAloneYieldsNoAccountAndVerificationDoes() {
        String email = newEmail();
        signup("/auth/signup", email).then().statusCode(200).body(equalTo("{}"));
        // no customer and no key yet: nothing to log in with, nothing listed
        String admin = Api.superadmin();
        List<String> emails = Api.as(admin).queryParam("page_size", 100).get("/v1.0/customers").then().statusCode(200)
                .extract().path("result.email");
        assertTrue(!emails.contains(email));
        verify("0".repeat(64)).then().statusCode(400).body("error.details[0].field", equalTo("token"));
        verify("not-hex").then().statusCode(400).body("error.details[0].field", equalTo("token"));
        // the mailed token creates the customer (email verified) and its first key, as signup answered before
        String token = tokenMailedTo(email);
        var verified = verify(token).then().statusCode(200)
                .body("customer.email", equalTo(email)).body("customer.name", equalTo("Signup Co"))
                .body("accesskey.token", startsWith("vb_")).extract();
        String key = verified.path("accesskey.token");
        given().header("Authorization", "Bearer " + key).get("/v1.0/customer").then().statusCode(200)
                .body("email", equalTo(email)).body("id", equalTo(verified.path("customer.id")));
        // used once: the same token again is refused, and makes no second customer
        verify(token).then().statusCode(400).body("error.status", equalTo("INVALID_ARGUMENT"));
        // the /v1.0 spellings are the same endpoints
        given().header("X-Forwarded-For", Api.randomIp()).contentType(ContentType.JSON)
                .body(Map.of("token", token)).post("/v1.0/auth/email-verify").then().statusCode(400);
    }

    @Test
    void aKnownEmailIsAnsweredByteForByteAsANewOne() {
        String known = newEmail();
        signup("/v1.0/auth/signup", known).then().statusCode(200);
        verify(tokenMailedTo(known)).then().statusCode(200);
        for (String path : new String[]{"/auth/signup", "/v1.0/auth/signup"}) {
            String fresh = newEmail();
            Response forKnown = signup(path, known);
            Response forNew = signup(path, fresh);
            assertEquals(forNew.statusCode(), forKnown.statusCode());
            assertArrayEquals(forNew.asByteArray(), forKnown.asByteArray());
            assertEquals(forNew.contentType(), forKnown.contentType());
            assertEquals(names(forNew), names(forKnown));
            // only the mails differ: the known address is told it has an account, and gets no token
            tokenMailedTo(fresh);
        }
        List<Mail> toKnown = mailsTo(known, 3);
        assertEquals(SignupMails.KNOWN_SUBJECT, toKnown.get(1).getSubject());
        assertTrue(!TOKEN.matcher(toKnown.get(1).getText()).find());
        assertEquals(SignupMails.KNOWN_SUBJECT, toKnown.get(2).getSubject());
    }

    static List<String> names(Response r) {
        return r.headers().asList().stream().map(h -> h.getName().toLowerCase()).sorted().toList();
    }

    @Test
    void anExpiredTokenIsRefused() throws Throwable {
        String email = newEmail();
        signup("/auth/signup", email).then().statusCode(200);
        String token = tokenMailedTo(email);
        assertEquals(1, AuthIT.sql("UPDATE signup_pending SET tm_expire = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND"
                + " WHERE token_hash = '" + Secrets.sha256(token) + "'"));
        verify(token).then().statusCode(400).body("error.details[0].field", equalTo("token"));
    }

    @Test
    void badSignupBodiesAre400() {
        given().header("X-Forwarded-For", Api.randomIp()).contentType(ContentType.JSON)
                .body(Map.of("email", newEmail())).post("/auth/signup").then().statusCode(400)
                .body("error.details[0].field", equalTo("accepted_tos"));
        given().header("X-Forwarded-For", Api.randomIp()).contentType(ContentType.JSON)
                .body(Map.of("email", "nope", "accepted_tos", true)).post("/auth/signup").then().statusCode(400)
                .body("error.details[0].field", equalTo("email"));
        given().header("X-Forwarded-For", Api.randomIp()).contentType(ContentType.JSON)
                .body(Map.of()).post("/auth/email-verify").then().statusCode(400)
                .body("error.details[0].field", equalTo("token"));
    }
}
