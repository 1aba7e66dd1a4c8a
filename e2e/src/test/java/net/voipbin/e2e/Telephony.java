package net.voipbin.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DeliverCallback;
import net.voipbin.proto.billing.v1.AddBalanceRequest;
import net.voipbin.proto.billing.v1.CreateAccountRequest;
import net.voipbin.proto.billing.v1.MutinyBillingServiceGrpc;
import net.voipbin.proto.call.v1.MutinyCallServiceGrpc;
import net.voipbin.proto.call.v1.MutinyNumberServiceGrpc;
import net.voipbin.proto.call.v1.MutinyOutboundConfigServiceGrpc;
import net.voipbin.proto.flow.v1.MutinyFlowServiceGrpc;
import net.voipbin.proto.storage.v1.MutinyStorageServiceGrpc;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

/**
 * The voice core as processes on a private namespace: asterisk-sim, asterisk-proxy, call-manager,
 * flow-manager, billing-manager and storage-manager, with RPC stubs, the simulator's control API and
 * every event the managers publish collected for assertions.
 */
final class Telephony implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ASTERISK_ID = "sim-call";
    static final List<String> MODULES = List.of("asterisk-sim", "asterisk-proxy", "call-manager", "flow-manager",
            "billing-manager", "storage-manager");

    final TestBus bus = new TestBus();
    final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    final Map<String, Integer> ports = new LinkedHashMap<>();
    final Map<String, Map<String, String>> envs = new LinkedHashMap<>();
    final ConcurrentLinkedQueue<JsonNode> events = new ConcurrentLinkedQueue<>();
    final MutinyCallServiceGrpc.MutinyCallServiceStub calls;
    final MutinyNumberServiceGrpc.MutinyNumberServiceStub numbers;
    final net.voipbin.proto.call.v1.MutinyAvailableNumberServiceGrpc.MutinyAvailableNumberServiceStub availableNumbers;
    final MutinyOutboundConfigServiceGrpc.MutinyOutboundConfigServiceStub outbound;
    final MutinyFlowServiceGrpc.MutinyFlowServiceStub flows;
    final MutinyBillingServiceGrpc.MutinyBillingServiceStub billing;
    final MutinyStorageServiceGrpc.MutinyStorageServiceStub storage;
    private Channel eventChannel;

    static boolean packaged() {
        return MODULES.stream().allMatch(m -> Files.exists(ServiceProcess.jar(m)));
    }

    /**
     * A free port below Linux' ephemeral range (32768+): a port the kernel hands out for port 0 can be
     * taken again by any outgoing connection (to RabbitMQ, MariaDB) before the service binds it, and a
     * service then failed to start with "port in use".
     */
    static int freePort() throws Exception {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = random.nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(candidate)) {
                return socket.getLocalPort();
            } catch (java.io.IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port in 20000-32000");
    }

    Telephony(Map<String, String> callManagerExtraEnv) throws Exception {
        this(callManagerExtraEnv, Map.of());
    }

    /** {@code billingManagerExtraEnv} on top of the one free token a month (e.g. a short billed minute). */
    Telephony(Map<String, String> callManagerExtraEnv, Map<String, String> billingManagerExtraEnv) throws Exception {
        calls = MutinyCallServiceGrpc.newMutinyStub(bus.rpc.channel("call-manager"));
        numbers = MutinyNumberServiceGrpc.newMutinyStub(bus.rpc.channel("call-manager"));
        availableNumbers = net.voipbin.proto.call.v1.MutinyAvailableNumberServiceGrpc.newMutinyStub(bus.rpc.channel("call-manager"));
        outbound = MutinyOutboundConfigServiceGrpc.newMutinyStub(bus.rpc.channel("call-manager"));
        flows = MutinyFlowServiceGrpc.newMutinyStub(bus.rpc.channel("flow-manager"));
        billing = MutinyBillingServiceGrpc.newMutinyStub(bus.rpc.channel("billing-manager"));
        storage = MutinyStorageServiceGrpc.newMutinyStub(bus.rpc.channel("storage-manager"));
        try {
            startAll(callManagerExtraEnv, billingManagerExtraEnv);
        } catch (Exception | Error e) {
            // No caller gets this instance to close: processes left running would answer the next run's requests.
            try {
                close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private void startAll(Map<String, String> callManagerExtraEnv, Map<String, String> billingManagerExtraEnv) throws Exception {
        collectEvents();
        Map<String, String> env = new LinkedHashMap<>(common("call"));
        env.putAll(callManagerExtraEnv);
        int simPort = freePort();
        ports.put("asterisk-sim", simPort);
        start("asterisk-sim", Map.of("ASTERISK_SIM_ID", ASTERISK_ID));
        Map<String, String> proxyEnv = new LinkedHashMap<>(common("proxy"));
        proxyEnv.put("VOIPBIN_ASTERISK_ID", ASTERISK_ID);
        proxyEnv.put("VOIPBIN_ARI_URL", "http://127.0.0.1:" + simPort);
        start("asterisk-proxy", proxyEnv);
        start("call-manager", env);
        start("flow-manager", common("flow"));
        // One free token a month: a new customer's first call spends it, the next finds a zero balance.
        Map<String, String> billingEnv = new LinkedHashMap<>(common("billing"));
        billingEnv.put("VOIPBIN_BILLING_PLANS_FREE_MONTHLY_TOKENS", "1");
        billingEnv.putAll(billingManagerExtraEnv);
        start("billing-manager", billingEnv);
        start("storage-manager", common("storage"));
        for (ServiceProcess p : processes.values()) {
            p.awaitReady(Duration.ofSeconds(120));
        }
    }

    /** Bus namespace and an e2e schema, emptied at start so an earlier run's migrations never get in the way. */
    private Map<String, String> common(String schema) {
        return Map.of("VOIPBIN_NAMESPACE", bus.namespace, "VOIPBIN_AMQP_QUEUE_EXPIRES", "5m",
                "VOIPBIN_DB_SCHEMA", "voipbin_" + schema + "_e2e",
                "QUARKUS_FLYWAY_CLEAN_AT_START", "true", "QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
    }

    private void start(String module, Map<String, String> env) throws Exception {
        int port = ports.containsKey(module) ? ports.get(module) : freePort();
        ports.put(module, port);
        envs.put(module, env);
        processes.put(module, ServiceProcess.start(module, module + "-" + bus.namespace.substring(4, 12), port, env));
    }

    /** Stops call-manager hard and starts it again (the same configuration). */
    void restartCallManager() throws Exception {
        restart("call-manager");
    }

    /** SIGKILLs {@code module} and starts it again on the same port and configuration, keeping its data. */
    void restart(String module) throws Exception {
        processes.get(module).kill();
        Map<String, String> env = new LinkedHashMap<>(envs.get(module));
        env.put("QUARKUS_FLYWAY_CLEAN_AT_START", "false");
        ServiceProcess again = ServiceProcess.start(module, module + "-again-" + UUID.randomUUID().toString().substring(0, 8)
                + "-" + bus.namespace.substring(4, 12), ports.get(module), env);
        processes.put(module, again);
        again.awaitReady(Duration.ofSeconds(120));
    }

    private void collectEvents() throws Exception {
        eventChannel = bus.connection.connection().createChannel();
        String queue = eventChannel.queueDeclare("", false, true, true, null).getQueue();
        for (String publisher : List.of("call-manager", "flow-manager")) {
            String exchange = bus.namespace + ".bin-manager." + publisher + ".event";
            eventChannel.exchangeDeclare(exchange, "fanout", true, false, null);
            eventChannel.queueBind(queue, exchange, "");
        }
        eventChannel.basicConsume(queue, true, (DeliverCallback) (tag, d) -> events.add(JSON.readTree(d.getBody())), tag -> { });
    }

    ServiceProcess sim() {
        return processes.get("asterisk-sim");
    }

    JsonNode simJson(String path) throws Exception {
        return JSON.readTree(sim().body(path));
    }

    void endpoint(String number, String behaviourJson) throws Exception {
        sim().send("PUT", "/sim/endpoints/" + number.replace("+", "%2B"), behaviourJson);
    }

    /** A customer with a funded billing account. */
    String fundedCustomer() {
        String customer = UUID.randomUUID().toString();
        var account = billing.createAccount(CreateAccountRequest.newBuilder().setCustomerId(customer).build())
                .await().atMost(Duration.ofSeconds(20));
        billing.addBalance(AddBalanceRequest.newBuilder().setCustomerId(customer).setId(account.getId())
                .setAmountMicros(100_000_000).build()).await().atMost(Duration.ofSeconds(20));
        return customer;
    }

    /** Events of one resource id, in arrival order, as type names. */
    List<String> eventTypes(String id) {
        List<String> types = new ArrayList<>();
        for (JsonNode e : events) {
            if (id.equals(e.path("data").path("id").asText())) {
                types.add(e.path("type").asText());
            }
        }
        return types;
    }

    List<JsonNode> eventsOf(String id, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : events) {
            if (id.equals(e.path("data").path("id").asText()) && type.equals(e.path("type").asText())) {
                out.add(e);
            }
        }
        return out;
    }

    static void waitFor(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess p : processes.values()) {
            p.close();
        }
        if (eventChannel != null && eventChannel.isOpen()) {
            eventChannel.close();
        }
        bus.close();
    }

    /** Puts {@code number} into the operator's inventory (what the superadmin API does), so a customer may buy it. */
    void provision(String number) {
        availableNumbers.provisionAvailableNumber(net.voipbin.proto.call.v1.ProvisionAvailableNumberRequest.newBuilder()
                .setNumber(number).build()).await().atMost(java.time.Duration.ofSeconds(10));
    }
}
