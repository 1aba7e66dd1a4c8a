package net.voipbin.e2e;

import com.rabbitmq.client.Channel;
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
        declareEventExchanges();
    }

    /**
     * What deploy/provision does for a deployment: every event exchange exists before any manager starts, so a
     * subscriber (which may not declare another's exchange, {@link LeastPrivilege}) can start before its publisher.
     */
    private void declareEventExchanges() {
        BrokerNames names = new BrokerNames(namespace, "e2e-client");
        try (Channel ch = connection.connection().createChannel()) {
            for (String manager : LeastPrivilege.MANAGERS.keySet()) {
                ch.exchangeDeclare(names.eventExchange(manager), "fanout", true, false, null);
            }
            ch.exchangeDeclare(names.ariEventExchange(), "direct", true, false, null);
        } catch (Exception e) {
            throw new IllegalStateException("declaring the event exchanges of " + namespace, e);
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
