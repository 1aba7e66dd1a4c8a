package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.Call;
import net.voipbin.call.service.CallMedia;
import net.voipbin.proto.flow.v1.Action;

/** unmute: the direction (default both) is unmuted and mute_direction follows. */
@ApplicationScoped
public class UnmuteHandler implements ActionHandler {

    private final CallMedia media;

    public UnmuteHandler(CallMedia media) {
        this.media = media;
    }

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.UNMUTE;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        return media.applyMute(call, false, action.getUnmute().getDirection()).replaceWith(ActionOutcome.NEXT);
    }
}
