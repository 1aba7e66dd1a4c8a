package net.voipbin.flow.rpc;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.StatusRuntimeException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.common.testing.OnVertx;
import net.voipbin.flow.repository.FlowRepository;
import net.voipbin.proto.common.v1.PageRequest;
import net.voipbin.proto.flow.v1.CreateFlowRequest;
import net.voipbin.proto.flow.v1.Flow;
import net.voipbin.proto.flow.v1.FlowAction;
import net.voipbin.proto.flow.v1.FlowActionJson;
import net.voipbin.proto.flow.v1.GetFlowRequest;
import net.voipbin.proto.flow.v1.ListFlowsRequest;
import net.voipbin.proto.flow.v1.ListFlowsResponse;
import net.voipbin.proto.flow.v1.MutinyFlowServiceGrpc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static net.voipbin.common.testing.ServiceChecks.assertInvalid;
import static net.voipbin.common.testing.ServiceChecks.assertNotFound;
import static net.voipbin.common.testing.ServiceChecks.assertOperable;
import static net.voipbin.common.testing.ServiceChecks.awaitBroker;
import static net.voipbin.common.testing.ServiceChecks.walkPages;
import static net.voipbin.proto.flow.v1.FlowActionJson.actionsFromJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** flow-manager's RPCs through the real broker into MariaDB (Hibernate Reactive). */
@QuarkusTest
class FlowRpcIT {

    private static final String ACTIONS =
            "[{\"type\":\"answer\"},{\"type\":\"talk\",\"option\":{\"text\":\"hello\",\"language\":\"en-US\"}}]";

    @Inject
    RpcClient rpc;
    @Inject
    AmqpConnection amqp;
    @Inject
    FlowRepository repository;
    @Inject
    Vertx vertx;

    MutinyFlowServiceGrpc.MutinyFlowServiceStub flows;

