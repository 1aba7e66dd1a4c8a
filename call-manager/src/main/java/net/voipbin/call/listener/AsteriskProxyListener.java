package net.voipbin.call.listener;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.service.Reconciler;
import net.voipbin.common.event.Event;
import net.voipbin.common.event.EventChannels;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** An asterisk-proxy (re)connected to its Asterisk: what happened meanwhile is reconciled. */
@ApplicationScoped
public class AsteriskProxyListener {

    private final Reconciler reconciler;

    public AsteriskProxyListener(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Incoming(EventChannels.ASTERISK_PROXY)
    public Uni<Void> handle(Event event) {
        if (!"asterisk_connected".equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        String asteriskId = event.data().path("asterisk_id").asText(event.data().path("id").asText(""));
        return asteriskId.isEmpty() ? Uni.createFrom().voidItem() : reconciler.reconcile(asteriskId);
    }
}
