package net.voipbin.webhook.timer;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.db.DurableTimer;
import net.voipbin.common.db.TimerHandler;
import net.voipbin.webhook.service.DeliveryLedger;
import net.voipbin.webhook.service.DeliveryService;

/**
 * Makes a delivery's due attempt: the first one of an async request, a sync request's first one if its replica died
 * before recording it, and every retry. The attempt runs inside the timer's claim (SELECT ... FOR UPDATE SKIP LOCKED),
 * so two replicas never make the same attempt; the claim is held for at most one attempt's timeouts.
 */
@ApplicationScoped
public class DeliveryRetryTimer implements TimerHandler {

    private final DeliveryService deliveries;

    public DeliveryRetryTimer(DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public String kind() {
        return DeliveryLedger.TIMER_KIND;
    }

    @Override
    public Uni<Void> fire(DurableTimer timer) {
        return deliveries.retry(timer);
    }
}
