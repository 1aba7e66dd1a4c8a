package net.voipbin.api.rest;

import net.voipbin.api.testing.FakeManagers;
import net.voipbin.api.testing.AgentFixtures;
import net.voipbin.api.testing.Api;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import net.voipbin.proto.storage.v1.File;
import net.voipbin.proto.transfer.v1.Transfer;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static net.voipbin.api.testing.Api.as;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** /storage_files, /queues and /transfers/{id} against FakeManagers (tenant-enforcing, like the real managers). */
@QuarkusTest
class StorageQueueTransferIT {

    @jakarta.inject.Inject
    FakeManagers fakes;

    static JsonNode schemas() throws Exception {
        return HardeningIT.contract().path("components").path("schemas");
    }

    @Test
    void storageFiles() throws Exception {
        String[] c = Api.newCustomer();
        String[] other = Api.newCustomer();
        File internal = fakes.seedFile(c[0], "rec-1", "storage://" + c[0] + "/x");
        File signed = fakes.seedFile(c[0], "rec-2", "https://files.example.com/rec-2?sig=abc");
        fakes.seedFile(c[0], "rec-3", "");
        File foreign = fakes.seedFile(other[0], "theirs", "");

        Map<?, ?> one = as(c[1]).get("/v1.0/storage_files/" + internal.getId()).then().statusCode(200)
                .body("id", equalTo(internal.getId())).body("customer_id", equalTo(c[0]))
                .body("reference_type", equalTo("recording")).body("filename", equalTo("rec-1.wav"))
                .body("filesize", equalTo(1234))
                // an internal location is not a download URI
                .body("uri_download", equalTo("")).body("$", not(hasKey("tm_download_expire")))
                .extract().as(Map.class);
        HardeningIT.check(schemas(), "StorageManagerFile", one);
        as(c[1]).get("/v1/storage_files/" + signed.getId()).then().statusCode(200)
                .body("uri_download", equalTo("https://files.example.com/rec-2?sig=abc"))
                .body("tm_download_expire", not(nullValue()));

        // paging through the customer's 3 files only
        Set<String> seen = new HashSet<>();
        String token = as(c[1]).queryParam("page_size", 2).get("/v1.0/storage_files").then().statusCode(200)
                .body("result", hasSize(2)).extract().path("next_page_token");
        seen.addAll(as(c[1]).queryParam("page_size", 2).get("/v1.0/storage_files").then().extract().path("result.id"));
        List<String> rest = as(c[1]).queryParam("page_size", 2).queryParam("page_token", token).get("/v1.0/storage_files")
                .then().statusCode(200).body("next_page_token", equalTo("")).extract().path("result.id");
        seen.addAll(rest);
        assertEquals(3, seen.size());

        // another customer's file is 404, a bad id or page size 400 naming the field
        as(c[1]).get("/v1.0/storage_files/" + foreign.getId()).then().statusCode(404)
                .body("error.status", equalTo("NOT_FOUND"));
        as(other[1]).get("/v1.0/storage_files").then().statusCode(200).body("result.id", equalTo(List.of(foreign.getId())));
        as(c[1]).get("/v1.0/storage_files/not-an-id").then().statusCode(400).body("error.details[0].field", equalTo("id"));
        as(c[1]).queryParam("page_size", 101).get("/v1.0/storage_files").then().statusCode(400)
                .body("error.details[0].field", equalTo("page_size"));
        as(AgentFixtures.plainAgent(c[0])).get("/v1.0/storage_files").then().statusCode(403);
        given().get("/v1.0/storage_files").then().statusCode(401);
    }

