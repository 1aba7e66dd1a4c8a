package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.Call;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.call.client.AriClient;
import java.util.Map;

/** moh_stop: music on hold stops. */
@ApplicationScoped
public class MohStopHandler implements ActionHandler {

    private final AriClient ari;

    public MohStopHandler(AriClient ari) {
        this.ari = ari;
    }

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.MOH_STOP;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        return ari.toggle(call.asteriskId, call.channelId, "moh", false, Map.of()).replaceWith(ActionOutcome.NEXT);
    }
}
