package net.voipbin.call.listener;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.service.CallLifecycle;
import net.voipbin.common.event.Event;
import net.voipbin.common.event.EventChannels;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.UUID;

/** An activeflow of a call that ended (finish, stop, step cap, error) hangs its call up. */
@ApplicationScoped
public class FlowEventListener {

    private final CallLifecycle lifecycle;

    public FlowEventListener(CallLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Incoming(EventChannels.FLOW_MANAGER)
    public Uni<Void> handle(Event event) {
        if (!"activeflow_updated".equals(event.type()) && !"activeflow_deleted".equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        var data = event.data();
        if (!"ended".equals(data.path("status").asText()) || !"call".equals(data.path("reference_type").asText())) {
            return Uni.createFrom().voidItem();
        }
        String callId = data.path("reference_id").asText("");
        if (callId.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return lifecycle.hangingUp(UUID.fromString(callId), "normal").replaceWithVoid();
    }
}
