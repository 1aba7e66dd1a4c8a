package net.voipbin.call.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import net.voipbin.call.client.AriClient;
import net.voipbin.call.client.FlowClient;
import net.voipbin.call.mapping.AddressJson;
import net.voipbin.call.mapping.CallMapper;
import net.voipbin.call.model.Call;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.common.db.DurableTimers;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.common.v1.Address;
import net.voipbin.proto.flow.v1.Action;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The call side of the next-action handshake: asks flow-manager for the call's next action, stores it
 * (with a sequence number) and executes it on Asterisk. Completions (playback finished, DTMF, timeout,
 * bridge left) name the sequence they complete, so a late or repeated completion never skips an action.
 */
@ApplicationScoped
public class FlowDriver {

    private static final Logger LOG = Logger.getLogger(FlowDriver.class);
    public static final String DIGITS = "voipbin.call.digits";

    private final CallRepository calls;
    private final CallEvents events;
    private final DurableTimers timers;
    private final AriClient ari;
    private final FlowClient flows;
    private final ObjectMapper json;
    private final Instance<CallLifecycle> lifecycle;
    private final Instance<RecordingService> recordings;
    private final Instance<ConfbridgeService> confbridges;

    public FlowDriver(CallRepository calls, CallEvents events, DurableTimers timers, AriClient ari, FlowClient flows,
                      ObjectMapper json, Instance<CallLifecycle> lifecycle, Instance<RecordingService> recordings,
                      Instance<ConfbridgeService> confbridges) {
        this.calls = calls;
        this.events = events;
        this.timers = timers;
        this.ari = ari;
        this.flows = flows;
        this.json = json;
        this.lifecycle = lifecycle;
        this.recordings = recordings;
        this.confbridges = confbridges;
    }

    /** The flow variables call-manager owns, written when the call's activeflow starts. */
    public static Map<String, String> callVariables(Call call) {
        Map<String, String> v = new HashMap<>();
        v.put("voipbin.call.id", call.id.toString());
        address(v, "voipbin.call.source.", AddressJson.fromJson(call.sourceJson));
        address(v, "voipbin.call.destination.", AddressJson.fromJson(call.destinationJson));
        v.put("voipbin.call.direction", call.direction);
        v.put("voipbin.call.master_call_id", CallMapper.nil(call.masterCallId));
        v.put(DIGITS, "");
        return v;
    }

    private static void address(Map<String, String> v, String prefix, Address a) {
        v.put(prefix + "type", a.getType());
        v.put(prefix + "target", a.getTarget());
        v.put(prefix + "target_name", a.getTargetName());
        v.put(prefix + "name", a.getName());
        v.put(prefix + "detail", a.getDetail());
    }

    static String actionId(String actionJson) {
        if (actionJson == null) {
            return FlowClient.START_ACTION_ID;
        }
        return CallMapper.readTree(actionJson).path("id").asText(FlowClient.START_ACTION_ID);
    }

    /**
     * Completes action number {@code seq} of the call and runs the next one. Does nothing when the
     * call already moved past {@code seq} (a stale completion) or is ending.
     */
    public Uni<Void> next(UUID callId, int seq, boolean force) {
        return calls.findById(callId).chain(call -> {
            if (call == null || call.isHangingUp() || (!force && call.actionSeq != seq)) {
                return Uni.createFrom().voidItem();
            }
            if (call.activeflowId == null) {
                return lifecycle.get().hangingUp(callId, "normal").replaceWithVoid();
            }
            int current = call.actionSeq;
            if (force && !call.playbackId.isEmpty()) {
                // The playback's PlaybackFinished completes the action.
                return ari.stopPlayback(call.asteriskId, call.playbackId).replaceWithVoid();
            }
            return flows.next(call.customerId, call.activeflowId, actionId(call.action))
                    .onFailure().recoverWithUni(e -> onNextFailed(call, current, e).replaceWith((Action) null))
                    .chain(action -> action == null ? Uni.createFrom().voidItem() : store(callId, current, action));
        });
    }

