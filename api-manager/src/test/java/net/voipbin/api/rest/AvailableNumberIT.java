package net.voipbin.api.rest;

import io.quarkus.test.junit.QuarkusTest;
import net.voipbin.api.testing.Api;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static net.voipbin.api.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The gateway side of the number inventory: who may stock it, the contract's list shape, bad queries. */
@QuarkusTest
class AvailableNumberIT {

    @Test
    void onlyASuperadminStocksTheInventoryAndCustomersListItInTheContractShape() {
        String[] c = Api.newCustomer();
        String number = "+1555" + (1_000_000 + (int) (Math.random() * 8_999_999));
        as(c[1]).body(Map.of("number", number)).post("/v1.0/available_numbers").then().statusCode(403)
                .body("error.status", equalTo("PERMISSION_DENIED"));
        as(Api.superadmin()).body(Map.of("number", number, "region", "California", "postal_code", "94105",
                        "features", List.of("voice", "sms"))).post("/v1.0/available_numbers").then().statusCode(200)
                .body("number", equalTo(number)).body("country", equalTo("US"));
        as(c[1]).get("/v1.0/available_numbers?country_code=US").then().statusCode(200)
                .body("result.number", hasItem(number)).body("result.find { it.number == '" + number + "' }.postal_code", equalTo("94105"));
        as(c[1]).get("/v1.0/available_numbers").then().statusCode(400).body("error.message", org.hamcrest.Matchers.containsString("country_code"));
        as(c[1]).get("/v1.0/available_numbers?country_code=US&type=premium").then().statusCode(400);
        as(c[1]).delete("/v1.0/available_numbers/{number}", number).then().statusCode(403);
        as(Api.superadmin()).delete("/v1.0/available_numbers/{number}", number).then().statusCode(200)
                .body("number", equalTo(number));
        as(Api.superadmin()).body(Map.of()).post("/v1.0/available_numbers").then().statusCode(400);
    }
}
