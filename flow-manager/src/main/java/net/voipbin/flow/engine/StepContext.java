package net.voipbin.flow.engine;

import net.voipbin.flow.model.Activeflow;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** One locked step of an activeflow: its row, its engine state and its variables (changes tracked). */
public final class StepContext {

    public final Activeflow af;
    public final EngineState state;
    public final Map<String, String> vars;
    public final Set<String> changed = new LinkedHashSet<>();
    public boolean ended;
    public String endReason;

    public StepContext(Activeflow af, EngineState state, Map<String, String> vars) {
        this.af = af;
        this.state = state;
        this.vars = vars;
    }

    public void set(String key, String value) {
        vars.put(key, value == null ? "" : value);
        changed.add(key);
    }

    public void end(String reason) {
        if (!ended) {
            ended = true;
            endReason = reason;
        }
    }

    public boolean isCall() {
        return "call".equals(af.referenceType);
    }
}
