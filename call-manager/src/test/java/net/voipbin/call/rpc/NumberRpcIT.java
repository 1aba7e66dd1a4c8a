package net.voipbin.call.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import net.voipbin.common.testing.RpcServiceTestBase;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.call.service.NumberService;
import net.voipbin.call.testing.FakeFlowManager;
import net.voipbin.call.testing.Inventory;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.db.EventOutbox;
import net.voipbin.common.id.Ids;
import net.voipbin.common.json.PublicJson;
import net.voipbin.common.testing.OnVertx;
import net.voipbin.common.validation.PhoneNumbers;
import net.voipbin.proto.call.v1.AvailableNumber;
import net.voipbin.proto.call.v1.CreateNumberRequest;
import net.voipbin.proto.call.v1.ListAvailableNumbersRequest;
import net.voipbin.proto.call.v1.MutinyAvailableNumberServiceGrpc;
import net.voipbin.proto.call.v1.ProvisionAvailableNumberRequest;
import net.voipbin.proto.call.v1.RemoveAvailableNumberRequest;
import net.voipbin.proto.call.v1.GetNumberRequest;
import net.voipbin.proto.call.v1.ListNumbersRequest;
import net.voipbin.proto.call.v1.ListNumbersResponse;
import net.voipbin.proto.call.v1.MutinyNumberServiceGrpc;
import net.voipbin.proto.call.v1.Number;
import net.voipbin.proto.call.v1.UpdateNumberRequest;
import net.voipbin.proto.common.v1.PageRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static net.voipbin.common.testing.ServiceChecks.assertInvalid;
import static net.voipbin.common.testing.ServiceChecks.assertNotFound;
import static net.voipbin.common.testing.ServiceChecks.walkPages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NumberService through the real broker into MariaDB. */
@QuarkusTest
public class NumberRpcIT extends RpcServiceTestBase {

    @Inject
    BrokerNames names;
    @Inject
    EventOutbox outbox;
    @Inject
    NumberService service;
    @Inject
    ObjectMapper mapper;
    @Inject
    Vertx vertx;

    MutinyNumberServiceGrpc.MutinyNumberServiceStub numbers;
    MutinyAvailableNumberServiceGrpc.MutinyAvailableNumberServiceStub inventory;

    @BeforeEach
    void connect() {
        numbers = MutinyNumberServiceGrpc.newMutinyStub(channel("call-manager"));
        inventory = MutinyAvailableNumberServiceGrpc.newMutinyStub(channel("call-manager"));
    }


    /** A fresh valid US number, provisioned into the inventory (so a customer may buy it). */
    public static String randomNumber() {
        return Inventory.provisioned();
    }

    private Number create(UUID customer, String number) {
        return await(numbers.createNumber(CreateNumberRequest.newBuilder()
                .setCustomerId(customer.toString()).setNumber(number).build()));
    }

    private GetNumberRequest ref(UUID customer, String id) {
        return GetNumberRequest.newBuilder().setCustomerId(customer.toString()).setId(id).build();
    }

