package net.voipbin.e2e;

import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.billing.v1.Account;
import net.voipbin.proto.billing.v1.AddBalanceRequest;
import net.voipbin.proto.billing.v1.CreateAccountRequest;
import net.voipbin.proto.billing.v1.GetAccountRequest;
import net.voipbin.proto.billing.v1.MutinyBillingServiceGrpc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The suite's demo against running services (scripts/run-suite.sh starts them): what a manager
 * does on the bus, step by step. Today: a billing account created, credited and read back through
 * RPC over RabbitMQ into billing-manager's MariaDB schema. The demo call joins it once call-manager,
 * flow-manager and the simulator serve calls.
 */
public final class Demo {

    private Demo() {
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
        } finally {
            connection.close();
        }
    }
}
