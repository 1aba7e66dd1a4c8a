package net.voipbin.bench;

import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.config.VoipbinConfig;
import net.voipbin.common.rpc.RpcClient;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * This program's place on the bus of services started as processes: one broker connection and one
 * RpcClient under the services' namespace (quorum queues, as the services use), for the benchmarks
 * and helpers that call real managers (FlowBenchmark, ApiBenchSetup).
 */
final class BenchBus implements AutoCloseable {

    final AmqpConnection connection;
    final RpcClient rpc;

    BenchBus(String namespace, String clientName, Duration deadline) throws InterruptedException {
        connection = new AmqpConnection(amqpConfig("quorum"), clientName + " " + namespace);
        rpc = new RpcClient(connection, new BrokerNames(namespace, clientName), deadline, null);
        connection.start();
        rpc.start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!connection.isReady()) {
            if (connection.isInitFailed() || System.nanoTime() > until) {
                throw new IllegalStateException("broker at 127.0.0.1:5672 not ready (is RabbitMQ running?)");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        connection.close();
    }

    static VoipbinConfig.Amqp amqpConfig(String queueType) {
        return new VoipbinConfig.Amqp() {
            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return 5672;
            }

            @Override
            public String username() {
                return "guest";
            }

            @Override
            public String password() {
                return "guest";
            }

            @Override
            public String virtualHost() {
                return "/";
            }

            @Override
            public String queueType() {
                return queueType;
            }

            @Override
            public Optional<Duration> queueExpires() {
                return Optional.empty();
            }

            @Override
            public Duration recoveryInterval() {
                return Duration.ofSeconds(1);
            }

            @Override
            public int heartbeatSeconds() {
                return 10;
            }
        };
    }
}
