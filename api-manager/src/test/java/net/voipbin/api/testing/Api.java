package net.voipbin.api.testing;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** Test helpers: logins from distinct (forwarded) client IPs so the login limit does not bite. */
public final class Api {

    private Api() {
    }

    public static String randomIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    public static String login(String username, String password) {
        return given().header("X-Forwarded-For", randomIp()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/auth/login").then().statusCode(200).extract().path("token");
    }

    public static String superadmin() {
        return login("admin", "admin-password");
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** A fresh customer with an admin agent; returns {customer id, token}. */
    public static String[] newCustomer() {
        String username = "u-" + UUID.randomUUID();
        Response r = as(superadmin()).body(Map.of("name", "c " + username, "username", username, "password", "secret-pass"))
                .post("/v1.0/customers");
        r.then().statusCode(200);
        return new String[]{r.path("id"), login(username, "secret-pass")};
    }
}
