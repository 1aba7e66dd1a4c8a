package net.voipbin.flow.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.voipbin.common.id.Ids;
import net.voipbin.flow.model.Activeflow;

/**
 * The engine state of one activeflow, read from and written back to its row: the stack map
 * (stack id -> {id, actions, return_stack_id, return_action_id}), the current stack and action, a
 * pending forward jump, the step counter and the last executed actions. Pushed stacks return to the
 * action that pushed them; the main stack has id {@link #MAIN_STACK} and no return.
 */
public final class EngineState {

    public static final String EMPTY_ID = "00000000-0000-0000-0000-000000000000";
    public static final String START_ID = "00000000-0000-0000-0000-000000000001";
    public static final String FINISH_ID = "00000000-0000-0000-0000-000000000002";
    public static final String MAIN_STACK = START_ID;
    static final int MAX_HOPS = 100;
    static final int EXECUTED_KEPT = 100;

    public record Loc(String stackId, int index) {
    }

    public ObjectNode stacks;
    public String currentStackId;
    public ObjectNode currentAction;
    public String forwardStackId;
    public String forwardActionId;
    public int executeCount;
    public int httpActions;
    public ArrayNode executed;

    public static ObjectNode startAction() {
        ObjectNode a = ActionsValidator.JSON.createObjectNode();
        a.put("id", START_ID);
        a.put("type", "");
        a.set("option", ActionsValidator.JSON.createObjectNode());
        return a;
    }

    /** The finish action NextAction answers at the end of the flow: the call hangs up. */
    public static ObjectNode finishAction() {
        ObjectNode a = ActionsValidator.JSON.createObjectNode();
        a.put("id", FINISH_ID);
        a.put("type", "hangup");
        a.set("option", ActionsValidator.JSON.createObjectNode());
        return a;
    }

    public static EngineState fresh(ArrayNode actions) {
        EngineState s = new EngineState();
        s.stacks = ActionsValidator.JSON.createObjectNode();
        s.stacks.set(MAIN_STACK, stack(MAIN_STACK, actions, null, null));
        s.currentStackId = MAIN_STACK;
        s.currentAction = startAction();
        s.executed = ActionsValidator.JSON.createArrayNode();
        return s;
    }

    private static ObjectNode stack(String id, ArrayNode actions, String returnStackId, String returnActionId) {
        ObjectNode stack = ActionsValidator.JSON.createObjectNode();
        stack.put("id", id);
        stack.set("actions", actions);
        stack.put("return_stack_id", returnStackId == null ? EMPTY_ID : returnStackId);
        stack.put("return_action_id", returnActionId == null ? EMPTY_ID : returnActionId);
        return stack;
    }

    public static EngineState load(Activeflow af) {
        try {
            EngineState s = new EngineState();
            s.stacks = (ObjectNode) ActionsValidator.JSON.readTree(af.stackMap);
            s.currentStackId = af.currentStackId;
            s.currentAction = (ObjectNode) ActionsValidator.JSON.readTree(af.currentAction);
            s.forwardStackId = af.forwardStackId;
            s.forwardActionId = af.forwardActionId;
            s.executeCount = af.executeCount;
            s.httpActions = af.httpActionCount;
            s.executed = (ArrayNode) ActionsValidator.JSON.readTree(af.executedActions);
            return s;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt activeflow state " + af.id, e);
        }
    }

    public void store(Activeflow af) {
        af.stackMap = ActionsValidator.text(stacks);
        af.currentStackId = currentStackId;
        af.currentAction = ActionsValidator.text(currentAction);
        af.forwardStackId = forwardStackId;
        af.forwardActionId = forwardActionId;
        af.executeCount = executeCount;
        af.httpActionCount = httpActions;
        af.executedActions = ActionsValidator.text(executed);
    }

    public String currentActionId() {
        return currentAction.path("id").asText();
    }

    private ObjectNode stackOf(String id) {
        JsonNode s = id == null ? null : stacks.get(id);
        return s instanceof ObjectNode o ? o : null;
    }

    private static String returnStack(ObjectNode stack) {
        String r = stack.path("return_stack_id").asText(EMPTY_ID);
        return r.isEmpty() || r.equals(EMPTY_ID) ? null : r;
    }

    private static int indexOf(ObjectNode stack, String actionId) {
        JsonNode actions = stack.path("actions");
        for (int i = 0; i < actions.size(); i++) {
            if (actionId.equals(actions.get(i).path("id").asText())) {
                return i;
            }
        }
        return -1;
    }

