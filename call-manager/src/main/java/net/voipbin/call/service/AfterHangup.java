package net.voipbin.call.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.mapping.CallMapper;
import net.voipbin.call.repository.CallRepository;

import java.util.UUID;

/**
 * The durable tail of a hangup (CallLifecycle schedules it with the hangup): the activeflow stopped,
 * chained calls hung up, and a master waiting for this connect leg woken when no leg is left.
 */
@ApplicationScoped
public class AfterHangup {

    public static final String TIMER = "call.after-hangup";

    private final CallRepository calls;
    private final CallLifecycle lifecycle;
    private final FlowHandshake handshake;
    private final ConfbridgeService confbridges;

    public AfterHangup(CallRepository calls, CallLifecycle lifecycle, FlowHandshake handshake, ConfbridgeService confbridges) {
        this.calls = calls;
        this.lifecycle = lifecycle;
        this.handshake = handshake;
        this.confbridges = confbridges;
    }

    public Uni<Void> run(UUID callId) {
        return calls.findById(callId).chain(call -> {
            if (call == null) {
                return Uni.createFrom().voidItem();
            }
            // One after another: each step is idempotent, so a retry of the timer redoes only what is missing.
            Uni<Void> all = call.activeflowId == null ? Uni.createFrom().voidItem() : handshake.stopActiveflow(call);
            for (UUID chained : CallMapper.ids(call.chainedCallIds)) {
                all = all.chain(() -> lifecycle.hangingUp(chained, "normal")).replaceWithVoid();
            }
            return all.chain(() -> call.masterCallId != null && call.connectLeg
                    ? confbridges.onConnectLegEnded(call.masterCallId, call.id).chain(handshake::complete)
                    : Uni.createFrom().voidItem());
        });
    }
}
