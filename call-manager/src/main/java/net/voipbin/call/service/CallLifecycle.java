package net.voipbin.call.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.client.AriClient;
import net.voipbin.call.config.CallConfig;
import net.voipbin.call.mapping.AddressJson;
import net.voipbin.call.model.Call;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.common.db.DurableTimers;
import net.voipbin.common.time.TimeFormat;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.UUID;

/**
 * A call's status, forward only: dialing -> ringing -> progressing -> terminating|canceling -> hangup.
 * Driven by ARI (state changes, ChannelDestroyed), by hangup requests (RPC, flow, timers, cascade).
 * Every change commits with its event (outbox) and its timers; work on other systems (ARI)
 * happens after the commit and is derived from the stored state, so a redelivered event redoes it safely.
 * It knows nothing of flows: what follows a transition (the flow starting, a re-dial on the next
 * route, the after-hangup tail) is returned to, or scheduled for, the layer above.
 */
@ApplicationScoped
public class CallLifecycle {

    private static final Logger LOG = Logger.getLogger(CallLifecycle.class);

    public static final String TIMER_DIAL = "call.dial-timeout";
    public static final String TIMER_MAX_DURATION = "call.max-duration";

    private final CallRepository calls;
    private final CallEvents events;
    private final DurableTimers timers;
    private final AriClient ari;
    private final CallConfig config;
    private final Transactions tx;

    public CallLifecycle(CallRepository calls, CallEvents events, DurableTimers timers, AriClient ari, CallConfig config, Transactions tx) {
        this.tx = tx;
        this.calls = calls;
        this.events = events;
        this.timers = timers;
        this.ari = ari;
        this.config = config;
    }

    /**
     * ARI ChannelStateChange (and ChannelCreated, StasisStart of an outgoing channel) of a call's
     * channel. Emits the call as it is now (null: not ours), for the flow to start if it is due.
     */
    public Uni<Call> onChannelState(String channelId, String state, String asteriskId) {
        String target = switch (state) {
            case "Ring", "Ringing" -> Call.STATUS_RINGING;
            case "Up" -> Call.STATUS_PROGRESSING;
            default -> null;
        };
        if (target == null) {
            return Uni.createFrom().nullItem();
        }
        return tx.retrying(() -> calls.lockByChannel(channelId).chain(call -> {
            if (call == null) {
                return Uni.createFrom().item((Call) null);
            }
            if ((call.asteriskId == null || call.asteriskId.isEmpty()) && asteriskId != null) {
                call.asteriskId = asteriskId;
            }
            boolean fromEarly = Call.STATUS_DIALING.equals(call.status)
                    || (Call.STATUS_RINGING.equals(call.status) && Call.STATUS_PROGRESSING.equals(target));
            if (!fromEarly) {
                return Uni.createFrom().item(call);
            }
            call.status = target;
            call.tmUpdate = TimeFormat.now();
            Uni<Void> work;
            if (Call.STATUS_RINGING.equals(target)) {
                call.tmRinging = call.tmUpdate;
                work = events.publish(CallEvents.RINGING, call);
            } else {
                call.tmProgressing = call.tmUpdate;
                // The dial timeout is left to fire: it re-checks the status (no DELETE, no gap lock).
                work = events.publish(CallEvents.ANSWERED, call)
                        .chain(() -> events.publish(CallEvents.PROGRESSING, call));
            }
            return work.replaceWith(call);
        }));
    }

    /**
     * Asks for the call to end: dialing/ringing outgoing calls are canceling, others terminating; the
     * channel is hung up with the reason's cause. Idempotent. Emits the call as it is now.
     */
    public Uni<Call> hangingUp(UUID callId, String reason) {
        return tx.retrying(() -> calls.lockById(callId).chain(call -> {
            if (call == null || call.isHangingUp()) {
                return Uni.createFrom().item(call == null ? null : new Prior(call, false));
            }
            boolean early = Call.STATUS_DIALING.equals(call.status) || Call.STATUS_RINGING.equals(call.status);
            call.status = early && Call.DIRECTION_OUTGOING.equals(call.direction) ? Call.STATUS_CANCELING : Call.STATUS_TERMINATING;
            call.requestedReason = reason == null ? "" : reason;
            call.tmUpdate = TimeFormat.now();
            return events.publish(CallEvents.UPDATED, call).replaceWith(new Prior(call, true));
        })).chain(prior -> {
            if (prior == null) {
                return Uni.createFrom().nullItem();
            }
            Call call = prior.call();
            if (Call.STATUS_HANGUP.equals(call.status)) {
                return Uni.createFrom().item(call);
            }
            if (call.channelId == null) {
                return finish(call.id, 16).replaceWith(call);
            }
            return ari.hangup(call.asteriskId, call.channelId, HangupReasons.cause(call.requestedReason))
                    .chain(answer -> answer.status() == 404
                            // Asterisk no longer knows the channel and no ChannelDestroyed will come.
                            ? finish(call.id, 16)
                            : Uni.createFrom().voidItem())
                    .onFailure().invoke(e -> LOG.warnf("hangup of call %s channel %s: %s", call.id, call.channelId, e.getMessage()))
                    .onFailure().recoverWithNull()
                    .replaceWith(call);
        });
    }

