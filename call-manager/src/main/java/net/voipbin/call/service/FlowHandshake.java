package net.voipbin.call.service;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.client.AriClient;
import net.voipbin.call.client.FlowClient;
import net.voipbin.call.mapping.AddressJson;
import net.voipbin.call.mapping.CallMapper;
import net.voipbin.call.model.Call;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.call.service.action.ActionExecutor;
import net.voipbin.call.service.action.ActionOutcome;
import net.voipbin.call.service.action.MediaPlayback;
import net.voipbin.common.db.DurableTimers;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.common.v1.Address;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.proto.flow.v1.ActionJson;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The call side of the next-action handshake: asks flow-manager for the call's next action, stores it
 * with the next sequence number and hands it to the {@link ActionExecutor}. Completions (playback
 * finished, DTMF, timeout, bridge left, recording finished) name the sequence they complete
 * ({@link ActionCompleted}), so a late or repeated completion never skips an action. Nothing below
 * calls back into this class: completions are returned to the listener or timer that observed them.
 */
@ApplicationScoped
public class FlowHandshake {

    private static final Logger LOG = Logger.getLogger(FlowHandshake.class);
    public static final String DIGITS = "voipbin.call.digits";
    public static final String TIMER_ACTION = "call.action-timeout";
    public static final String TIMER_ACTION_RETRY = "call.action-next-retry";

    private final CallRepository calls;
    private final CallEvents events;
    private final DurableTimers timers;
    private final AriClient ari;
    private final FlowClient flows;
    private final CallLifecycle lifecycle;
    private final ActionExecutor executor;
    private final Transactions tx;

