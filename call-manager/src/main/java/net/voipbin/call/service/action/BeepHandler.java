package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.Call;
import net.voipbin.proto.flow.v1.Action;

import java.util.List;

/** beep: Asterisk's beep sound; waits for it to finish. */
@ApplicationScoped
public class BeepHandler implements ActionHandler {

    private final MediaPlayback playback;

    public BeepHandler(MediaPlayback playback) {
        this.playback = playback;
    }

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.BEEP;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        return playback.play(call, List.of("sound:beep"), null);
    }
}
