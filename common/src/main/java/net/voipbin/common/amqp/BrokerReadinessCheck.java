package net.voipbin.common.amqp;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the broker connection is open and every queue and consumer is declared on it. */
@Readiness
@ApplicationScoped
public class BrokerReadinessCheck implements HealthCheck {

    private final AmqpConnection amqp;

    public BrokerReadinessCheck(AmqpConnection amqp) {
        this.amqp = amqp;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("broker")
                .status(amqp.isReady())
                .withData("topology", amqp.isInitFailed() ? "declaration failed" : "ok")
                .build();
    }
}
