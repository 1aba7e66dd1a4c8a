package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.Call;
import net.voipbin.call.service.RecordingService;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.proto.flow.v1.RecordVoiceOption;

/**
 * record_voice (seed spelling: duration and silence_timeout in ms, variable_name): records until
 * silence, the end key (default #) or duration (default 30 s); the action completes when the
 * recording finishes, with the recording in that flow variable.
 */
@ApplicationScoped
public class RecordVoiceHandler implements ActionHandler {

    static final String DEFAULT_VARIABLE = "voipbin.record_voice.recording";

    private final RecordingService recordings;

    public RecordVoiceHandler(RecordingService recordings) {
        this.recordings = recordings;
    }

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.RECORD_VOICE;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        RecordVoiceOption option = action.getRecordVoice();
        String variable = option.getVariableName().isEmpty() ? DEFAULT_VARIABLE : option.getVariableName();
        long durationMs = option.hasDuration() ? option.getDuration() : 30_000;
        RecordingService.Options options = new RecordingService.Options(option.getFormat().isEmpty() ? "wav" : option.getFormat(),
                (int) Math.ceil(option.getSilenceTimeout() / 1000.0), option.hasEndOfKey() ? option.getEndOfKey() : "#",
                (int) Math.max(1, Math.ceil(durationMs / 1000.0)), option.getBeepStart(), null);
        options.validate();
        return recordings.begin(call, options, variable, call.actionSeq).replaceWith(ActionOutcome.WAIT);
    }
}
