package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.client.FlowClient;
import net.voipbin.call.model.Call;
import net.voipbin.call.service.PlayMediaGuard;
import net.voipbin.proto.flow.v1.Action;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * play: the stream URLs one after another; waits for the playback to finish (none: goes on). The URLs pass
 * {@link PlayMediaGuard} first: a refused one plays nothing of the action, its reason goes into the flow variable
 * {@code voipbin.activeflow.last_error} (as flow-manager's own failed actions do) and the flow goes on.
 */
@ApplicationScoped
public class PlayHandler implements ActionHandler {

    /** The flow variable a failed action leaves its reason in (flow-manager's engine writes it too). */
    public static final String LAST_ERROR = "voipbin.activeflow.last_error";

    private static final Logger LOG = Logger.getLogger(PlayHandler.class);

    private final MediaPlayback playback;
    private final PlayMediaGuard guard;
    private final FlowClient flows;

    public PlayHandler(MediaPlayback playback, PlayMediaGuard guard, FlowClient flows) {
        this.playback = playback;
        this.guard = guard;
        this.flows = flows;
    }

    @Override
    public Action.OptionCase option() {
        return Action.OptionCase.PLAY;
    }

    @Override
    public Uni<ActionOutcome> execute(Call call, Action action) {
        List<String> urls = action.getPlay().getStreamUrlsList();
        return guard.check(call.customerId, urls)
                .onItem().transformToUni(ok -> playback.play(call, urls, null))
                .onFailure(PlayMediaGuard.Refused.class).recoverWithUni(e -> {
                    String reason = "play " + action.getId() + ": stream_urls[" + ((PlayMediaGuard.Refused) e).index + "]: "
                            + e.getMessage();
                    LOG.warnf("call %s: %s", call.id, reason);
                    return flows.setVariables(call.customerId, call.activeflowId, Map.of(LAST_ERROR, reason))
                            .onFailure().recoverWithNull()
                            .replaceWith(ActionOutcome.NEXT);
                });
    }
}
