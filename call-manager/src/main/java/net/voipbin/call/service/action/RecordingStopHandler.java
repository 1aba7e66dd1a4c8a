package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.Call;
import net.voipbin.call.service.RecordingService;
import net.voipbin.proto.flow.v1.Action;

/** recording_stop: the call's current recording stops (a later recording_start may begin at once). */
@ApplicationScoped
public class RecordingStopHandler implements ActionHandler {

    private final RecordingService recordings;

    public RecordingStopHandler(RecordingService recordings) {
        this.recordings = recordings;
    }

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.RECORDING_STOP;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        return recordings.stopCurrent(call.id).replaceWith(ActionOutcome.NEXT);
    }
}
