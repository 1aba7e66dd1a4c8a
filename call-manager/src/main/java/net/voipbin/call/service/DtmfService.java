package net.voipbin.call.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.client.AriClient;
import net.voipbin.call.client.FlowClient;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.call.service.action.DigitsReceiveHandler;
import net.voipbin.proto.flow.v1.Action;

import java.util.Map;

/**
 * DTMF digits received on a call's channel go to the flow's voipbin.call.digits: appended while a
 * digits_receive waits (completing it once satisfied), otherwise replacing it; during a talk with
 * digits_handle next the digit also stops the talk (its PlaybackFinished completes it).
 */
@ApplicationScoped
public class DtmfService {

    private final CallRepository calls;
    private final FlowClient flows;
    private final AriClient ari;

    public DtmfService(CallRepository calls, FlowClient flows, AriClient ari) {
        this.calls = calls;
        this.flows = flows;
        this.ari = ari;
    }

    /** Emits the completed digits_receive, or null. */
    public Uni<ActionCompleted> onDtmf(String channelId, String digit) {
        return calls.findByChannel(channelId).chain(call -> {
            if (call == null || call.activeflowId == null || call.isHangingUp()) {
                return Uni.createFrom().nullItem();
            }
            Action action = FlowHandshake.currentAction(call);
            int seq = call.actionSeq;
            if (action != null && action.getOptionCase() == Action.OptionCase.DIGITS_RECEIVE) {
                return flows.setVariables(call.customerId, call.activeflowId,
                                Map.of(FlowHandshake.DIGITS, "${" + FlowHandshake.DIGITS + "}" + digit))
                        // The pending action timeout then finds the action done (stale sequence).
                        .map(vars -> DigitsReceiveHandler.satisfied(vars.getVariablesOrDefault(FlowHandshake.DIGITS, ""),
                                action.getDigitsReceive()) ? new ActionCompleted(call.id, seq) : null);
            }
            Uni<Void> store = flows.setVariables(call.customerId, call.activeflowId, Map.of(FlowHandshake.DIGITS, digit)).replaceWithVoid();
            if (action != null && action.getOptionCase() == Action.OptionCase.TALK
                    && "next".equals(action.getTalk().getDigitsHandle()) && !call.playbackId.isEmpty()) {
                return store.chain(() -> ari.stopPlayback(call.asteriskId, call.playbackId)).replaceWith((ActionCompleted) null);
            }
            return store.replaceWith((ActionCompleted) null);
        });
    }
}
