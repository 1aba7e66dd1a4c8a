package net.voipbin.flow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.egress.EgressHttpClient;
import net.voipbin.common.id.Ids;
import net.voipbin.flow.client.BillingClient;
import net.voipbin.flow.client.CallClient;
import net.voipbin.flow.client.WebhookClient;
import net.voipbin.flow.config.FlowConfig;
import net.voipbin.flow.repository.FlowRepository;
import net.voipbin.flow.service.HttpActionQuota;
import net.voipbin.proto.call.v1.CreateCallsRequest;
import net.voipbin.proto.common.v1.Address;
import net.voipbin.proto.flow.v1.FlowActionJson;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The action engine. {@link #run} steps a locked activeflow: it moves to the next action, runs
 * flow-manager's own actions (variable_set, branch, goto, condition_*, fetch, fetch_flow, stop,
 * webhook_send, connect, call, empty) and loops until it reaches an action call-manager must
 * execute, which it answers (options substituted), or the end of the flow (the finish action;
 * the activeflow ends). All state stays in the {@link StepContext}; the caller persists it.
 */
@ApplicationScoped
public class Engine {

    private static final Logger LOG = Logger.getLogger(Engine.class);

    private final FlowRepository flows;
    private final CallClient calls;
    private final int maxSteps;
    private final int maxControlSteps;
    private final int maxVariableBytes;
    private final int maxVariables;
    private final Duration fetchTimeout;
    private final EgressHttpClient http;
    private final WebhookClient webhooks;
    private final int maxHttpActions;
    private final int maxStackActions;
    private final int maxStackBytes;
    private final HttpActionQuota quota;
    private final BillingClient billing;

    public Engine(FlowRepository flows, CallClient calls, WebhookClient webhooks, EgressHttpClient http, FlowConfig config,
                  HttpActionQuota quota, BillingClient billing) {
        this.flows = flows;
        this.quota = quota;
        this.billing = billing;
        this.maxHttpActions = config.engine().maxHttpActions();
        this.maxStackActions = config.engine().maxStackActions();
        this.maxStackBytes = config.engine().maxStackBytes();
        this.calls = calls;
        this.webhooks = webhooks;
        this.maxSteps = config.engine().maxSteps();
        this.maxControlSteps = config.engine().maxControlSteps();
        this.maxVariableBytes = config.engine().maxVariableBytes();
        this.maxVariables = config.engine().maxVariables();
        this.fetchTimeout = config.engine().fetchTimeout();
        this.http = http;
    }

    /** The variable a failed action leaves its reason in ("fetch <action id>: ..."); call-manager's play writes it too. */
    public static final String LAST_ERROR = "voipbin.activeflow.last_error";

    /** An HTTP action refused by a bound (per-activeflow cap, customer quota, unfunded account). */
    static final class HttpActionRefused extends IllegalStateException {
        HttpActionRefused(String message) {
            super(message);
        }
    }

    /**
     * The gate before an HTTP action, cheapest first: the activeflow's cap (fetch, fetch_flow, webhook_send), then,
     * for the two that make requests on the customer's behalf (fetch, webhook_send), the customer's quota and
     * billing's word that the account is funded. A refusal fails this action only, as a failed request does.
     */
    private Uni<Void> httpAction(StepContext ctx, String type) {
        if (ctx.state.httpActions >= maxHttpActions) {
            return Uni.createFrom().failure(new HttpActionRefused("the activeflow has run its " + maxHttpActions
                    + " HTTP actions (fetch, fetch_flow, webhook_send; flow.engine.max-http-actions)"));
        }
        if (type.equals("fetch_flow")) {
            ctx.state.httpActions++;
            return Uni.createFrom().voidItem(); // no request leaves: the stack bounds hold it
        }
        if (!quota.tryTake(ctx.af.customerId)) {
            return Uni.createFrom().failure(new HttpActionRefused("the customer is over its quota of HTTP actions ("
                    + quota.describe() + "; flow.http-quota)"));
        }
        return billing.funding(ctx.af.customerId)
                .onFailure().transform(e -> new HttpActionRefused("billing-manager did not say whether the account is funded: " + e))
                .invoke(funding -> {
                    if (!funding.funded()) {
                        throw new HttpActionRefused("the customer's account is not funded, so its flows make no HTTP requests"
                                + (funding.reason().isEmpty() ? "" : ": " + funding.reason()));
                    }
                    ctx.state.httpActions++; // counted when it runs: a refused one used nothing
                })
                .replaceWithVoid();
    }

