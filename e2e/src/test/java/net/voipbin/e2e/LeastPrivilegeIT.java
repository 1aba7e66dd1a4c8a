package net.voipbin.e2e;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A compromised manager tries what its broker and database users must not allow (deploy/provision): webhook-manager
 * consuming call-manager's RPC requests, publishing call-manager's events, deleting its exchange; call-manager
 * reading api-manager's schema or making a schema of its own choosing. Each attempt is refused by RabbitMQ or
 * MariaDB; the same user doing its own work succeeds, so the refusals are the permissions and not a broken login.
 * (That the permissions are enough for the managers' own work, every other e2e test shows: they run as these users.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeastPrivilegeIT {

    private final TestBus bus = new TestBus();
    private LeastPrivilege users;

    @BeforeAll
    void provision() throws Exception {
        users = LeastPrivilege.get();
        if (users.unavailable != null && System.getenv("CI") != null) {
            fail("CI must run the managers as their own users: " + users.unavailable);
        }
        Assumptions.assumeTrue(users.unavailable == null, () -> "no provisioning here: " + users.unavailable);
        // call-manager's names exist (TestBus declared the event exchanges), so a refusal below is a permission, not a 404.
        Channel admin = bus.connection.connection().createChannel();
        admin.queueDeclare(name("call-manager.request"), false, false, true, null);
        admin.queueDeclare(name("webhook-manager.subscribe"), false, false, true, null);
        admin.close();
    }

    @AfterAll
    void close() throws Exception {
        bus.close();
    }

    private String name(String rest) {
        return bus.namespace + ".bin-manager." + rest;
    }

    private Connection as(String manager) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setUsername(LeastPrivilege.USER_PREFIX + manager);
        factory.setPassword(users.amqpPasswords.get(manager));
        return factory.newConnection("least-privilege-" + manager);
    }

    private static void assertAccessRefused(IOException e) {
        String reason = String.valueOf(e.getCause());
        assertTrue(reason.contains("ACCESS_REFUSED"), reason);
    }

    @Test
    void aManagerCannotTakeAnotherManagersRequestsNorSpeakForIt() throws Exception {
        try (Connection webhook = as("webhook-manager")) {
            Channel own = webhook.createChannel();
            own.basicCancel(own.basicConsume(name("webhook-manager.subscribe"), true, new DefaultConsumer(own)));

            Channel consume = webhook.createChannel();
            assertAccessRefused(assertThrows(IOException.class, () -> consume.basicConsume(
                    name("call-manager.request"), true, new DefaultConsumer(consume)), "consume call-manager's RPC requests"));

            Channel publish = webhook.createChannel();
            publish.confirmSelect();
            publish.basicPublish(name("call-manager.event"), "", null,
                    "{\"type\":\"call_hungup\"}".getBytes(StandardCharsets.UTF_8));
            Exception refused = assertThrows(Exception.class, () -> publish.waitForConfirmsOrDie(5_000),
                    "publish as call-manager");
            assertTrue(String.valueOf(publish.getCloseReason()).contains("ACCESS_REFUSED"), String.valueOf(refused));

            Channel delete = webhook.createChannel();
            assertAccessRefused(assertThrows(IOException.class, () -> delete.exchangeDelete(name("call-manager.event")),
                    "delete call-manager's event exchange"));

            Channel squat = webhook.createChannel();
            assertAccessRefused(assertThrows(IOException.class, () -> squat.queueDeclare(
                    name("billing-manager.subscribe.evil"), false, false, true, null), "declare in billing-manager's names"));
        }
    }

    @Test
    void aManagersDatabaseUserReachesItsOwnSchemaOnly() throws Exception {
        assertEquals(0, sql("call-manager", "CREATE DATABASE IF NOT EXISTS voipbin_call_e2e; SELECT 1").exit, "its own schema");
        Result other = sql("call-manager", "SELECT COUNT(*) FROM voipbin_api_e2e.customers");
        assertTrue(other.exit != 0 && other.errors.contains("denied"), other.errors);
        Result create = sql("call-manager", "CREATE DATABASE voipbin_evil_e2e");
        assertTrue(create.exit != 0 && create.errors.contains("denied"), create.errors);
        Result grant = sql("call-manager", "GRANT SELECT ON voipbin_call_e2e.* TO 'e2e-webhook-manager'@'%'");
        assertTrue(grant.exit != 0 && grant.errors.contains("denied"), grant.errors);
    }

    private record Result(int exit, String errors) {
    }

    private Result sql(String manager, String statements) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of("mysql", "-h127.0.0.1", "-u" + LeastPrivilege.USER_PREFIX + manager,
                "-e", statements)).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("MYSQL_PWD", users.dbPasswords.get(manager));
        Process process = builder.start();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "mysql finished");
        return new Result(process.exitValue(), errors);
    }
}
