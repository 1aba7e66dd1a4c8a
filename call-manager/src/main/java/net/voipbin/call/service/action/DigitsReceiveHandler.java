package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.client.FlowClient;
import net.voipbin.call.model.Call;
import net.voipbin.call.service.FlowHandshake;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.proto.flow.v1.DigitsReceiveOption;

/**
 * digits_receive: done at once when voipbin.call.digits already satisfies it, otherwise when a DTMF
 * digit does (DtmfService) or after duration (default 5 s), whichever comes first.
 */
@ApplicationScoped
public class DigitsReceiveHandler implements ActionHandler {

    static final long DEFAULT_DURATION_MS = 5_000;

    private final FlowClient flows;

    public DigitsReceiveHandler(FlowClient flows) {
        this.flows = flows;
    }

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.DIGITS_RECEIVE;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        DigitsReceiveOption option = action.getDigitsReceive();
        return flows.getVariables(call.customerId, call.activeflowId).map(vars -> {
            if (satisfied(vars.getVariablesOrDefault(FlowHandshake.DIGITS, ""), option)) {
                return ActionOutcome.NEXT;
            }
            return ActionOutcome.after(option.getDuration() <= 0 ? DEFAULT_DURATION_MS : option.getDuration());
        });
    }

    /** Enough digits (length) or one of the end keys received. */
    public static boolean satisfied(String digits, DigitsReceiveOption option) {
        if (option.getLength() > 0 && digits.length() >= option.getLength()) {
            return true;
        }
        String key = option.getKey();
        for (char c : digits.toCharArray()) {
            if (!key.isEmpty() && key.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }
}
