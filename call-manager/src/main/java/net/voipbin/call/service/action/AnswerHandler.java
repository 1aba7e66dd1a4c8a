package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.Call;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.call.client.AriClient;

/** answer: the channel is answered; the flow goes on. */
@ApplicationScoped
public class AnswerHandler implements ActionHandler {

    private final AriClient ari;

    public AnswerHandler(AriClient ari) {
        this.ari = ari;
    }

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.ANSWER;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        return ari.answer(call.asteriskId, call.channelId).replaceWith(ActionOutcome.NEXT);
    }
}
