package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.client.AriClient;
import net.voipbin.call.model.Call;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.proto.flow.v1.TalkOption;

import java.util.List;

/**
 * talk: text to speech. Waits for its playback to finish, unless async (then the flow goes on while
 * it plays, under a playback id that completes nothing). With digits_handle next a DTMF digit stops it.
 */
@ApplicationScoped
public class TalkHandler implements ActionHandler {

    private final AriClient ari;
    private final MediaPlayback playback;

    public TalkHandler(AriClient ari, MediaPlayback playback) {
        this.ari = ari;
        this.playback = playback;
    }

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.TALK;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        TalkOption talk = action.getTalk();
        List<String> media = List.of("tts:" + talk.getText());
        if (talk.getAsync()) {
            return playback.answerFirst(call)
                    .chain(() -> ari.play(call.asteriskId, call.channelId, call.id + ":async-" + call.actionSeq, media, talk.getLanguage()))
                    .replaceWith(ActionOutcome.NEXT);
        }
        return playback.play(call, media, talk.getLanguage());
    }
}
