package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.Call;
import net.voipbin.proto.flow.v1.Action;

/** sleep: the flow pauses for duration ms. A durable action timeout completes it. */
@ApplicationScoped
public class SleepHandler implements ActionHandler {

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.SLEEP;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        int duration = action.getSleep().getDuration();
        return Uni.createFrom().item(ActionOutcome.after(duration <= 0 ? 0 : duration));
    }
}
