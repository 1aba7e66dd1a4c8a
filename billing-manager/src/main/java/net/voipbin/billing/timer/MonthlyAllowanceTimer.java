package net.voipbin.billing.timer;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.billing.service.AccountLifecycle;
import net.voipbin.common.db.DurableTimer;
import net.voipbin.common.db.TimerHandler;

import java.util.UUID;

/** Each account's monthly token reset; durable, so a restart on the 1st neither skips nor doubles it. */
@ApplicationScoped
public class MonthlyAllowanceTimer implements TimerHandler {

    private final AccountLifecycle lifecycle;

    public MonthlyAllowanceTimer(AccountLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public String kind() {
        return AccountLifecycle.TIMER_ALLOWANCE;
    }

    @Override
    public Uni<Void> fire(DurableTimer timer) {
        return lifecycle.onAllowanceDue(UUID.fromString(timer.key()));
    }
}
