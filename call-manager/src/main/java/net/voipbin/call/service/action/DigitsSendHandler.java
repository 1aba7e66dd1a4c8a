package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.client.AriClient;
import net.voipbin.call.model.Call;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.proto.flow.v1.DigitsSendOption;

/** digits_send: the tones are sent; the action lasts as long as they play (duration x n + interval x (n - 1)). */
@ApplicationScoped
public class DigitsSendHandler implements ActionHandler {

    private final AriClient ari;

    public DigitsSendHandler(AriClient ari) {
        this.ari = ari;
    }

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.DIGITS_SEND;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        DigitsSendOption option = action.getDigitsSend();
        String digits = option.getDigits();
        if (digits.isEmpty()) {
            return Uni.createFrom().item(ActionOutcome.NEXT);
        }
        int duration = option.getDuration() <= 0 ? 100 : option.getDuration();
        int interval = Math.max(0, option.getInterval());
        long total = (long) duration * digits.length() + (long) interval * (digits.length() - 1);
        return ari.dtmf(call.asteriskId, call.channelId, digits, duration, interval).replaceWith(ActionOutcome.after(total));
    }
}
