package net.voipbin.common.testing;

import io.grpc.Channel;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.rpc.RpcClient;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;

/**
 * The preamble every manager's RPC test shares: the application's own {@link RpcClient}, a broker
 * that is up before each test, a channel to a manager's request queue and a bounded wait. Extend it
 * from a {@code @QuarkusTest} class; Quarkus injects the fields of the superclass.
 */
public abstract class RpcServiceTestBase {

    /** Long enough for a first request on a cold JVM, short enough that a lost reply fails the test. */
    protected static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    protected RpcClient rpc;
    @Inject
    protected AmqpConnection amqp;

    @BeforeEach
    void awaitBrokerBeforeEachTest() {
        ServiceChecks.awaitBroker(amqp);
    }

    /** A channel to {@code service}'s request queue ({@code bin-manager.<service>.request}). */
    protected Channel channel(String service) {
        return rpc.channel(service);
    }

    protected static <T> T await(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }
}