    private static StatusRuntimeException failure(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run);
    }

    @Test
    void createGetListUpdateDeleteAndTheirEvents() throws Exception {
        Channel channel = amqp.connection().createChannel();
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, names.ownEventExchange(), "");
        try {
            UUID customer = Ids.newId();
            String number = randomNumber();
            String flow = FakeFlowManager.flowOf(customer);
            // punctuation is stripped: stored normalised
            String spaced = number.substring(0, 2) + " " + number.substring(2, 5) + "-" + number.substring(5);
            Number created = await(numbers.createNumber(CreateNumberRequest.newBuilder()
                    .setCustomerId(customer.toString()).setNumber(spaced).setCallFlowId(flow)
                    .setName("main line").setDetail("support").build()));
            assertEquals(number, created.getNumber());
            assertEquals(customer.toString(), created.getCustomerId());
            assertEquals("normal", created.getType());
            assertEquals("active", created.getStatus());
            assertEquals(flow, created.getCallFlowId());
            assertEquals("", created.getMessageFlowId());
            assertEquals("main line", created.getName());
            assertEquals("support", created.getDetail());
            assertTrue(!created.getTmCreate().isEmpty());
            assertEquals("", created.getTmUpdate());
            assertEquals("", created.getTmDelete());

            assertEquals(created, await(numbers.getNumber(ref(customer, created.getId()))));
            ListNumbersResponse filtered = await(numbers.listNumbers(ListNumbersRequest.newBuilder()
                    .setCustomerId(customer.toString()).setNumber(number).build()));
            assertEquals(List.of(created), filtered.getNumbersList());
            assertEquals(0, await(numbers.listNumbers(ListNumbersRequest.newBuilder()
                    .setCustomerId(customer.toString()).setNumber(randomNumber()).build())).getNumbersCount());

            String messageFlow = FakeFlowManager.flowOf(customer);
            Number updated = await(numbers.updateNumber(UpdateNumberRequest.newBuilder()
                    .setCustomerId(customer.toString()).setId(created.getId())
                    .setMessageFlowId(messageFlow).setName("renamed").setDetail("").setStatus("active").build()));
            assertEquals("", updated.getCallFlowId(), "update replaces call_flow_id too");
            assertEquals(messageFlow, updated.getMessageFlowId());
            assertEquals("renamed", updated.getName());
            assertEquals("", updated.getDetail());
            assertEquals(number, updated.getNumber());
            assertTrue(!updated.getTmUpdate().isEmpty());
            assertEquals(updated, await(numbers.getNumber(ref(customer, created.getId()))));

            Number deleted = await(numbers.deleteNumber(ref(customer, created.getId())));
            assertEquals("deleted", deleted.getStatus());
            assertTrue(!deleted.getTmDelete().isEmpty());
            assertNotFound(() -> await(numbers.getNumber(ref(customer, created.getId()))));
            assertNotFound(() -> await(numbers.deleteNumber(ref(customer, created.getId()))));
            assertEquals(0, await(numbers.listNumbers(ListNumbersRequest.newBuilder()
                    .setCustomerId(customer.toString()).build())).getNumbersCount());
            assertNull(OnVertx.run(vertx, () -> service.findActiveByNumber(number)));

            // number_created, number_updated, number_deleted with the public Number JSON
            outbox.kick();
            Map<String, JsonNode> events = new HashMap<>();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
                GetResponse message;
                while ((message = channel.basicGet(queue, true)) != null) {
                    JsonNode envelope = mapper.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
                    if (created.getId().equals(envelope.path("data").path("id").asText())) {
                        events.put(envelope.path("type").asText(), envelope);
                        assertEquals(customer.toString(), message.getProps().getHeaders().get("customer_id").toString());
                    }
                }
                return events.size() == 3;
            });
            JsonNode data = events.get("number_created").path("data");
            assertEquals("call-manager", events.get("number_created").path("publisher").asText());
            assertEquals(number, data.path("number").asText());
            assertEquals("normal", data.path("type").asText());
            assertEquals(flow, data.path("call_flow_id").asText());
            assertEquals(net.voipbin.common.json.PublicJson.NIL_ID, data.path("message_flow_id").asText(),
                    "unset, rendered as the REST API renders it (the contract's all-zero UUID)");
            assertEquals(PublicJson.toJson(created), data, "number_created data is the REST Number");
            assertEquals("active", data.path("status").asText());
            assertEquals(created.getTmCreate(), data.path("tm_create").asText());
            assertFalse(data.has("tm_update"), "unset times are left out");
            assertFalse(data.has("tm_delete"));
            assertEquals("renamed", events.get("number_updated").path("data").path("name").asText());
            JsonNode gone = events.get("number_deleted").path("data");
            assertEquals("deleted", gone.path("status").asText());
            assertEquals(deleted.getTmDelete(), gone.path("tm_delete").asText());
        } finally {
            channel.close();
        }
    }

    @Test
    void everyValidationErrorNamesItsField() {
        String customer = Ids.newId().toString();
        CreateNumberRequest good = CreateNumberRequest.newBuilder().setCustomerId(customer).setNumber(randomNumber()).build();
        assertInvalid("customer_id", () -> await(numbers.createNumber(good.toBuilder().setCustomerId("").build())));
        assertInvalid("customer_id", () -> await(numbers.createNumber(good.toBuilder().setCustomerId("nope").build())));
        assertInvalid("number", () -> await(numbers.createNumber(good.toBuilder().setNumber("").build())));
        assertInvalid("number", () -> await(numbers.createNumber(good.toBuilder().setNumber("14155551234").build())));
        assertInvalid("number", () -> await(numbers.createNumber(good.toBuilder().setNumber("+1555123456789").build())));
        assertInvalid("number", () -> await(numbers.createNumber(good.toBuilder().setNumber("+1415abc1234").build())));
        assertInvalid("number", () -> await(numbers.createNumber(good.toBuilder().setType("virtual").setNumber("+14155551234").build())));
        assertInvalid("type", () -> await(numbers.createNumber(good.toBuilder().setType("premium").build())));
        assertInvalid("call_flow_id", () -> await(numbers.createNumber(good.toBuilder().setCallFlowId("flow-1").build())));
        assertInvalid("message_flow_id", () -> await(numbers.createNumber(good.toBuilder().setMessageFlowId("x").build())));
        assertInvalid("name", () -> await(numbers.createNumber(good.toBuilder().setName("n".repeat(256)).build())));
        assertInvalid("detail", () -> await(numbers.createNumber(good.toBuilder().setDetail("d".repeat(4097)).build())));
        StatusRuntimeException message = failure(() -> await(numbers.createNumber(good.toBuilder().setNumber("12").build())));
        assertEquals("number: must be E.164 like +14155551234, got '12'", message.getStatus().getDescription());

        Number number = await(numbers.createNumber(good));
        UpdateNumberRequest update = UpdateNumberRequest.newBuilder().setCustomerId(customer).setId(number.getId()).build();
        assertInvalid("id", () -> await(numbers.updateNumber(update.toBuilder().setId("n-1").build())));
        assertInvalid("status", () -> await(numbers.updateNumber(update.toBuilder().setStatus("deleted").build())));
        assertInvalid("call_flow_id", () -> await(numbers.updateNumber(update.toBuilder().setCallFlowId("x").build())));
        assertInvalid("message_flow_id", () -> await(numbers.updateNumber(update.toBuilder().setMessageFlowId("x").build())));
        assertInvalid("name", () -> await(numbers.updateNumber(update.toBuilder().setName("n".repeat(256)).build())));
        assertInvalid("detail", () -> await(numbers.updateNumber(update.toBuilder().setDetail("d".repeat(4097)).build())));
        assertInvalid("id", () -> await(numbers.getNumber(GetNumberRequest.newBuilder().setCustomerId(customer).build())));
        assertInvalid("id", () -> await(numbers.deleteNumber(GetNumberRequest.newBuilder().setCustomerId(customer).setId("1").build())));
        assertInvalid("page_size", () -> await(numbers.listNumbers(ListNumbersRequest.newBuilder().setCustomerId(customer)
                .setPage(PageRequest.newBuilder().setPageSize(101)).build())));
        assertInvalid("page_token", () -> await(numbers.listNumbers(ListNumbersRequest.newBuilder().setCustomerId(customer)
                .setPage(PageRequest.newBuilder().setPageToken("!!")).build())));
        assertInvalid("number", () -> await(numbers.listNumbers(ListNumbersRequest.newBuilder().setCustomerId(customer)
                .setNumber("abc").build())));
        // nothing half-done: the number is unchanged
        assertEquals(number, await(numbers.getNumber(ref(UUID.fromString(customer), number.getId()))));
    }

    @Test
    void virtualNumbersAreTypedAndKeptApartFromE164Checks() {
        UUID customer = Ids.newId();
        String virtual = Inventory.virtual();
        Number number = await(numbers.createNumber(CreateNumberRequest.newBuilder()
                .setCustomerId(customer.toString()).setNumber(virtual).setType("virtual").build()));
        assertEquals("virtual", number.getType());
        assertEquals(virtual, number.getNumber());
    }

    @Test
    void aLiveNumberHasOneOwnerAndADeletedOneCanBeBoughtAgain() {
        UUID first = Ids.newId();
        UUID second = Ids.newId();
        String number = randomNumber();
        Number owned = create(first, number);

        StatusRuntimeException again = failure(() -> create(first, number));
        assertEquals(Status.Code.ALREADY_EXISTS, again.getStatus().getCode());
        assertTrue(again.getStatus().getDescription().startsWith("number: " + number), again.getStatus().getDescription());
        StatusRuntimeException other = failure(() -> create(second, number));
        assertEquals(Status.Code.ALREADY_EXISTS, other.getStatus().getCode());
        assertEquals(first, OnVertx.run(vertx, () -> service.findActiveByNumber(number)).customerId);

        await(numbers.deleteNumber(ref(first, owned.getId())));
        Number bought = create(second, number);
        assertEquals(second.toString(), bought.getCustomerId());
        assertEquals(second, OnVertx.run(vertx, () -> service.findActiveByNumber(number)).customerId);
        assertEquals(bought.getId(), OnVertx.run(vertx, () -> service.findActiveByNumber(number)).id.toString());
        // the deleted row of the first owner stays deleted and invisible
        assertNotFound(() -> await(numbers.getNumber(ref(first, owned.getId()))));
        String nobodys = randomNumber();
        assertNull(OnVertx.run(vertx, () -> service.findActiveByNumber(nobodys)));
    }

    @Test
    void buyingANumberNotInTheInventoryIsRefused() {
        UUID customer = Ids.newId();
        String squatted = Inventory.unprovisioned();
        StatusRuntimeException refused = failure(() -> create(customer, squatted));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().startsWith("number: " + squatted + " is not an available number"),
                refused.getStatus().getDescription());
        assertNull(OnVertx.run(vertx, () -> service.findActiveByNumber(squatted)), "nothing half-written");
        // a +899 number is virtual, never an inventory-free normal one
        assertInvalid("type", () -> create(customer, Inventory.virtual()));
        assertInvalid("number", () -> await(numbers.createNumber(CreateNumberRequest.newBuilder()
                .setCustomerId(customer.toString()).setNumber("+899000123456").setType("virtual").build())));
    }

    @Test
    void theInventoryListsWhatNobodyOwnsAndGetsANumberBackWhenItsOwnerDeletesIt() {
        UUID customer = Ids.newId();
        // New Zealand is this test's alone: empty its inventory first, so the list is exactly ours
        for (AvailableNumber left : available()) {
            await(inventory.removeAvailableNumber(RemoveAvailableNumberRequest.newBuilder().setNumber(left.getNumber()).build()));
        }
        String number = newZealandNumber();
        await(inventory.provisionAvailableNumber(ProvisionAvailableNumberRequest.newBuilder().setNumber(number)
                .setRegion("Auckland").setPostalCode("1010").addFeatures("voice").addFeatures("sms").build()));
        AvailableNumber listed = available().get(0);
        assertEquals(List.of(number), available().stream().map(AvailableNumber::getNumber).toList());
        assertEquals("NZ", listed.getCountry());
        assertEquals("Auckland", listed.getRegion());
        assertEquals("1010", listed.getPostalCode());
        assertEquals(List.of("voice", "sms"), listed.getFeaturesList());
        assertTrue(availableInNz().contains(number), "provisioned and unowned: listed");

        Number owned = create(customer, number);
        assertTrue(!availableInNz().contains(number), "owned: no longer listed");
        StatusRuntimeException stillOwned = failure(() -> await(inventory.removeAvailableNumber(
                RemoveAvailableNumberRequest.newBuilder().setNumber(number).build())));
        assertEquals(Status.Code.FAILED_PRECONDITION, stillOwned.getStatus().getCode());

        await(numbers.deleteNumber(ref(customer, owned.getId())));
        assertTrue(availableInNz().contains(number), "deleted: back in the inventory");
        // provisioning again is idempotent; removing takes it out for good
        AvailableNumber again = await(inventory.provisionAvailableNumber(ProvisionAvailableNumberRequest.newBuilder()
                .setNumber(number).build()));
        assertEquals("NZ", again.getCountry());
        assertEquals(List.of("voice", "sms"), again.getFeaturesList(), "kept as first provisioned");
        await(inventory.removeAvailableNumber(RemoveAvailableNumberRequest.newBuilder().setNumber(number).build()));
        assertTrue(!availableInNz().contains(number));
        assertInvalid("number", () -> create(customer, number));
        assertNotFound(() -> await(inventory.removeAvailableNumber(RemoveAvailableNumberRequest.newBuilder().setNumber(number).build())));

        assertInvalid("number", () -> await(inventory.provisionAvailableNumber(ProvisionAvailableNumberRequest.newBuilder()
                .setNumber("+899123456789").build())));
        assertInvalid("features", () -> await(inventory.provisionAvailableNumber(ProvisionAvailableNumberRequest.newBuilder()
                .setNumber(Inventory.unprovisioned()).addFeatures("teleport").build())));
        assertInvalid("country_code", () -> await(inventory.listAvailableNumbers(ListAvailableNumbersRequest.newBuilder()
                .setCountryCode("usa").build())));
        List<AvailableNumber> virtual = await(inventory.listAvailableNumbers(ListAvailableNumbersRequest.newBuilder()
                .setType("virtual").setPageSize(5).build())).getNumbersList();
        assertEquals(5, virtual.size());
        assertTrue(virtual.stream().allMatch(v -> v.getNumber().matches("\\+899[0-9]{9}") && !v.getNumber().startsWith("+899000")));
    }

    private List<AvailableNumber> available() {
        return await(inventory.listAvailableNumbers(ListAvailableNumbersRequest.newBuilder().setCountryCode("nz")
                .setPageSize(100).build())).getNumbersList();
    }

    private List<String> availableInNz() {
        return available().stream().map(AvailableNumber::getNumber).toList();
    }

    private static String newZealandNumber() {
        while (true) {
            String candidate = "+64930" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
            if (PhoneNumbers.isE164(candidate)) {
                return candidate;
            }
        }
    }

    @Test
    void metadataIsTheCustomersOwnAndShownOnTheNumber() {
        UUID owner = Ids.newId();
        Number created = create(owner, randomNumber());
        assertEquals("{\"rtp_debug\":false}", created.getMetadataJson());
        StatusRuntimeException foreign = failure(() -> await(numbers.updateNumberMetadata(
                net.voipbin.proto.call.v1.UpdateNumberMetadataRequest.newBuilder().setCustomerId(Ids.newId().toString())
                        .setId(created.getId()).setRtpDebug(true).build())));
        assertEquals(Status.Code.NOT_FOUND, foreign.getStatus().getCode());
        Number updated = await(numbers.updateNumberMetadata(net.voipbin.proto.call.v1.UpdateNumberMetadataRequest
                .newBuilder().setCustomerId(owner.toString()).setId(created.getId()).setRtpDebug(true).build()));
        assertEquals("{\"rtp_debug\":true}", updated.getMetadataJson());
        assertTrue(!updated.getTmUpdate().isEmpty());
        assertEquals(updated, await(numbers.getNumber(ref(owner, created.getId()))));
    }

    @Test
    void storingAnotherCustomersFlowOnANumberIsRefused() {
        UUID owner = Ids.newId();
        UUID intruder = Ids.newId();
        String foreignFlow = FakeFlowManager.flowOf(owner);
        String unknownFlow = Ids.newId().toString();
        String number = randomNumber();
        StatusRuntimeException foreign = failure(() -> await(numbers.createNumber(CreateNumberRequest.newBuilder()
                .setCustomerId(intruder.toString()).setNumber(number).setCallFlowId(foreignFlow).build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, foreign.getStatus().getCode());
        assertEquals("call_flow_id: flow " + foreignFlow + " is not a flow of this customer", foreign.getStatus().getDescription());
        assertInvalid("message_flow_id", () -> await(numbers.createNumber(CreateNumberRequest.newBuilder()
                .setCustomerId(intruder.toString()).setNumber(number).setMessageFlowId(unknownFlow).build())));
        assertNull(OnVertx.run(vertx, () -> service.findActiveByNumber(number)), "refused before anything was written");

        Number own = await(numbers.createNumber(CreateNumberRequest.newBuilder().setCustomerId(intruder.toString())
                .setNumber(number).setCallFlowId(FakeFlowManager.flowOf(intruder)).build()));
        assertInvalid("call_flow_id", () -> await(numbers.updateNumber(UpdateNumberRequest.newBuilder()
                .setCustomerId(intruder.toString()).setId(own.getId()).setCallFlowId(foreignFlow).build())));
        assertEquals(own, await(numbers.getNumber(ref(intruder, own.getId()))), "unchanged");
    }

    @Test
    void concurrentBuyersOfOneNumberGetOneOwner() {
        String number = randomNumber();
        List<Uni<String>> attempts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            attempts.add(numbers.createNumber(CreateNumberRequest.newBuilder()
                            .setCustomerId(Ids.newId().toString()).setNumber(number).build())
                    .map(n -> "OK")
                    .onFailure(StatusRuntimeException.class)
                    .recoverWithItem(e -> ((StatusRuntimeException) e).getStatus().getCode().name()));
        }
        List<String> outcomes = Uni.join().all(attempts).andCollectFailures().await().atMost(Duration.ofSeconds(20));
        assertEquals(1, outcomes.stream().filter("OK"::equals).count(), outcomes.toString());
        assertEquals(9, outcomes.stream().filter("ALREADY_EXISTS"::equals).count(), outcomes.toString());
    }

    @Test
    void pagesOf250NumbersNewestFirstWithoutGapsOrRepeats() {
        UUID customer = Ids.newId();
        List<String> createdIds = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            createdIds.add(create(customer, randomNumber()).getId());
        }
        List<List<String>> pages = walkPages(
                token -> await(numbers.listNumbers(ListNumbersRequest.newBuilder().setCustomerId(customer.toString())
                        .setPage(PageRequest.newBuilder().setPageSize(100).setPageToken(token)).build())),
                page -> page.getNumbersList().stream().map(Number::getId).toList(),
                page -> page.getPage().getNextPageToken());
        assertEquals(List.of(100, 100, 50), pages.stream().map(List::size).toList());
        List<String> walked = pages.stream().flatMap(List::stream).toList();
        List<String> newestFirst = new ArrayList<>(createdIds);
        newestFirst.sort(Comparator.comparing(UUID::fromString, Comparator.reverseOrder()));
        assertEquals(newestFirst, walked);
        assertEquals(createdIds.get(249), walked.get(0));
        // the default page size is 100 as well
        ListNumbersResponse first = await(numbers.listNumbers(ListNumbersRequest.newBuilder().setCustomerId(customer.toString()).build()));
        assertEquals(100, first.getNumbersCount());
        assertTrue(!first.getPage().getNextPageToken().isEmpty());
    }

    @Test
    void anotherCustomersNumberIsNotFoundAndNeverListed() {
        UUID owner = Ids.newId();
        UUID intruder = Ids.newId();
        Number number = create(owner, randomNumber());
        create(intruder, randomNumber());
        assertNotFound(() -> await(numbers.getNumber(ref(intruder, number.getId()))));
        assertNotFound(() -> await(numbers.updateNumber(UpdateNumberRequest.newBuilder()
                .setCustomerId(intruder.toString()).setId(number.getId()).setName("mine").build())));
        assertNotFound(() -> await(numbers.deleteNumber(ref(intruder, number.getId()))));
        ListNumbersResponse theirs = await(numbers.listNumbers(ListNumbersRequest.newBuilder().setCustomerId(intruder.toString()).build()));
        assertEquals(1, theirs.getNumbersCount());
        assertTrue(theirs.getNumbersList().stream().noneMatch(n -> n.getId().equals(number.getId())));
        assertEquals(0, await(numbers.listNumbers(ListNumbersRequest.newBuilder().setCustomerId(intruder.toString())
                .setNumber(number.getNumber()).build())).getNumbersCount());
        // untouched for its owner
        Number mine = await(numbers.getNumber(ref(owner, number.getId())));
        assertEquals(number, mine);
        assertNotNull(OnVertx.run(vertx, () -> service.findActiveByNumber(number.getNumber())));
    }
}