    public FlowHandshake(CallRepository calls, CallEvents events, DurableTimers timers, AriClient ari, FlowClient flows,
                         CallLifecycle lifecycle, ActionExecutor executor, Transactions tx) {
        this.tx = tx;
        this.calls = calls;
        this.events = events;
        this.timers = timers;
        this.ari = ari;
        this.flows = flows;
        this.lifecycle = lifecycle;
        this.executor = executor;
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

    /** The call's current action (typed), or null before the first one. */
    public static Action currentAction(Call call) {
        return call.action == null ? null : ActionJson.fromJson(call.action);
    }

    static String actionId(Call call) {
        Action current = currentAction(call);
        return current == null || current.getId().isEmpty() ? FlowClient.START_ACTION_ID : current.getId();
    }

    /** Durable timer keys name the action's sequence too: a new action's timeout never collides with a firing one. */
    public static String timerKey(UUID callId, int seq) {
        return callId + ":" + seq;
    }

    public static UUID callOfTimerKey(String key) {
        int colon = key.indexOf(':');
        return UUID.fromString(colon < 0 ? key : key.substring(0, colon));
    }

    /**
     * Outgoing calls run their flow once answered (or from ringing with early_execution); incoming
     * calls from the start. Re-checked on every redelivery: a flow not yet started is started.
     */
    public Uni<Void> startIfDue(Call call) {
        if (call == null || !call.isLive() || call.isHangingUp() || call.action != null || call.actionSeq != 0) {
            return Uni.createFrom().voidItem();
        }
        boolean due = Call.DIRECTION_INCOMING.equals(call.direction)
                || Call.STATUS_PROGRESSING.equals(call.status)
                || (call.earlyExecution && Call.STATUS_RINGING.equals(call.status));
        return due ? next(call.id, 0, false) : Uni.createFrom().voidItem();
    }

    /** The port completions arrive through; null (nothing completed) is fine. */
    public Uni<Void> complete(ActionCompleted completed) {
        return completed == null ? Uni.createFrom().voidItem() : next(completed.callId(), completed.seq(), false);
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
                return lifecycle.hangingUp(callId, "normal").replaceWithVoid();
            }
            int current = call.actionSeq;
            if (force && !call.playbackId.isEmpty()) {
                // The playback's PlaybackFinished completes the action.
                return ari.stopPlayback(call.asteriskId, call.playbackId).replaceWithVoid();
            }
            return flows.next(call.customerId, call.activeflowId, actionId(call))
                    .onFailure().recoverWithUni(e -> onNextFailed(call, current, e).replaceWith((Action) null))
                    .chain(action -> action == null ? Uni.createFrom().voidItem() : store(callId, current, action));
        });
    }

    private Uni<Void> onNextFailed(Call call, int seq, Throwable e) {
        Status.Code code = e instanceof StatusRuntimeException s ? s.getStatus().getCode() : Status.Code.UNKNOWN;
        if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
            LOG.warnf("next action of call %s: %s; retrying in 1 s", call.id, e.getMessage());
            return tx.retrying(() -> timers.schedule(TIMER_ACTION_RETRY, timerKey(call.id, seq),
                    call.customerId, Integer.toString(seq), TimeFormat.now().plusSeconds(1))).replaceWithVoid();
        }
        if (code == Status.Code.FAILED_PRECONDITION) {
            // Someone else advanced the activeflow already (a duplicate completion): nothing to do.
            LOG.debugf("next action of call %s refused: %s", call.id, e.getMessage());
            return Uni.createFrom().voidItem();
        }
        // The activeflow is gone or ended: the call has nothing left to do.
        LOG.infof("next action of call %s failed (%s): hanging up", call.id, e.getMessage());
        return lifecycle.hangingUp(call.id, "normal").replaceWithVoid();
    }

    private Uni<Void> store(UUID callId, int seq, Action received) {
        Action action = received.toBuilder()
                .setNextId(received.getNextId().isEmpty() ? FlowClient.EMPTY_ACTION_ID : received.getNextId())
                .setTmExecute(TimeFormat.format(TimeFormat.now()))
                .build();
        return tx.retrying(() -> calls.lockById(callId).chain(call -> {
            if (call == null || call.actionSeq != seq || call.isHangingUp()) {
                return Uni.createFrom().item((Call) null);
            }
            call.action = ActionJson.toJson(action);
            call.actionSeq = seq + 1;
            call.playbackId = "";
            call.tmUpdate = TimeFormat.now();
            return events.publish(CallEvents.UPDATED, call).replaceWith(call);
        })).chain(call -> call == null ? Uni.createFrom().voidItem() : run(call, action));
    }

    private Uni<Void> run(Call call, Action action) {
        if (FlowClient.FINISH_ACTION_ID.equals(action.getId()) || FlowClient.EMPTY_ACTION_ID.equals(action.getId())) {
            return lifecycle.hangingUp(call.id, "normal").replaceWithVoid();
        }
        return executor.execute(call, action)
                // A failed media action is skipped, as the reference does; flow-manager's step cap stops a loop of failures.
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("call %s action %s (%s) failed: %s", call.id, action.getId(), action.getType(), e.getMessage());
                    return ActionOutcome.NEXT;
                })
                .chain(outcome -> switch (outcome.kind()) {
                    case NEXT -> next(call.id, call.actionSeq, false);
                    case AFTER -> tx.retrying(() -> timers.schedule(TIMER_ACTION, timerKey(call.id, call.actionSeq),
                            call.customerId, Integer.toString(call.actionSeq),
                            TimeFormat.now().plus(Duration.ofMillis(outcome.afterMillis())))).replaceWithVoid();
                    case WAIT -> Uni.createFrom().voidItem();
                });
    }

    /** PlaybackFinished: a flow playback completes its action (RPC and async playbacks complete nothing). */
    public Uni<Void> onPlaybackFinished(String playbackId) {
        MediaPlayback.Completion done = MediaPlayback.parse(playbackId);
        if (done == null) {
            return Uni.createFrom().voidItem();
        }
        return tx.retrying(() -> calls.lockById(done.callId()).invoke(c -> {
                    if (c != null && c.actionSeq == done.seq()) {
                        c.playbackId = "";
                    }
                }))
                .chain(() -> next(done.callId(), done.seq(), false));
    }

    /** Ends the call's activeflow (already gone is fine). */
    public Uni<Void> stopActiveflow(Call call) {
        return flows.stop(call.customerId, call.activeflowId)
                .onFailure(e -> e instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.NOT_FOUND)
                .recoverWithNull()
                .replaceWithVoid();
    }
}
