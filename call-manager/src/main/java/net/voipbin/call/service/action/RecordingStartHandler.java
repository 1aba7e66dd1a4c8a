package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.Call;
import net.voipbin.call.service.RecordingService;
import net.voipbin.common.id.Ids;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.proto.flow.v1.RecordingStartOption;

/** recording_start: a recording of the call starts (options in seconds); the flow goes on at once. */
@ApplicationScoped
public class RecordingStartHandler implements ActionHandler {

    private final RecordingService recordings;

    public RecordingStartHandler(RecordingService recordings) {
        this.recordings = recordings;
    }

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.RECORDING_START;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        RecordingStartOption option = action.getRecordingStart();
        RecordingService.Options options = new RecordingService.Options(option.getFormat().isEmpty() ? "wav" : option.getFormat(),
                option.getEndOfSilence(), option.getEndOfKey(), option.getDuration(), option.getBeepStart(),
                Ids.parseOptional("on_end_flow_id", option.getOnEndFlowId()));
        options.validate();
        return recordings.begin(call, options, "", -1).replaceWith(ActionOutcome.NEXT);
    }
}
