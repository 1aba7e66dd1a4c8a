package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.Call;
import net.voipbin.proto.flow.v1.Action;

/** play: the stream URLs one after another; waits for the playback to finish (none: goes on). */
@ApplicationScoped
public class PlayHandler implements ActionHandler {

    private final MediaPlayback playback;

    public PlayHandler(MediaPlayback playback) {
        this.playback = playback;
    }

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.PLAY;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        return playback.play(call, action.getPlay().getStreamUrlsList(), null);
    }
}
