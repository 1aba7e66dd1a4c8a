package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.Call;
import net.voipbin.call.service.CallMedia;
import net.voipbin.proto.flow.v1.Action;

/** mute: the direction (default both) is muted and mute_direction follows. */
@ApplicationScoped
public class MuteHandler implements ActionHandler {

    private final CallMedia media;

    public MuteHandler(CallMedia media) {
        this.media = media;
    }

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.MUTE;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        return media.applyMute(call, true, action.getMute().getDirection()).replaceWith(ActionOutcome.NEXT);
    }
}
