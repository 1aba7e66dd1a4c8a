package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.Call;
import net.voipbin.call.service.ConfbridgeService;
import net.voipbin.common.id.Ids;
import net.voipbin.proto.flow.v1.Action;

/** confbridge_join: the channel enters the confbridge; the action completes when it leaves. */
@ApplicationScoped
public class ConfbridgeJoinHandler implements ActionHandler {

    private final ConfbridgeService confbridges;

    public ConfbridgeJoinHandler(ConfbridgeService confbridges) {
        this.confbridges = confbridges;
    }

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.CONFBRIDGE_JOIN;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        return confbridges.join(call, Ids.parse("confbridge_id", action.getConfbridgeJoin().getConfbridgeId()))
                .replaceWith(ActionOutcome.WAIT);
    }
}
