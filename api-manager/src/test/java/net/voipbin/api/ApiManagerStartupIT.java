package net.voipbin.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.api.model.Customer;
import net.voipbin.api.repository.CustomerRepository;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.common.rpc.RpcServer;
import net.voipbin.common.testing.OnVertx;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.billing.v1.GetAccountRequest;
import net.voipbin.proto.billing.v1.MutinyBillingServiceGrpc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static net.voipbin.common.testing.ServiceChecks.awaitBroker;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** api-manager starts, migrates its schema, joins the bus as a client only and reports ready. */
@QuarkusTest
class ApiManagerStartupIT {

    @Inject
    RpcClient rpc;
    @Inject
    RpcServer server;
    @Inject
    AmqpConnection amqp;
    @Inject
    CustomerRepository customers;
    @Inject
    Vertx vertx;

    @BeforeEach
    void connect() {
        awaitBroker(amqp);
    }

    @Test
    void migratesTheCustomerTable() {
        Object tables = OnVertx.run(vertx, () -> Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'customer'")
                .getSingleResult())));
        assertEquals(1L, ((Number) tables).longValue());
        @SuppressWarnings("unchecked")
        List<Object> versions = (List<Object>) (List<?>) OnVertx.run(vertx, () -> Panache.withSession(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery("SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL")
                        .getResultList())));
        assertEquals(List.of("1", "2", "3", "4"), versions.stream().map(String::valueOf).toList());
    }

    @Test
    void customerWritesAndReadsBack() {
        Customer customer = new Customer();
        customer.id = Ids.newId();
        customer.name = "Acme";
        customer.detail = "first customer";
        customer.webhookMethod = "POST";
        customer.webhookUri = "https://acme.example.com/hooks";
        customer.tmCreate = TimeFormat.now();
        OnVertx.run(vertx, () -> Panache.withTransaction(() -> customers.persist(customer)));

        Customer read = OnVertx.run(vertx, () -> Panache.withSession(() -> customers.findActive(customer.id)));
        assertEquals(customer.id, read.id);
        assertEquals("Acme", read.name);
        assertEquals("https://acme.example.com/hooks", read.webhookUri);
        assertEquals(customer.tmCreate, read.tmCreate);
        assertNull(read.tmDelete);
        assertNull(OnVertx.run(vertx, () -> Panache.withSession(() -> customers.findActive(UUID.randomUUID()))));
    }

    @Test
    void servesNoRpcOnTheBus() {
        assertNull(server.dispatcher(), "voipbin.rpc.server.enabled=false");
        // Nobody consumes bin-manager.api-manager.request: the queue does not exist.
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                MutinyBillingServiceGrpc.newMutinyStub(rpc.channel("api-manager")).getAccount(GetAccountRequest.newBuilder()
                        .setCustomerId(Ids.newId().toString()).setId(Ids.newId().toString()).build())
                        .await().atMost(Duration.ofSeconds(5)));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
    }

    @Test
    void startsAndReportsReady() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("broker"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("# TYPE"))
                .body(containsString("jvm_"));
    }
}
