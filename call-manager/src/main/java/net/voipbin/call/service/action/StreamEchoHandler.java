package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.Call;
import net.voipbin.proto.flow.v1.Action;

/** stream_echo: as echo, for duration (default 180 s). A durable action timeout completes it. */
@ApplicationScoped
public class StreamEchoHandler implements ActionHandler {

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.STREAM_ECHO;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        int duration = action.getStreamEcho().getDuration();
        return Uni.createFrom().item(ActionOutcome.after(duration <= 0 ? 180_000 : duration));
    }
}
