package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.client.FlowClient;
import net.voipbin.call.model.Call;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.call.service.CallLifecycle;
import net.voipbin.call.service.HangupReasons;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.proto.flow.v1.HangupOption;

import java.util.UUID;

/**
 * hangup: the call ends with reason (default normal), or with the reason the call reference_id ended
 * with (a relayed hangup: the caller of a connect ends as its callee did). Nothing follows it.
 */
@ApplicationScoped
public class HangupHandler implements ActionHandler {

    private final CallRepository calls;
    private final CallLifecycle lifecycle;

    public HangupHandler(CallRepository calls, CallLifecycle lifecycle) {
        this.calls = calls;
        this.lifecycle = lifecycle;
    }

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.HANGUP;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        HangupOption option = action.getHangup();
        String referenceId = option.getReferenceId();
        Uni<String> reason;
        if (!referenceId.isEmpty() && !FlowClient.EMPTY_ACTION_ID.equals(referenceId)) {
            reason = calls.findForCustomer(call.customerId, UUID.fromString(referenceId))
                    .map(ref -> ref == null || ref.hangupReason == null || ref.hangupReason.isEmpty() ? "normal" : ref.hangupReason);
        } else {
            reason = Uni.createFrom().item(HangupReasons.ALL.contains(option.getReason()) ? option.getReason() : "normal");
        }
        return reason.chain(r -> lifecycle.hangingUp(call.id, r)).replaceWith(ActionOutcome.WAIT);
    }
}
