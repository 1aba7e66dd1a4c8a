package net.voipbin.billing.listener;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.billing.service.CallCharging;
import net.voipbin.common.event.Event;
import net.voipbin.common.event.EventHandler;

import java.util.Set;

/** call_hungup charges the call (once, however often the event comes). */
@ApplicationScoped
public class CallEventListener implements EventHandler {

    private final CallCharging charging;

    public CallEventListener(CallCharging charging) {
        this.charging = charging;
    }

    @Override
    public Set<String> publishers() {
        return Set.of("call-manager");
    }

    @Override
    public Uni<Void> handle(Event event) {
        if (!"call_hungup".equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        return charging.onCallHungup(event.data()).replaceWithVoid();
    }
}