    private void push(StepContext ctx, ArrayNode actions) {
        ctx.state.push(actions, maxStackActions, maxStackBytes);
    }

    /** A fatal error in a flow-manager action: the activeflow ends. */
    static final class FatalError extends RuntimeException {
        FatalError(String message) {
            super(message);
        }
    }

    public Uni<ObjectNode> run(StepContext ctx) {
        return loop(ctx, 0);
    }

    private Uni<ObjectNode> finish(StepContext ctx, String reason) {
        ctx.end(reason);
        if (!EngineState.FINISH_ID.equals(ctx.state.currentActionId())) {
            ctx.state.appendExecuted(ctx.state.currentAction);
            ctx.state.currentAction = EngineState.finishAction();
        }
        ctx.state.forwardStackId = null;
        ctx.state.forwardActionId = null;
        return Uni.createFrom().item(ctx.state.currentAction);
    }

    private Uni<ObjectNode> loop(StepContext ctx, int done) {
        EngineState state = ctx.state;
        int steps = done;
        while (true) {
            if (steps >= maxControlSteps) {
                LOG.warnf("activeflow %s: %d control steps without an action for the call, ending", ctx.af.id, steps);
                return finish(ctx, "control step limit");
            }
            if (state.executeCount >= maxSteps) {
                LOG.warnf("activeflow %s: step cap %d reached, ending", ctx.af.id, maxSteps);
                return finish(ctx, "step cap");
            }
            steps++;
            ObjectNode raw = advance(ctx);
            if (raw == null) {
                return finish(ctx, "finished");
            }
            ObjectNode cur = state.currentAction;
            String type = cur.path("type").asText();
            ActionTable.Def def = ActionTable.get(type);
            if (def == null) {
                LOG.warnf("activeflow %s: skipping action %s of unknown type %s", ctx.af.id, cur.path("id").asText(), type);
                continue;
            }
            if (def.executor() == ActionTable.Executor.CM) {
                if (ctx.isCall()) {
                    return Uni.createFrom().item(cur);
                }
                continue; // nobody to execute media actions outside a call: skipped
            }
            Supplier<Uni<Void>> async;
            try {
                async = control(ctx, type, raw, cur.path("option"));
            } catch (FatalError e) {
                LOG.warnf("activeflow %s: action %s (%s) failed: %s; ending", ctx.af.id, cur.path("id").asText(), type, e.getMessage());
                return finish(ctx, e.getMessage());
            }
            if (ctx.ended) {
                return finish(ctx, ctx.endReason);
            }
            if (async != null) {
                int s = steps;
                Context caller = Vertx.currentContext();
                return Uni.createFrom().<Void>deferred(async::get)
                        .onFailure().recoverWithUni(e -> {
                            LOG.warnf("activeflow %s: action %s (%s) failed: %s", ctx.af.id, cur.path("id").asText(), type, e.toString());
                            // The flow goes on; the reason stays readable (and branchable) as a variable.
                            String reason = type + " " + cur.path("id").asText() + ": "
                                    + (e.getMessage() == null ? e.toString() : e.getMessage());
                            ctx.set(LAST_ERROR, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
                            return Uni.createFrom().voidItem();
                        })
                        .emitOn(r -> {
                            if (caller == null) {
                                r.run();
                            } else {
                                caller.runOnContext(v -> r.run());
                            }
                        })
                        .chain(() -> loop(ctx, s));
            }
        }
    }

    /** Moves to the next action; returns its stored (template) copy, or null at the end of the flow. */
    private ObjectNode advance(StepContext ctx) {
        EngineState state = ctx.state;
        EngineState.Loc loc;
        if (state.forwardActionId != null) {
            loc = state.find(state.forwardStackId, state.forwardActionId);
            if (loc == null) {
                LOG.warnf("activeflow %s: forward target %s not found", ctx.af.id, state.forwardActionId);
            }
        } else {
            loc = state.next();
        }
        state.forwardStackId = null;
        state.forwardActionId = null;
        state.appendExecuted(state.currentAction);
        state.executeCount++;
        if (loc == null) {
            state.currentAction = EngineState.finishAction();
            return null;
        }
        ObjectNode raw = state.action(loc);
        state.currentStackId = loc.stackId();
        state.currentAction = (ObjectNode) Substitution.apply(raw, ctx.vars);
        state.currentAction.remove("tm_execute");
        return raw;
    }

    private void jump(StepContext ctx, String target) {
        if (!ctx.state.forwardTo(target)) {
            throw new FatalError("target action " + target + " not found");
        }
    }

    /** Runs one flow-manager action; returns follow-up asynchronous work or null. */
    private Supplier<Uni<Void>> control(StepContext ctx, String type, ObjectNode raw, JsonNode option) {
        switch (type) {
            case "empty":
                return null;
            case "stop":
                ctx.end("stop action");
                return null;
            case "variable_set":
                setVariable(ctx, option.path("key").asText(), option.path("value").asText(""));
                return null;
            case "branch": {
                String name = Substitution.bareName(raw.path("option").path("variable").asText(""));
                if (name.isEmpty()) {
                    name = "voipbin.call.digits";
                }
                String value = ctx.vars.getOrDefault(name, "");
                ctx.set(name, "");
                String target = option.path("target_ids").path(value).asText("");
                if (target.isEmpty()) {
                    target = option.path("default_target_id").asText("");
                }
                if (!target.isEmpty()) {
                    jump(ctx, target);
                }
                return null;
            }
            case "goto": {
                ObjectNode stored = (ObjectNode) raw.path("option");
                String target = option.path("target_id").asText();
                if (!stored.hasNonNull("loop_count")) {
                    jump(ctx, target);   // no loop_count: unbounded (the step cap ends runaway loops)
                    return null;
                }
                int left = stored.path("loop_count").asInt();
                if (left > 0) {
                    stored.put("loop_count", left - 1); // persisted in the stack copy, 0 included
                    jump(ctx, target);
                }
                return null;
            }
            case "condition_variable":
                if (!conditionVariable(ctx, raw, option)) {
                    falseTarget(ctx, option);
                }
                return null;
            case "condition_datetime":
                if (!conditionDatetime(option, ZonedDateTime.now(ZoneOffset.UTC))) {
                    falseTarget(ctx, option);
                }
                return null;
            case "condition_call_digits": {
                String digits = ctx.vars.getOrDefault("voipbin.call.digits", "");
                int length = option.path("length").asInt(0);
                String key = option.path("key").asText("");
                boolean match = (length > 0 && digits.length() >= length) || (!key.isEmpty() && digits.contains(key));
                if (!match) {
                    falseTarget(ctx, option);
                }
                return null;
            }
            case "webhook_send":
                return () -> httpAction(ctx, type).chain(() -> webhookSend(ctx, option));
            case "fetch":
                return () -> httpAction(ctx, type).chain(() -> fetch(ctx, option));
            case "fetch_flow":
                return () -> httpAction(ctx, type).chain(() -> fetchFlow(ctx, option));
            case "connect":
                return () -> connect(ctx, option);
            case "call":
                return () -> call(ctx, option);
            default:
                LOG.warnf("activeflow %s: no handler for %s, skipped", ctx.af.id, type);
                return null;
        }
    }

    private void falseTarget(StepContext ctx, JsonNode option) {
        String target = option.path("false_target_id").asText("");
        if (!target.isEmpty()) {
            jump(ctx, target);
        }
    }

    /**
     * The compared text is the substituted {@code variable} option; a bare name (no template) that
     * is a known variable is read as that variable (so "voipbin.call.digits" works like "${voipbin.call.digits}").
     */
    static boolean conditionVariableMatch(String rawVariable, String substituted, java.util.Map<String, String> vars,
                                          JsonNode option) {
        String actual = !Substitution.hasTemplate(rawVariable) && vars.containsKey(rawVariable.trim())
                ? vars.get(rawVariable.trim()) : substituted;
        String op = option.path("condition").asText("==");
        switch (option.path("value_type").asText("string")) {
            case "number": {
                double a;
                try {
                    a = Double.parseDouble(actual.trim());
                } catch (NumberFormatException e) {
                    return false;
                }
                return compare(Double.compare(a, option.path("value_number").asDouble()), op);
            }
            case "length":
                return compare(Integer.compare(actual.codePointCount(0, actual.length()), option.path("value_length").asInt()), op);
            default:
                return compare(actual.compareTo(option.path("value_string").asText("")), op);
        }
    }

    private boolean conditionVariable(StepContext ctx, ObjectNode raw, JsonNode option) {
        return conditionVariableMatch(raw.path("option").path("variable").asText(""),
                option.path("variable").asText(""), ctx.vars, option);
    }

    /**
     * Compares now (UTC) against the configured fields as "now OP configured": weekdays (0=Sunday)
     * must contain today when given; month/day when > 0; the time of day from hour and minute when
     * they are >= 0 (absent or -1 = not compared). All given checks must hold.
     */
    static boolean conditionDatetime(JsonNode option, ZonedDateTime now) {
        String op = option.path("condition").asText("==");
        JsonNode weekdays = option.path("weekdays");
        if (weekdays.isArray() && !weekdays.isEmpty()) {
            int today = now.getDayOfWeek().getValue() % 7;
            boolean listed = false;
            for (JsonNode d : weekdays) {
                listed |= d.asInt(-1) == today;
            }
            if (!listed) {
                return false;
            }
        }
        int month = option.path("month").asInt(0);
        if (month > 0 && !compare(Integer.compare(now.getMonthValue(), month), op)) {
            return false;
        }
        int day = option.path("day").asInt(0);
        if (day > 0 && !compare(Integer.compare(now.getDayOfMonth(), day), op)) {
            return false;
        }
        int hour = option.hasNonNull("hour") ? option.path("hour").asInt() : -1;
        int minute = option.hasNonNull("minute") ? option.path("minute").asInt() : -1;
        if (hour >= 0 && minute >= 0) {
            return compare(Integer.compare(now.getHour() * 60 + now.getMinute(), hour * 60 + minute), op);
        }
        if (hour >= 0) {
            return compare(Integer.compare(now.getHour(), hour), op);
        }
        if (minute >= 0) {
            return compare(Integer.compare(now.getMinute(), minute), op);
        }
        return true;
    }

    static boolean compare(int cmp, String op) {
        return switch (op) {
            case "==" -> cmp == 0;
            case "!=" -> cmp != 0;
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            default -> false;
        };
    }

    /**
     * Hands the request to webhook-manager, which signs, sends, retries and keeps the history. The flow waits for
     * the hand-over (sync: for the first attempt too), bounded by the client's deadline; a failure is logged and the
     * flow goes on.
     */
    private Uni<Void> webhookSend(StepContext ctx, JsonNode option) {
        String uri = option.path("uri").asText("");
        JsonNode data = option.path("data");
        String body = data.isMissingNode() || data.isNull() ? "" : data.isTextual() ? data.asText() : ActionsValidator.text(data);
        UUID af = ctx.af.id;
        return webhooks.send(ctx.af.customerId, af, ctx.state.currentActionId(), ctx.state.executeCount, uri,
                        option.path("method").asText("POST"), option.path("data_type").asText("application/json"),
                        body.getBytes(StandardCharsets.UTF_8), option.path("sync").asBoolean(false))
                .invoke(delivery -> {
                    if (!delivery.getError().isEmpty()) {
                        LOG.infof("activeflow %s: webhook_send to %s: %s (delivery %s, %s)", af, uri, delivery.getError(),
                                delivery.getId(), delivery.getStatus());
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.infof("activeflow %s: webhook_send to %s failed: %s", af, uri, e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /** variable_set within the engine's bounds; past them the activeflow ends, naming the bound. */
    private void setVariable(StepContext ctx, String key, String value) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxVariableBytes) {
            throw new FatalError("variable_set: " + key + " would hold " + bytes + " bytes, more than the "
                    + maxVariableBytes + " a variable may hold");
        }
        if (!ctx.vars.containsKey(key) && ctx.vars.size() >= maxVariables) {
            throw new FatalError("variable_set: " + key + " would be variable " + (ctx.vars.size() + 1)
                    + ", more than the " + maxVariables + " an activeflow may hold");
        }
        ctx.set(key, value);
    }

    private Uni<Void> fetch(StepContext ctx, JsonNode option) {
        String url = option.path("event_url").asText("");
        String method = option.path("event_method").asText("POST").toUpperCase();
        if (method.isEmpty()) {
            method = "POST";
        }
        ObjectNode body = ActionsValidator.JSON.createObjectNode();
        body.put("activeflow_id", ctx.af.id.toString());
        body.put("reference_id", Ids.format(ctx.af.referenceId));
        boolean get = method.equals("GET");
        EgressHttpClient.Request request = new EgressHttpClient.Request(method, url,
                get ? Map.of() : Map.of("Content-Type", "application/json; charset=utf-8"),
                get ? null : ActionsValidator.text(body).getBytes(StandardCharsets.UTF_8), fetchTimeout);
        return http.send(request)
                .map(response -> {
                    if (response.status() != 200) {
                        throw new IllegalStateException("fetch " + url + " answered " + response.status());
                    }
                    ArrayNode actions = ActionsValidator.validate(
                            ActionsValidator.parseArray("fetch", response.body().toString(StandardCharsets.UTF_8)), "fetch");
                    push(ctx, actions);
                    return null;
                });
    }

    private Uni<Void> fetchFlow(StepContext ctx, JsonNode option) {
        UUID flowId = ActionsValidator.asUuid(option.path("flow_id").asText(""));
        if (flowId == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("fetch_flow: flow_id is not a UUID"));
        }
        return flows.findForCustomer(ctx.af.customerId, flowId)
                .map(flow -> {
                    if (flow == null) {
                        throw new IllegalStateException("fetch_flow: flow " + flowId + " not found");
                    }
                    JsonNode actions = ActionsValidator.parseArray("flow", flow.actionsJson);
                    push(ctx, (ArrayNode) actions);
                    return null;
                });
    }

    static Address address(JsonNode node) {
        return Address.newBuilder()
                .setType(node.path("type").asText(""))
                .setTarget(node.path("target").asText(""))
                .setTargetName(node.path("target_name").asText(""))
                .setName(node.path("name").asText(""))
                .setDetail(node.path("detail").asText(""))
                .build();
    }

    /** The call's own source (from voipbin.call.source.*), used when connect names none. */
    private static Address callSource(StepContext ctx) {
        String p = "voipbin.call.source.";
        return Address.newBuilder()
                .setType(ctx.vars.getOrDefault(p + "type", ""))
                .setTarget(ctx.vars.getOrDefault(p + "target", ""))
                .setTargetName(ctx.vars.getOrDefault(p + "target_name", ""))
                .setName(ctx.vars.getOrDefault(p + "name", ""))
                .setDetail(ctx.vars.getOrDefault(p + "detail", ""))
                .build();
    }

    private static ObjectNode action(String id, String type, ObjectNode option) {
        ObjectNode a = ActionsValidator.JSON.createObjectNode();
        a.put("id", id == null ? Ids.newId().toString() : id);
        a.put("type", type);
        a.set("option", option == null ? ActionsValidator.JSON.createObjectNode() : option);
        return a;
    }

    private static ObjectNode obj() {
        return ActionsValidator.JSON.createObjectNode();
    }

    /** The flow of each connect leg: join the bridge (after the whisper, if any), then hang up. */
    static ArrayNode legActions(String confbridgeId, JsonNode whisper) {
        ArrayNode legs = ActionsValidator.JSON.createArrayNode();
        String joinId = Ids.newId().toString();
        String hangupId = Ids.newId().toString();
        if (whisper != null && whisper.isObject() && whisper.path("enabled").asBoolean(true)) {
            String message = whisper.path("message").asText("");
            String recording = whisper.path("play_recording").asText("");
            if (!message.isEmpty()) {
                legs.add(action(null, "talk", obj().put("text", message)));
            }
            if (!recording.isEmpty()) {
                ObjectNode play = obj();
                play.putArray("stream_urls").add(recording);
                legs.add(action(null, "play", play));
            }
            String accept = whisper.path("accept_key").asText("1");
            String reject = whisper.path("reject_key").asText("");
            legs.add(action(null, "digits_receive", obj().put("length", 1).put("duration", 10000).put("key", accept + reject)));
            ObjectNode branch = obj().put("variable", "voipbin.call.digits").put("default_target_id", hangupId);
            branch.putObject("target_ids").put(accept, joinId);
            legs.add(action(null, "branch", branch));
        }
        legs.add(action(joinId, "confbridge_join", obj().put("confbridge_id", confbridgeId)));
        legs.add(action(hangupId, "hangup", obj()));
        return legs;
    }

    private Uni<Void> connect(StepContext ctx, JsonNode option) {
        if (!ctx.isCall() || ctx.af.referenceId == null) {
            return Uni.createFrom().failure(new IllegalStateException("connect needs a call"));
        }
        String callId = ctx.af.referenceId.toString();
        String customer = ctx.af.customerId.toString();
        JsonNode whisper = option.path("whisper");
        boolean whispering = whisper.isObject() && whisper.path("enabled").asBoolean(true);
        return calls.createConnectBridge(ctx.af.customerId, ctx.af.id, callId)
                .chain(confbridge -> {
                    CreateCallsRequest.Builder request = CreateCallsRequest.newBuilder()
                            .setCustomerId(customer)
                            .setSource(option.has("source") ? address(option.get("source")) : callSource(ctx))
                            .addAllActions(FlowActionJson.actionsFromJson(
                                    ActionsValidator.text(legActions(confbridge.getId(), whispering ? whisper : null))))
                            .setMasterCallId(callId)
                            .setEarlyExecution(option.path("early_media").asBoolean(false))
                            .setConnect(true)
                            .setAnonymous(option.path("anonymous").asText(""))
                            .setDialTimeoutMs(option.path("ring_timeout").asInt(0));
                    option.path("destinations").forEach(d -> request.addDestinations(address(d)));
                    return calls.createCalls(request.build()).map(response -> {
                        if (response.getCallsCount() == 0) {
                            throw new IllegalStateException("connect created no call");
                        }
                        ArrayNode pushed = ActionsValidator.JSON.createArrayNode();
                        pushed.add(action(null, "confbridge_join", obj().put("confbridge_id", confbridge.getId())));
                        if (option.path("relay_reason").asBoolean(false) && !whispering) {
                            pushed.add(action(null, "hangup", obj().put("reference_id", response.getCalls(0).getId())));
                        }
                        push(ctx, pushed);
                        return null;
                    });
                });
    }

    private Uni<Void> call(StepContext ctx, JsonNode option) {
        CreateCallsRequest.Builder request = CreateCallsRequest.newBuilder()
                .setCustomerId(ctx.af.customerId.toString())
                .setEarlyExecution(option.path("early_execution").asBoolean(false))
                .setAnonymous(option.path("anonymous").asText(""));
        if (option.has("source")) {
            request.setSource(address(option.get("source")));
        } else if (ctx.isCall()) {
            request.setSource(callSource(ctx));
        }
        option.path("destinations").forEach(d -> request.addDestinations(address(d)));
        String flowId = option.path("flow_id").asText("");
        if (!flowId.isEmpty() && !flowId.equals(EngineState.EMPTY_ID)) {
            request.setFlowId(flowId);
        } else {
            request.addAllActions(FlowActionJson.actionsFromJson(ActionsValidator.text(option.path("actions").isArray()
                    ? option.get("actions") : ActionsValidator.JSON.createArrayNode())));
        }
        if (option.path("chained").asBoolean(false) && ctx.isCall() && ctx.af.referenceId != null) {
            request.setMasterCallId(ctx.af.referenceId.toString());
        }
        return calls.createCalls(request.build()).replaceWithVoid();
    }
}