    private record Prior(Call call, boolean changed) {
    }

    /**
     * ARI ChannelHangupRequest: the channel is going (PlaybackFinished and ChannelLeftBridge of it may
     * still come before ChannelDestroyed); no further flow action may start on it. For our own
     * hangups the call is already terminating/canceling and this changes nothing.
     */
    public Uni<Void> onHangupRequest(String channelId) {
        return tx.retrying(() -> calls.lockByChannel(channelId).invoke(call -> {
            if (call != null && call.isLive() && !call.farEndHangingUp) {
                call.farEndHangingUp = true;
            }
        })).replaceWithVoid();
    }

    /** Causes that are the callee's answer, not a route's failure: never a reason to try another route. */
    private static final Set<Integer> NOT_ROUTE_FAILURES = Set.of(0, 16, 17, 19, 21, 26, 200, 201);

    /**
     * ARI ChannelDestroyed of a call's channel: the call is over, unless it failed on its route
     * before being answered and another route is left (outgoing tel only, not with early execution
     * once ringing): then it is dialled again on the next route as a new channel. Emits that call
     * (to be originated again by the caller), or null.
     */
    public Uni<Call> onChannelDestroyed(String channelId, int cause) {
        return tx.retrying(() -> calls.lockByChannel(channelId).chain(call -> {
            if (call == null) {
                return Uni.createFrom().item((Call) null);
            }
            if (failsOver(call, cause)) {
                call.routeIndex++;
                call.channelId = call.id + "-" + call.routeIndex;
                call.farEndHangingUp = false;
                call.tmUpdate = TimeFormat.now();
                LOG.infof("call %s failed on route %d (cause %d): dialling route %d", call.id, call.routeIndex - 1, cause, call.routeIndex);
                return events.publish(CallEvents.UPDATED, call).replaceWith(call);
            }
            return finishLocked(call, cause).replaceWith((Call) null);
        }));
    }

    private boolean failsOver(Call call, int cause) {
        boolean early = Call.STATUS_DIALING.equals(call.status)
                || (Call.STATUS_RINGING.equals(call.status) && !call.earlyExecution);
        return call.isLive() && early && Call.DIRECTION_OUTGOING.equals(call.direction)
                && call.requestedReason.isEmpty()
                && "tel".equals(AddressJson.fromJson(call.destinationJson).getType())
                && !NOT_ROUTE_FAILURES.contains(cause)
                && call.routeIndex + 1 < config.pstnHosts().size();
    }

    /** Ends a call by id (its channel is gone or never existed). */
    public Uni<Void> finish(UUID callId, int cause) {
        return tx.retrying(() -> calls.lockById(callId)
                .chain(call -> call == null ? Uni.createFrom().voidItem() : finishLocked(call, cause)));
    }

    private Uni<Void> finishLocked(Call call, int cause) {
        if (!call.isLive()) {
            return Uni.createFrom().voidItem();
        }
        String before = call.status;
        call.hangupBy = HangupReasons.hangupBy(before);
        call.hangupReason = HangupReasons.reason(call.direction, before, cause, call.requestedReason);
        call.hangupCause = cause;
        call.status = Call.STATUS_HANGUP;
        call.tmHangup = TimeFormat.now();
        call.tmUpdate = call.tmHangup;
        call.playbackId = "";
        String key = call.id.toString();
        // Pending timers (dial, duration, action) are not deleted: each re-checks the call when it
        // fires and finds it over. Deleting them here took gap locks that deadlocked concurrent hangups.
        // Stopping the activeflow, hanging up chained calls and waking a waiting master happen
        // after this commit, durably: a crash in between still gets them done.
        return timers.schedule(AfterHangup.TIMER, key, call.customerId, "", TimeFormat.now())
                .chain(() -> events.publish(CallEvents.HUNGUP, call));
    }

    /** Dial timeout: an outgoing call still not answered is ours to end (reason dialout). */
    public Uni<Void> onDialTimeout(UUID callId) {
        return calls.findById(callId).chain(call -> call != null
                && (Call.STATUS_DIALING.equals(call.status) || Call.STATUS_RINGING.equals(call.status))
                ? hangingUp(callId, "dialout").replaceWithVoid()
                : Uni.createFrom().voidItem());
    }

    public Uni<Void> onMaxDuration(UUID callId) {
        return hangingUp(callId, "timeout").replaceWithVoid();
    }
}
