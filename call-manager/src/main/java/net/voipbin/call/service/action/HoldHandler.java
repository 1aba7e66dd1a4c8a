package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.Call;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.call.client.AriClient;
import java.util.Map;

/** hold: the channel is put on hold. */
@ApplicationScoped
public class HoldHandler implements ActionHandler {

    private final AriClient ari;

    public HoldHandler(AriClient ari) {
        this.ari = ari;
    }

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.HOLD;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        return ari.toggle(call.asteriskId, call.channelId, "hold", true, Map.of()).replaceWith(ActionOutcome.NEXT);
    }
}