    private Uni<Void> onNextFailed(Call call, int seq, Throwable e) {
        Status.Code code = e instanceof StatusRuntimeException s ? s.getStatus().getCode() : Status.Code.UNKNOWN;
        if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
            LOG.warnf("next action of call %s: %s; retrying in 1 s", call.id, e.getMessage());
            return Panache.withTransaction(() -> timers.schedule(CallLifecycle.TIMER_ACTION_RETRY, call.id.toString(),
                    call.customerId, Integer.toString(seq), TimeFormat.now().plusSeconds(1))).replaceWithVoid();
        }
        if (code == Status.Code.FAILED_PRECONDITION) {
            // Someone else advanced the activeflow already (a duplicate completion): nothing to do.
            LOG.debugf("next action of call %s refused: %s", call.id, e.getMessage());
            return Uni.createFrom().voidItem();
        }
        // The activeflow is gone or ended: the call has nothing left to do.
        LOG.infof("next action of call %s failed (%s): hanging up", call.id, e.getMessage());
        return lifecycle.get().hangingUp(call.id, "normal").replaceWithVoid();
    }

    private Uni<Void> store(UUID callId, int seq, Action action) {
        ObjectNode stored = json.createObjectNode();
        stored.put("id", action.getId());
        stored.put("next_id", action.getNextId().isEmpty() ? FlowClient.EMPTY_ACTION_ID : action.getNextId());
        stored.put("type", action.getType());
        stored.set("option", option(action));
        stored.put("tm_execute", TimeFormat.format(TimeFormat.now()));
        return Panache.withTransaction(() -> calls.lockById(callId).chain(call -> {
            if (call == null || call.actionSeq != seq || call.isHangingUp()) {
                return Uni.createFrom().item((Call) null);
            }
            call.action = stored.toString();
            call.actionSeq = seq + 1;
            call.playbackId = "";
            call.tmUpdate = TimeFormat.now();
            return events.publish(CallEvents.UPDATED, call).replaceWith(call);
        })).chain(call -> call == null ? Uni.createFrom().voidItem() : execute(call, action.getId(), action.getType(), stored.path("option")));
    }

    private JsonNode option(Action action) {
        if (action.getOptionJson().isEmpty()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(action.getOptionJson());
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    private Uni<Void> done(Call call) {
        return next(call.id, call.actionSeq, false);
    }

    private Uni<Void> after(Call call, long millis) {
        return Panache.withTransaction(() -> timers.schedule(CallLifecycle.TIMER_ACTION, call.id.toString(), call.customerId,
                Integer.toString(call.actionSeq), TimeFormat.now().plus(Duration.ofMillis(Math.max(0, millis))))).replaceWithVoid();
    }

    public String playbackId(Call call) {
        return call.id + ":" + call.actionSeq;
    }

    private Uni<Void> execute(Call call, String id, String type, JsonNode option) {
        if (FlowClient.FINISH_ACTION_ID.equals(id) || FlowClient.EMPTY_ACTION_ID.equals(id)) {
            return lifecycle.get().hangingUp(call.id, "normal").replaceWithVoid();
        }
        Uni<Void> run;
        try {
            run = switch (type) {
                case "answer" -> ari.answer(call.asteriskId, call.channelId).chain(() -> done(call));
                case "talk" -> talk(call, option);
                case "play" -> play(call, streamUrls(option), null);
                case "beep" -> play(call, List.of("sound:beep"), null);
                case "digits_receive" -> digitsReceive(call, option);
                case "digits_send", "dtmf_send" -> digitsSend(call, option);
                case "sleep" -> after(call, option.path("duration").asLong(0));
                case "echo", "stream_echo" -> after(call, option.path("duration").asLong(0) <= 0 ? 180_000 : option.path("duration").asLong());
                case "hangup" -> hangupAction(call, option);
                case "recording_start", "record_start" -> recordings.get().startForAction(call, option).chain(() -> done(call));
                case "recording_stop", "record_stop" -> recordings.get().stopCurrent(call).chain(() -> done(call));
                case "record_voice" -> recordings.get().recordVoice(call, option);
                case "moh_start", "moh_stop" -> ari.toggle(call.asteriskId, call.channelId, "moh", type.equals("moh_start"), Map.of())
                        .chain(() -> done(call));
                case "hold", "unhold" -> ari.toggle(call.asteriskId, call.channelId, "hold", type.equals("hold"), Map.of())
                        .chain(() -> done(call));
                case "mute", "unmute" -> mute(call, type.equals("mute"), option.path("direction").asText("both"));
                case "silence_start", "silence_stop" -> ari.toggle(call.asteriskId, call.channelId, "silence", type.equals("silence_start"), Map.of())
                        .chain(() -> done(call));
                case "confbridge_join" -> confbridges.get().join(call, UUID.fromString(option.path("confbridge_id").asText()));
                default -> {
                    LOG.infof("call %s: action type %s is not executed by call-manager; skipped", call.id, type);
                    yield done(call);
                }
            };
        } catch (RuntimeException e) {
            run = Uni.createFrom().failure(e);
        }
        // A failed media action is skipped, as the reference does; flow-manager's step cap stops a loop of failures.
        return run.onFailure().recoverWithUni(e -> {
            LOG.warnf("call %s action %s (%s) failed: %s", call.id, id, type, e.getMessage());
            return done(call);
        });
    }

    private static List<String> streamUrls(JsonNode option) {
        List<String> urls = new ArrayList<>();
        option.path("stream_urls").forEach(u -> urls.add(u.asText()));
        return urls;
    }

    private Uni<Void> answerFirst(Call call) {
        return Call.STATUS_PROGRESSING.equals(call.status) || Call.DIRECTION_OUTGOING.equals(call.direction)
                ? Uni.createFrom().voidItem()
                : ari.answer(call.asteriskId, call.channelId).replaceWithVoid();
    }

    private Uni<Void> talk(Call call, JsonNode option) {
        String text = option.path("text").asText("");
        String language = option.path("language").asText("");
        boolean async = option.path("async").asBoolean(false);
        if (async) {
            return answerFirst(call)
                    .chain(() -> ari.play(call.asteriskId, call.channelId, call.id + ":async-" + call.actionSeq, List.of("tts:" + text), language))
                    .chain(() -> done(call));
        }
        return answerFirst(call).chain(() -> play(call, List.of("tts:" + text), language));
    }

    /** Plays media as this action; PlaybackFinished with this action's playback id completes it. */
    private Uni<Void> play(Call call, List<String> media, String language) {
        if (media.isEmpty()) {
            return done(call);
        }
        String playbackId = playbackId(call);
        return answerFirst(call)
                .chain(() -> Panache.withTransaction(() -> calls.lockById(call.id).invoke(c -> {
                    if (c.actionSeq == call.actionSeq) {
                        c.playbackId = playbackId;
                    }
                })))
                .chain(() -> ari.play(call.asteriskId, call.channelId, playbackId, media, language))
                .replaceWithVoid();
    }

    public Uni<Void> onPlaybackFinished(String playbackId) {
        int colon = playbackId.lastIndexOf(':');
        if (colon < 0) {
            return Uni.createFrom().voidItem();
        }
        UUID callId;
        int seq;
        try {
            callId = UUID.fromString(playbackId.substring(0, colon));
            seq = Integer.parseInt(playbackId.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().voidItem(); // RPC talk/play and async talk do not drive the flow
        }
        return Panache.withTransaction(() -> calls.lockById(callId).invoke(c -> {
                    if (c != null && c.actionSeq == seq) {
                        c.playbackId = "";
                    }
                }))
                .chain(() -> next(callId, seq, false));
    }

    private Uni<Void> digitsReceive(Call call, JsonNode option) {
        return flows.getVariables(call.customerId, call.activeflowId).chain(vars -> {
            String digits = vars.getVariablesOrDefault(DIGITS, "");
            if (satisfied(digits, option)) {
                return done(call);
            }
            long duration = option.path("duration").asLong(0);
            return after(call, duration <= 0 ? 5_000 : duration);
        });
    }

    static boolean satisfied(String digits, JsonNode option) {
        int length = option.path("length").asInt(0);
        String key = option.path("key").asText("");
        if (length > 0 && digits.length() >= length) {
            return true;
        }
        for (char c : digits.toCharArray()) {
            if (!key.isEmpty() && key.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    private Uni<Void> digitsSend(Call call, JsonNode option) {
        String digits = option.path("digits").asText("");
        int duration = option.path("duration").asInt(0) <= 0 ? 100 : option.path("duration").asInt();
        int interval = option.path("interval").asInt(0) < 0 ? 0 : option.path("interval").asInt(0);
        if (digits.isEmpty()) {
            return done(call);
        }
        long total = (long) duration * digits.length() + (long) interval * (digits.length() - 1);
        return ari.dtmf(call.asteriskId, call.channelId, digits, duration, interval).chain(() -> after(call, total));
    }

    private Uni<Void> hangupAction(Call call, JsonNode option) {
        String referenceId = option.path("reference_id").asText("");
        if (!referenceId.isEmpty() && !FlowClient.EMPTY_ACTION_ID.equals(referenceId)) {
            // Relay: end with the reason the referenced call (e.g. the callee of a connect) ended with.
            return calls.findForCustomer(call.customerId, UUID.fromString(referenceId)).chain(ref -> {
                String reason = ref == null || ref.hangupReason == null || ref.hangupReason.isEmpty() ? "normal" : ref.hangupReason;
                return lifecycle.get().hangingUp(call.id, reason).replaceWithVoid();
            });
        }
        String reason = option.path("reason").asText("");
        return lifecycle.get().hangingUp(call.id, HangupReasons.ALL.contains(reason) ? reason : "normal").replaceWithVoid();
    }

    private Uni<Void> mute(Call call, boolean on, String direction) {
        String dir = direction == null || direction.isEmpty() ? "both" : direction;
        return ari.toggle(call.asteriskId, call.channelId, "mute", on, Map.of("direction", dir))
                .chain(() -> Panache.withTransaction(() -> calls.lockById(call.id).chain(c -> {
                    c.muteDirection = CallMedia.muteAfter(c.muteDirection, on, dir);
                    c.tmUpdate = TimeFormat.now();
                    return events.publish(CallEvents.UPDATED, c);
                })))
                .chain(() -> done(call));
    }

    /** A DTMF digit on the call's channel, written to voipbin.call.digits for the flow. */
    public Uni<Void> onDtmf(String channelId, String digit) {
        return calls.findByChannel(channelId).chain(call -> {
            if (call == null || call.activeflowId == null || call.isHangingUp()) {
                return Uni.createFrom().voidItem();
            }
            JsonNode action = call.action == null ? json.createObjectNode() : CallMapper.readTree(call.action);
            String type = action.path("type").asText("");
            JsonNode option = action.path("option");
            int seq = call.actionSeq;
            if ("digits_receive".equals(type)) {
                return flows.setVariables(call.customerId, call.activeflowId, Map.of(DIGITS, "${" + DIGITS + "}" + digit))
                        .chain(vars -> satisfied(vars.getVariablesOrDefault(DIGITS, ""), option)
                                ? next(call.id, seq, false) // the pending action timeout finds the action done
                                : Uni.createFrom().voidItem());
            }
            Uni<Void> store = flows.setVariables(call.customerId, call.activeflowId, Map.of(DIGITS, digit)).replaceWithVoid();
            if ("talk".equals(type) && "next".equals(option.path("digits_handle").asText("")) && !call.playbackId.isEmpty()) {
                return store.chain(() -> ari.stopPlayback(call.asteriskId, call.playbackId)).replaceWithVoid();
            }
            return store;
        });
    }

    public Uni<Void> stopActiveflow(Call call) {
        return flows.stop(call.customerId, call.activeflowId)
                .onFailure(e -> e instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.NOT_FOUND)
                .recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * A leg of a connect ended. If its master still waits in confbridge_join with nobody joined and no
     * other leg alive, the connect failed: the master's flow continues (the reference leaves it waiting).
     */
    public Uni<Void> onConnectLegEnded(UUID masterId, UUID legId) {
        return calls.findById(masterId).chain(master -> {
            if (master == null || master.isHangingUp() || master.action == null) {
                return Uni.createFrom().voidItem();
            }
            JsonNode action = CallMapper.readTree(master.action);
            if (!"confbridge_join".equals(action.path("type").asText())) {
                return Uni.createFrom().voidItem();
            }
            int seq = master.actionSeq;
            List<UUID> legs = CallMapper.ids(master.chainedCallIds);
            return calls.list("id in ?1", legs).chain(all -> {
                boolean anyAlive = all.stream().anyMatch(c -> c.connectLeg && c.isLive() && !c.id.equals(legId));
                boolean anyJoined = all.stream().anyMatch(c -> c.connectLeg && c.confbridgeId != null && c.isLive());
                if (anyAlive || anyJoined) {
                    return Uni.createFrom().voidItem();
                }
                return confbridges.get().leave(master).chain(() -> next(masterId, seq, false));
            });
        });
    }

    public Uni<Void> onActionTimeout(UUID callId, int seq) {
        return next(callId, seq, false);
    }
}
