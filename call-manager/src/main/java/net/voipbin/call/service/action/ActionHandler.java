package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import net.voipbin.call.model.Call;
import net.voipbin.proto.flow.v1.Action;

/**
 * Executes one action type on a call: the member of the typed {@code Action.option} it names. The
 * call is the one the handshake just stored the action on (its action_seq is this action's).
 */
public interface ActionHandler {

    Action.OptionCase option();

    Uni<ActionOutcome> execute(Call call, Action action);
}
