package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.Call;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.call.client.AriClient;
import java.util.Map;

/** moh_start: music on hold (of music_class, default the server's) starts. */
@ApplicationScoped
public class MohStartHandler implements ActionHandler {

    private final AriClient ari;

    public MohStartHandler(AriClient ari) {
        this.ari = ari;
    }

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.MOH_START;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        String musicClass = action.getMohStart().getMusicClass();
        return ari.toggle(call.asteriskId, call.channelId, "moh", true, musicClass.isEmpty() ? Map.of() : Map.of("mohClass", musicClass))
                .replaceWith(ActionOutcome.NEXT);
    }
}
