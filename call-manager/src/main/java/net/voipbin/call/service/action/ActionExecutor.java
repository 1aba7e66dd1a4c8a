package net.voipbin.call.service.action;

import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import net.voipbin.call.model.Call;
import net.voipbin.proto.flow.v1.Action;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a call-executed action through the handler of its option. Built at start-up: an option of the
 * contract without a handler (or with two) stops call-manager from starting, so an action
 * flow-manager hands over is never skipped for want of code.
 */
@Singleton
@Startup
public class ActionExecutor {

    private final Map<Action.OptionCase, ActionHandler> handlers = new EnumMap<>(Action.OptionCase.class);

    public ActionExecutor(@All List<ActionHandler> handlers) {
        for (ActionHandler handler : handlers) {
            ActionHandler before = this.handlers.put(handler.option(), handler);
            if (before != null) {
                throw new IllegalStateException("two handlers for action " + handler.option() + ": "
                        + before.getClass().getSimpleName() + " and " + handler.getClass().getSimpleName());
            }
        }
        List<Action.OptionCase> missing = new ArrayList<>();
        for (Action.OptionCase option : Action.OptionCase.values()) {
            if (option != Action.OptionCase.OPTION_NOT_SET && !this.handlers.containsKey(option)) {
                missing.add(option);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("call-manager has no handler for the call-executed actions " + missing);
        }
    }

    /** The handler of each option, for tests that show where an action runs. */
    public Map<Action.OptionCase, ActionHandler> handlers() {
        return Map.copyOf(handlers);
    }

    public Uni<ActionOutcome> execute(Call call, Action action) {
        ActionHandler handler = handlers.get(action.getOptionCase());
        if (handler == null) {
            // Only an action without its typed option gets here (flow-manager always sets it).
            return Uni.createFrom().failure(new IllegalArgumentException("action " + action.getId() + " of type \""
                    + action.getType() + "\" carries no typed option"));
        }
        return Uni.createFrom().deferred(() -> handler.execute(call, action));
    }
}