    @BeforeEach
    void connect() {
        awaitBroker(amqp);
        flows = MutinyFlowServiceGrpc.newMutinyStub(rpc.channel("flow-manager"));
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(5));
    }

    private Flow create(String customer, String name) {
        return await(flows.createFlow(CreateFlowRequest.newBuilder()
                .setCustomerId(customer).setName(name).addAllActions(actionsFromJson(ACTIONS)).setPersist(true).build()));
    }

    @Test
    void createThenReadBackThroughTheBroker() {
        String customer = Ids.newId().toString();
        Flow created = await(flows.createFlow(CreateFlowRequest.newBuilder()
                .setCustomerId(customer).setName("ivr").setDetail("main menu")
                .addAllActions(actionsFromJson(" [ {\"type\": \"answer\"}, {\"type\":\"talk\",\"option\":{\"text\":\"hello\",\"language\":\"en-US\"}} ] "))
                .setPersist(true).build()));
        assertEquals("flow", created.getType());
        assertEquals(ACTIONS, withoutIds(FlowActionJson.toJson(created.getActionsList())));
        assertTrue(created.getTmCreate().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"), created.getTmCreate());
        assertEquals("", created.getTmUpdate());
        assertEquals("", created.getTmDelete());

        Flow read = await(flows.getFlow(GetFlowRequest.newBuilder().setCustomerId(customer).setId(created.getId()).build()));
        assertEquals(created, read);
        assertEquals(customer, read.getCustomerId());
        assertEquals("ivr", read.getName());
        assertEquals("main menu", read.getDetail());
        assertTrue(read.getPersist());

        Flow empty = await(flows.createFlow(CreateFlowRequest.newBuilder().setCustomerId(customer).build()));
        assertEquals(0, empty.getActionsCount());
        assertFalse(empty.getPersist());
    }

    static String withoutIds(String actionsJson) {
        try {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            var array = (com.fasterxml.jackson.databind.node.ArrayNode) mapper.readTree(actionsJson);
            array.forEach(a -> {
                assertTrue(a.path("id").asText().matches("[0-9a-f-]{36}"), a.toString());
                ((com.fasterxml.jackson.databind.node.ObjectNode) a).remove("id");
                if (a.path("option").isEmpty()) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) a).remove("option");
                }
            });
            return mapper.writeValueAsString(array);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void deleteIsSoftAndHidesTheFlow() {
        String customer = Ids.newId().toString();
        Flow flow = create(customer, "short-lived");
        GetFlowRequest byId = GetFlowRequest.newBuilder().setCustomerId(customer).setId(flow.getId()).build();

        Flow deleted = await(flows.deleteFlow(byId));
        assertFalse(deleted.getTmDelete().isEmpty());
        assertEquals(deleted.getTmDelete(), deleted.getTmUpdate());

        assertNotFound(() -> await(flows.getFlow(byId)));
        assertNotFound(() -> await(flows.deleteFlow(byId)));
        assertEquals(0, await(flows.listFlows(ListFlowsRequest.newBuilder().setCustomerId(customer).build())).getFlowsCount());

        var row = OnVertx.run(vertx, () -> Panache.withSession(() -> repository.findById(UUID.fromString(flow.getId()))));
        assertNotNull(row, "the row stays");
        assertNotNull(row.tmDelete);
        assertEquals(FlowActionJson.toJson(flow.getActionsList()), row.actionsJson);
    }

    @Test
    void concurrentDeletesSucceedOnce() {
        String customer = Ids.newId().toString();
        Flow flow = create(customer, "raced");
        GetFlowRequest byId = GetFlowRequest.newBuilder().setCustomerId(customer).setId(flow.getId()).build();
        List<Uni<String>> deletes = IntStream.range(0, 6).mapToObj(i -> flows.deleteFlow(byId)
                .map(f -> "OK")
                .onFailure(StatusRuntimeException.class)
                .recoverWithItem(e -> ((StatusRuntimeException) e).getStatus().getCode().name())).toList();
        List<String> outcomes = Uni.join().all(deletes).andFailFast().await().atMost(Duration.ofSeconds(10));
        assertEquals(1, outcomes.stream().filter("OK"::equals).count(), outcomes.toString());
        assertEquals(5, outcomes.stream().filter("NOT_FOUND"::equals).count(), outcomes.toString());
    }

    @Test
    void anotherCustomerCannotSeeOrDeleteTheFlow() {
        String owner = Ids.newId().toString();
        String intruder = Ids.newId().toString();
        Flow flow = create(owner, "mine");
        GetFlowRequest asIntruder = GetFlowRequest.newBuilder().setCustomerId(intruder).setId(flow.getId()).build();

        assertNotFound(() -> await(flows.getFlow(asIntruder)));
        assertNotFound(() -> await(flows.deleteFlow(asIntruder)));
        assertEquals(0, await(flows.listFlows(ListFlowsRequest.newBuilder().setCustomerId(intruder).build())).getFlowsCount());
        assertEquals("", await(flows.getFlow(GetFlowRequest.newBuilder()
                .setCustomerId(owner).setId(flow.getId()).build())).getTmDelete());
    }

    @Test
    void badInputIsInvalidArgumentNamingTheField() {
        String customer = Ids.newId().toString();
        assertInvalid("customer_id", () -> await(flows.createFlow(CreateFlowRequest.newBuilder().build())));
        assertInvalid("customer_id", () -> await(flows.createFlow(CreateFlowRequest.newBuilder().setCustomerId("nope").build())));
        assertInvalid("name", () -> await(flows.createFlow(CreateFlowRequest.newBuilder()
                .setCustomerId(customer).setName("x".repeat(256)).build())));
        // Actions that are not even JSON objects of strings no longer travel (FlowActionJsonTest); these do.
        String[][] cases = {{"[{\"type\":\"\"}]", "actions[0].type"}, {"[{\"option\":{}}]", "actions[0].type"},
                {"[{\"type\":\"answer\"},{\"type\":\" \"}]", "actions[1].type"}};
        for (String[] bad : cases) {
            assertInvalid(bad[1], () -> await(flows.createFlow(CreateFlowRequest.newBuilder()
                    .setCustomerId(customer).addAllActions(actionsFromJson(bad[0])).build())));
        }
        // A Struct holds what JSON cannot: the caller's mistake, not the server's.
        FlowAction nan = FlowAction.newBuilder().setType("sleep").setOption(Struct.newBuilder()
                .putFields("duration", Value.newBuilder().setNumberValue(Double.NaN).build())).build();
        assertInvalid("actions[0].option", () -> await(flows.createFlow(CreateFlowRequest.newBuilder()
                .setCustomerId(customer).addActions(nan).build())));
        assertInvalid("id", () -> await(flows.getFlow(GetFlowRequest.newBuilder().setCustomerId(customer).setId("not-a-uuid").build())));
        assertInvalid("id", () -> await(flows.deleteFlow(GetFlowRequest.newBuilder().setCustomerId(customer).build())));
        assertInvalid("page_size", () -> await(flows.listFlows(ListFlowsRequest.newBuilder().setCustomerId(customer)
                .setPage(PageRequest.newBuilder().setPageSize(101)).build())));
        assertInvalid("page_token", () -> await(flows.listFlows(ListFlowsRequest.newBuilder().setCustomerId(customer)
                .setPage(PageRequest.newBuilder().setPageToken("!!")).build())));
        assertEquals(0, await(flows.listFlows(ListFlowsRequest.newBuilder().setCustomerId(customer).build())).getFlowsCount());
    }

    @Test
    void listPagesNewestFirstWithoutGapsOrRepeats() {
        String customer = Ids.newId().toString();
        for (int i = 0; i < 5; i++) {
            create(customer, "f" + i);
        }
        List<List<String>> pages = walkPages(
                token -> await(flows.listFlows(ListFlowsRequest.newBuilder()
                        .setCustomerId(customer).setPage(PageRequest.newBuilder().setPageSize(2).setPageToken(token)).build())),
                page -> page.getFlowsList().stream().map(Flow::getId).toList(),
                page -> page.getPage().getNextPageToken());
        assertEquals(5, pages.stream().mapToInt(List::size).sum());
        assertEquals(3, pages.size());
        ListFlowsResponse first = await(flows.listFlows(ListFlowsRequest.newBuilder().setCustomerId(customer).build()));
        assertEquals("f4", first.getFlows(0).getName());
        assertEquals("f0", first.getFlows(4).getName());
    }

    @Test
    void startsMigratesAndReportsReady() {
        assertNotFound(() -> await(flows.getFlow(GetFlowRequest.newBuilder()
                .setCustomerId(Ids.newId().toString()).setId(Ids.newId().toString()).build())));
        assertOperable("voipbin.flow.v1.FlowService/GetFlow", "NOT_FOUND");
    }
}