    @Test
    void queues() throws Exception {
        String[] c = Api.newCustomer();
        String[] other = Api.newCustomer();
        String tag = UUID.randomUUID().toString();
        String flow = UUID.randomUUID().toString();
        Map<?, ?> created = as(c[1]).body(Map.of("name", "sales", "detail", "d", "routing_method", "random",
                        "tag_ids", List.of(tag), "wait_flow_id", flow, "wait_timeout", 300000, "service_timeout", 600000))
                .post("/v1.0/queues").then().statusCode(200)
                .body("customer_id", equalTo(c[0])).body("name", equalTo("sales")).body("routing_method", equalTo("random"))
                .body("tag_ids", equalTo(List.of(tag))).body("wait_flow_id", equalTo(flow))
                .body("wait_timeout", equalTo(300000)).body("service_timeout", equalTo(600000))
                .body("$", not(hasKey("wait_timeout_ms"))).body("$", not(hasKey("tm_update")))
                .extract().as(Map.class);
        HardeningIT.check(schemas(), "QueueManagerQueue", created);
        String id = (String) created.get("id");
        as(c[1]).get("/v1.0/queues/" + id).then().statusCode(200).body("name", equalTo("sales"));
        // defaults: an empty body is a random queue without timeouts
        as(c[1]).body(Map.of()).post("/v1.0/queues").then().statusCode(200).body("routing_method", equalTo("random"))
                .body("wait_timeout", equalTo(0));
        as(c[1]).get("/v1.0/queues").then().statusCode(200).body("result", hasSize(2))
                .body("next_page_token", equalTo(""));

        // tenant: another customer sees neither the queue nor the list entries
        as(other[1]).get("/v1.0/queues/" + id).then().statusCode(404).body("error.status", equalTo("NOT_FOUND"));
        as(other[1]).get("/v1.0/queues").then().statusCode(200).body("result", hasSize(0));

        // bad bodies and ids: 400 naming the field, nothing created
        as(c[1]).body(Map.of("routing_method", "roundrobin")).post("/v1.0/queues").then().statusCode(400)
                .body("error.details[0].field", equalTo("routing_method"));
        as(c[1]).body(Map.of("wait_timeout", -1)).post("/v1.0/queues").then().statusCode(400)
                .body("error.details[0].field", equalTo("wait_timeout"));
        as(c[1]).body("{\"service_timeout\":\"10\"}").post("/v1.0/queues").then().statusCode(400)
                .body("error.details[0].field", equalTo("service_timeout"));
        as(c[1]).body(Map.of("tag_ids", List.of(tag, "nope"))).post("/v1.0/queues").then().statusCode(400)
                .body("error.details[0].field", equalTo("tag_ids[1]"));
        as(c[1]).body(Map.of("wait_flow_id", "nope")).post("/v1.0/queues").then().statusCode(400)
                .body("error.details[0].field", equalTo("wait_flow_id"));
        as(c[1]).body(Map.of("name", "x", "bogus", 1)).post("/v1.0/queues").then().statusCode(400)
                .body("error.details[0].field", equalTo("bogus"));
        as(c[1]).body("null").post("/v1.0/queues").then().statusCode(400);
        as(c[1]).get("/v1.0/queues/nope").then().statusCode(400).body("error.details[0].field", equalTo("id"));
        as(c[1]).get("/v1.0/queues").then().statusCode(200).body("result", hasSize(2));
        as(AgentFixtures.plainAgent(c[0])).body(Map.of()).post("/v1.0/queues").then().statusCode(403);
    }

    @Test
    void transfers() throws Exception {
        String[] c = Api.newCustomer();
        String[] other = Api.newCustomer();
        Transfer t = fakes.seedTransfer(c[0]);
        Map<?, ?> body = as(c[1]).get("/v1.0/transfers/" + t.getId()).then().statusCode(200)
                .body("id", equalTo(t.getId())).body("customer_id", equalTo(c[0])).body("type", equalTo("blind"))
                .body("transferer_call_id", equalTo(t.getTransfererCallId()))
                .body("transferee_addresses[0].type", equalTo("tel"))
                .body("transferee_addresses[0].target", equalTo("+15557778888"))
                .body("$", not(hasKey("status"))).body("$", not(hasKey("transferee_addresses_json")))
                .extract().as(Map.class);
        HardeningIT.check(schemas(), "TransferManagerTransfer", body);
        as(other[1]).get("/v1.0/transfers/" + t.getId()).then().statusCode(404).body("error.status", equalTo("NOT_FOUND"));
        as(c[1]).get("/v1.0/transfers/12345").then().statusCode(400).body("error.details[0].field", equalTo("id"));
        // not served: the list (not in the contract) and the start (transfer-manager does not implement it)
        as(c[1]).get("/v1.0/transfers").then().statusCode(anyOf(equalTo(404), equalTo(405)));
        as(c[1]).body(Map.of("transfer_type", "blind")).post("/v1.0/transfers").then()
                .statusCode(anyOf(equalTo(404), equalTo(405)));
    }
}
