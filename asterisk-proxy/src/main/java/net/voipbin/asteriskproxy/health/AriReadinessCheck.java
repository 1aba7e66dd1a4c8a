package net.voipbin.asteriskproxy.health;

import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.asteriskproxy.events.AriEventStream;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the ARI event WebSocket is open (the broker side has its own check). */
@Readiness
@ApplicationScoped
public class AriReadinessCheck implements HealthCheck {

    private final AriEventStream stream;

    public AriReadinessCheck(AriEventStream stream) {
        this.stream = stream;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("ari").status(stream.isConnected()).build();
    }
}
