package net.voipbin.e2e;

import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.rpc.RpcClient;

import java.time.Duration;
import java.util.UUID;

/** The test's own place on the bus: a broker connection and an RPC client under a private namespace. */
final class TestBus implements AutoCloseable {

    final String namespace = "e2e-" + UUID.randomUUID();
    final AmqpConnection connection;
    final RpcClient rpc;

    TestBus() {
        connection = new AmqpConnection(BrokerSettings.fromEnvironment(), "e2e-client " + namespace);
        rpc = new RpcClient(connection, new BrokerNames(namespace, "e2e-client"), Duration.ofSeconds(5), null);
        connection.start();
        rpc.start();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!connection.isReady() && System.nanoTime() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
