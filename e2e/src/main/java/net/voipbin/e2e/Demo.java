package net.voipbin.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.asterisk.v1.AriRequest;
import net.voipbin.proto.asterisk.v1.AriResponse;
import net.voipbin.proto.asterisk.v1.MutinyAriServiceGrpc;
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
 * RabbitMQ into billing-manager's MariaDB schema; then a call placed and hung up through asterisk-proxy
 * on asterisk-sim. Calls driven by call-manager and flows come with their issues.
 */
public final class Demo {

    private Demo() {
    }

    /**
     * A call through the telephony edge: placed as an ARI originate RPC on asterisk.call.request (any
     * asterisk-proxy), answered by asterisk-sim, then hung up on the proxy of the Asterisk that took it.
     */
    private static void demoCall(RpcClient rpc) throws Exception {
        String sim = System.getenv().getOrDefault("VOIPBIN_SIM_URL", "http://127.0.0.1:8090");
        var anyProxy = MutinyAriServiceGrpc.newMutinyStub(rpc.channelToQueue("asterisk.call.request"))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        AriResponse placed = anyProxy.request(AriRequest.newBuilder().setMethod("POST")
                .setUri("/ari/channels?endpoint=PJSIP/%2B15551230001@trunk&app=voipbin"
                        + "&appArgs=context_type%3Dcall,context%3Dcall-out,direction%3Doutgoing")
                .build()).await().atMost(Duration.ofSeconds(15));
        String channelId = new ObjectMapper().readTree(placed.getBody().toByteArray()).path("id").asText();
        System.out.printf("demo call: asterisk %s placed channel %s to +15551230001 (ARI %d)%n",
                placed.getAsteriskId(), channelId, placed.getStatusCode());
        Thread.sleep(300);
        HttpClient http = HttpClient.newHttpClient();
        String state = http.send(HttpRequest.newBuilder(URI.create(sim + "/sim/channels/" + channelId)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        System.out.printf("demo call: the simulator sees %s%n", state.length() > 200 ? state.substring(0, 200) + "..." : state);
        AriResponse hungUp = MutinyAriServiceGrpc.newMutinyStub(rpc.channelToQueue("asterisk." + placed.getAsteriskId() + ".request"))
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .request(AriRequest.newBuilder().setMethod("DELETE").setUri("/ari/channels/" + channelId).build())
                .await().atMost(Duration.ofSeconds(15));
        System.out.printf("demo call: hung up through asterisk.%s.request (ARI %d); its events are on asterisk.all.event%n",
                placed.getAsteriskId(), hungUp.getStatusCode());
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
                    read.getBalanceMicros(), read.getTmCreate());
            demoCall(rpc);
        } finally {
            connection.close();
        }
    }
}
