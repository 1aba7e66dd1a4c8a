package net.voipbin.billing.listener;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.billing.service.CallCharging;
import net.voipbin.common.event.Event;
import net.voipbin.common.event.EventChannels;
import org.eclipse.microprofile.reactive.messaging.Incoming;


/** call_hungup charges the call (once, however often the event comes). */
@ApplicationScoped
public class CallEventListener {

    private final CallCharging charging;

    public CallEventListener(CallCharging charging) {
        this.charging = charging;
    }

    @Incoming(EventChannels.CALL_MANAGER)
    public Uni<Void> handle(Event event) {
        if (!"call_hungup".equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        return charging.onCallHungup(event.data()).replaceWithVoid();
    }
}
