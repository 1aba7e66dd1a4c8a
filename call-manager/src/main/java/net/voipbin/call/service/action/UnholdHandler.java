package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.Call;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.call.client.AriClient;
import java.util.Map;

/** unhold: the channel is taken off hold. */
@ApplicationScoped
public class UnholdHandler implements ActionHandler {

    private final AriClient ari;

    public UnholdHandler(AriClient ari) {
        this.ari = ari;
    }

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.UNHOLD;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        return ari.toggle(call.asteriskId, call.channelId, "hold", false, Map.of()).replaceWith(ActionOutcome.NEXT);
    }
}