    public ObjectNode action(Loc loc) {
        return (ObjectNode) stackOf(loc.stackId).path("actions").get(loc.index);
    }

    /** Where action {@code actionId} is, searching stack {@code stackId} and then its return chain. */
    public Loc find(String stackId, String actionId) {
        String s = stackId;
        for (int hops = 0; s != null && hops < MAX_HOPS; hops++) {
            ObjectNode stack = stackOf(s);
            if (stack == null) {
                return null;
            }
            int i = indexOf(stack, actionId);
            if (i >= 0) {
                return new Loc(s, i);
            }
            s = returnStack(stack);
        }
        return null;
    }

    /** The stored (template) copy of the current action, or null (start/finish placeholders). */
    public ObjectNode storedCurrent() {
        Loc loc = find(currentStackId, currentActionId());
        return loc == null ? null : action(loc);
    }

    /**
     * The successor of the current action: explicit next_id, else the following action, else the
     * successor of the pushing action of the stack (finished stacks are dropped); null = finish.
     */
    public Loc next() {
        String stackId = currentStackId;
        String actionId = currentActionId();
        for (int hops = 0; hops < MAX_HOPS; hops++) {
            ObjectNode stack = stackOf(stackId);
            if (stack == null) {
                return null;
            }
            JsonNode actions = stack.path("actions");
            int i;
            if (START_ID.equals(actionId)) {
                i = -1;
            } else {
                i = indexOf(stack, actionId);
                if (i < 0) {
                    return null;
                }
                String nextId = actions.get(i).path("next_id").asText("");
                if (!nextId.isEmpty() && !nextId.equals(EMPTY_ID)) {
                    return find(stackId, nextId);
                }
            }
            if (i + 1 < actions.size()) {
                return new Loc(stackId, i + 1);
            }
            String ret = returnStack(stack);
            if (ret == null) {
                return null;
            }
            String retAction = stack.path("return_action_id").asText();
            if (!stackId.equals(MAIN_STACK)) {
                stacks.remove(stackId);
            }
            stackId = ret;
            actionId = retAction;
        }
        return null;
    }

    /**
     * Nested stacks one activeflow may hold at once (fetch, fetch_flow, connect, PushActions). A fetch_flow of
     * itself nests a copy of the flow per step; the whole state is one row rewritten every step, so its size is
     * bounded here rather than by the step cap alone.
     */
    public static final int MAX_STACKS = 32;

    /**
     * Pushes {@code actions} as a new stack returning to the current action; the next step enters it. Refused
     * ({@link StackLimitException}) past {@link #MAX_STACKS} nested stacks, {@code maxActions} actions or
     * {@code maxBytes} JSON bytes across all stacks: a fetch answering 1 MiB of actions 32 times would otherwise
     * make a 32 MiB row rewritten at every step.
     */
    public String push(ArrayNode actions, int maxActions, int maxBytes) {
        if (actions == null || actions.isEmpty()) {
            return null;
        }
        if (stacks.size() > MAX_STACKS) {
            throw new StackLimitException("more than " + MAX_STACKS + " nested action stacks");
        }
        int held = 0;
        for (JsonNode stack : stacks) {
            held += stack.path("actions").size();
        }
        if (held + actions.size() > maxActions) {
            throw new StackLimitException("more than " + maxActions + " actions across its stacks ("
                    + held + " held, " + actions.size() + " pushed)");
        }
        long bytes = utf8(ActionsValidator.text(stacks)) + utf8(ActionsValidator.text(actions));
        if (bytes > maxBytes) {
            throw new StackLimitException("more than " + maxBytes + " bytes of actions across its stacks ("
                    + bytes + " with the pushed ones)");
        }
        String id = Ids.newId().toString();
        stacks.set(id, stack(id, actions, currentStackId, currentActionId()));
        forwardStackId = id;
        forwardActionId = actions.get(0).path("id").asText();
        return id;
    }

    private static long utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** Sets a jump to {@code actionId} (searched from the current stack upward); false if not found. */
    public boolean forwardTo(String actionId) {
        Loc loc = find(currentStackId, actionId);
        if (loc == null) {
            return false;
        }
        forwardStackId = loc.stackId;
        forwardActionId = actionId;
        return true;
    }

    public void appendExecuted(ObjectNode action) {
        executed.add(action);
        while (executed.size() > EXECUTED_KEPT) {
            executed.remove(0);
        }
    }

    /** A push beyond {@link #MAX_STACKS}: the pushing action fails, the activeflow goes on. */
    public static final class StackLimitException extends IllegalStateException {
        StackLimitException(String message) {
            super(message);
        }
    }
}
