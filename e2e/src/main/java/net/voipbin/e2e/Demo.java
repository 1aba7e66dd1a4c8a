package net.voipbin.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.call.v1.Call;
import net.voipbin.proto.call.v1.CreateCallsRequest;
import net.voipbin.proto.call.v1.CreateNumberRequest;
import net.voipbin.proto.call.v1.GetCallRequest;
import net.voipbin.proto.call.v1.MutinyCallServiceGrpc;
import net.voipbin.proto.call.v1.MutinyNumberServiceGrpc;
import net.voipbin.proto.common.v1.Address;
import net.voipbin.proto.billing.v1.Account;
import net.voipbin.proto.billing.v1.AddBalanceRequest;
import net.voipbin.proto.billing.v1.CreateAccountRequest;
import net.voipbin.proto.billing.v1.GetAccountRequest;
import net.voipbin.proto.billing.v1.MutinyBillingServiceGrpc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The suite's demo against running services (scripts/run-suite.sh starts them): what a manager
 * does on the bus, step by step: a billing account created, credited and read back through RPC over
 * RabbitMQ into billing-manager's MariaDB schema; then a call placed by call-manager through
 * asterisk-proxy on asterisk-sim, running an inline flow with flow-manager until it hangs up.
 */
public final class Demo {

    private Demo() {
    }

    /**
     * A call the way a customer places one: call-manager validates it (the customer owns the source
     * number, has money), originates it through asterisk-proxy on asterisk-sim, and runs its inline
     * flow with flow-manager once answered: the simulator speaks the TTS text, then the flow hangs up.
     */
    private static void demoCall(RpcClient rpc, String customer) throws Exception {
        String sim = System.getenv().getOrDefault("VOIPBIN_SIM_URL", "http://127.0.0.1:8090");
        HttpClient http = HttpClient.newHttpClient();
        String destination = "+15551230001";
        http.send(HttpRequest.newBuilder(URI.create(sim + "/sim/endpoints/%2B15551230001"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"result\":\"answer\",\"answer_after_ms\":300}")).build(),
                HttpResponse.BodyHandlers.discarding());
        var numbers = MutinyNumberServiceGrpc.newMutinyStub(rpc.channel("call-manager")).withDeadlineAfter(10, TimeUnit.SECONDS);
        String source = "+1555" + (1_000_000 + (int) (Math.random() * 8_999_999));
        numbers.createNumber(CreateNumberRequest.newBuilder().setCustomerId(customer).setNumber(source).setName("demo").build())
                .await().atMost(Duration.ofSeconds(15));
        var calls = MutinyCallServiceGrpc.newMutinyStub(rpc.channel("call-manager")).withDeadlineAfter(15, TimeUnit.SECONDS);
        Call call = calls.createCalls(CreateCallsRequest.newBuilder().setCustomerId(customer)
                        .setSource(Address.newBuilder().setType("tel").setTarget(source))
                        .addDestinations(Address.newBuilder().setType("tel").setTarget(destination))
                        .setActionsJson("[{\"type\":\"talk\",\"option\":{\"text\":\"Hello from VoIPBIN\"}},{\"type\":\"hangup\"}]")
                        .build())
                .await().atMost(Duration.ofSeconds(20)).getCalls(0);
        System.out.printf("demo call: %s from %s to %s is %s%n", call.getId(), source, destination, call.getStatus());
        String last = call.getStatus();
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"hangup".equals(last) && System.nanoTime() < until) {
            Thread.sleep(100);
            Call now = MutinyCallServiceGrpc.newMutinyStub(rpc.channel("call-manager")).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getCall(GetCallRequest.newBuilder().setCustomerId(customer).setId(call.getId()).build())
                    .await().atMost(Duration.ofSeconds(10));
            if (!now.getStatus().equals(last)) {
                last = now.getStatus();
                System.out.printf("demo call: now %s%s%n", last, "hangup".equals(last)
                        ? " (hangup_by " + now.getHangupBy() + ", hangup_reason " + now.getHangupReason() + ")" : "");
            }
        }
        String state = http.send(HttpRequest.newBuilder(URI.create(sim + "/sim/channels/" + call.getId())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        System.out.printf("demo call: the simulator heard %s%n", new ObjectMapper().readTree(state).path("spoken"));
        if (!"hangup".equals(last)) {
            throw new IllegalStateException("demo call did not end: " + last);
        }
    }

    public static void main(String[] args) throws Exception {
        String namespace = System.getenv().getOrDefault("VOIPBIN_NAMESPACE", "");
        AmqpConnection connection = new AmqpConnection(BrokerSettings.fromEnvironment(), "demo");
        RpcClient rpc = new RpcClient(connection, new BrokerNames(namespace, "demo"), Duration.ofSeconds(5), null);
        connection.start();
        rpc.start();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!connection.isReady()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("broker not reachable");
            }
            Thread.sleep(50);
        }
        try {
            var billing = MutinyBillingServiceGrpc.newMutinyStub(rpc.channel("billing-manager"))
                    .withDeadlineAfter(5, TimeUnit.SECONDS);
            String customer = Ids.newId().toString();
            long start = System.nanoTime();
            Account created = billing.createAccount(CreateAccountRequest.newBuilder()
                    .setCustomerId(customer).setName("demo").setDetail("created by the demo").build())
                    .await().atMost(Duration.ofSeconds(10));
            System.out.printf("demo: created billing account %s for customer %s (%.1f ms)%n",
                    created.getId(), customer, (System.nanoTime() - start) / 1e6);
            billing.addBalance(AddBalanceRequest.newBuilder().setCustomerId(customer).setId(created.getId())
                    .setAmountMicros(10_000_000).build()).await().atMost(Duration.ofSeconds(10));
            Account read = billing.getAccount(GetAccountRequest.newBuilder().setCustomerId(customer)
                    .setId(created.getId()).build()).await().atMost(Duration.ofSeconds(10));
            System.out.printf("demo: credited 10.000000, balance now %d micros, created %s%n",
                    read.getBalanceCredit(), read.getTmCreate());
            demoCall(rpc, customer);
        } finally {
            connection.close();
        }
    }
}
