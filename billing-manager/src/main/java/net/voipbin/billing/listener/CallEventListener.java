package net.voipbin.billing.listener;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.billing.service.CallCharging;
import net.voipbin.billing.service.CallCutoff;
import net.voipbin.common.event.Event;
import net.voipbin.common.event.EventChannels;
import org.eclipse.microprofile.reactive.messaging.Incoming;


/**
 * call_progressing starts the call's reservations (the mid-call cut-off); call_hungup charges the call
 * (once, however often the event comes) and releases them.
 */
@ApplicationScoped
public class CallEventListener {

    private final CallCharging charging;
    private final CallCutoff cutoff;

    public CallEventListener(CallCharging charging, CallCutoff cutoff) {
        this.charging = charging;
        this.cutoff = cutoff;
    }

    @Incoming(EventChannels.CALL_MANAGER)
    public Uni<Void> handle(Event event) {
        return switch (event.type()) {
            case "call_progressing" -> cutoff.onCallAnswered(event.data());
            case "call_hungup" -> charging.onCallHungup(event.data()).replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
    }
}
