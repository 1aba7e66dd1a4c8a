package net.voipbin.call.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.client.AriClient;
import net.voipbin.call.mapping.CallMapper;
import net.voipbin.call.model.Call;
import net.voipbin.call.model.Confbridge;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.call.repository.ConfbridgeRepository;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.flow.v1.Action;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Confbridges: the mixing bridge of a connect action. The caller joins (confbridge_join) and waits;
 * each callee's flow joins the same bridge once answered. A member's confbridge_join completes when
 * it leaves the bridge; when a connect bridge is down to one member, the bridge is torn down so that
 * member's flow continues (typically a relayed hangup).
 */
@ApplicationScoped
public class ConfbridgeService {

    private static final Logger LOG = Logger.getLogger(ConfbridgeService.class);
    private static final Set<String> TYPES = Set.of(Confbridge.TYPE_CONNECT, Confbridge.TYPE_CONFERENCE);
    private static final Set<String> REFERENCE_TYPES = Set.of("call", "conference", "queue", "transfer", "ai");

    private final ConfbridgeRepository confbridges;
    private final CallRepository calls;
    private final CallEvents events;
    private final AriClient ari;
    private final Transactions tx;

    public ConfbridgeService(ConfbridgeRepository confbridges, CallRepository calls, CallEvents events, AriClient ari, Transactions tx) {
        this.tx = tx;
        this.confbridges = confbridges;
        this.calls = calls;
        this.events = events;
        this.ari = ari;
    }

    public Uni<Confbridge> create(UUID customerId, UUID activeflowId, String referenceType, UUID referenceId, String type) {
        String t = type == null || type.isEmpty() ? Confbridge.TYPE_CONNECT : type;
        if (!TYPES.contains(t)) {
            throw Errors.invalidArgument("type", "must be connect or conference");
        }
        String rt = referenceType == null || referenceType.isEmpty() ? "call" : referenceType;
        if (!REFERENCE_TYPES.contains(rt)) {
            throw Errors.invalidArgument("reference_type", "must be one of " + REFERENCE_TYPES);
        }
        Confbridge cb = new Confbridge();
        cb.id = Ids.newId();
        cb.customerId = customerId;
        cb.activeflowId = activeflowId;
        cb.referenceType = rt;
        cb.referenceId = referenceId;
        cb.type = t;
        cb.status = Confbridge.STATUS_PROGRESSING;
        cb.tmCreate = TimeFormat.now();
        return tx.retrying(() -> confbridges.persist(cb));
    }

    public Uni<Confbridge> get(UUID customerId, UUID id) {
        return Panache.withSession(() -> confbridges.findForCustomer(customerId, id))
                .onItem().ifNull().failWith(() -> Errors.notFound("confbridge", id));
    }

    /**
     * confbridge_join: the call's channel enters the bridge; the action completes when it leaves.
     * Locks: the call's row, then the confbridge's (CallRepository's order).
     */
    public Uni<Void> join(Call call, UUID confbridgeId) {
        return tx.retrying(() -> calls.lockById(call.id).chain(c -> confbridges.lockById(confbridgeId).chain(cb -> {
            if (cb == null || !cb.customerId.equals(call.customerId)) {
                throw Errors.notFound("confbridge", confbridgeId);
            }
            if (!Confbridge.STATUS_PROGRESSING.equals(cb.status)) {
                throw Errors.failedPrecondition("confbridge " + confbridgeId + " is " + cb.status);
            }
            if (cb.bridgeId.isEmpty()) {
                cb.bridgeId = "confbridge-" + cb.id;
                cb.asteriskId = call.asteriskId;
            }
            List<UUID> members = new ArrayList<>(CallMapper.ids(cb.callIds));
            if (!members.contains(call.id)) {
                members.add(call.id);
            }
            cb.callIds = CallMapper.idsJson(members);
            cb.tmUpdate = TimeFormat.now();
            c.confbridgeId = cb.id;
            c.tmUpdate = TimeFormat.now();
            return events.publish(CallEvents.UPDATED, c).replaceWith(new Joined(cb.bridgeId, cb.asteriskId, members));
        }))).chain(joined -> ari.createBridge(joined.asteriskId(), joined.bridgeId(), "reference_type=confbridge,reference_id=" + confbridgeId)
                .chain(() -> ari.addToBridge(joined.asteriskId(), joined.bridgeId(), call.channelId))
                .chain(() -> joined.members().size() < 2 ? Uni.createFrom().voidItem() : answerWaiting(joined.members())));
    }

    private record Joined(String bridgeId, String asteriskId, List<UUID> members) {
    }

    /** Once a second party is in, incoming members still ringing (a caller) are answered. */
    private Uni<Void> answerWaiting(List<UUID> members) {
        return Panache.withSession(() -> calls.list("id in ?1", members)).chain(list -> {
            Uni<Void> answers = Uni.createFrom().voidItem();
            for (Call c : list) {
                if (Call.DIRECTION_INCOMING.equals(c.direction) && !Call.STATUS_PROGRESSING.equals(c.status) && !c.isHangingUp()) {
                    answers = answers.chain(() -> ari.answer(c.asteriskId, c.channelId).replaceWithVoid().onFailure().recoverWithNull());
                }
            }
            return answers;
        });
    }

    /** ARI ChannelLeftBridge: a member left; its confbridge_join is complete (emitted; null if none). */
    public Uni<ActionCompleted> onChannelLeft(String bridgeId, String channelId) {
        if (!bridgeId.startsWith("confbridge-")) {
            return Uni.createFrom().nullItem();
        }
        return tx.retrying(() -> calls.lockByChannel(channelId).chain(call -> {
            if (call == null || call.confbridgeId == null) {
                return Uni.createFrom().item((Left) null);
            }
            UUID cbId = call.confbridgeId;
            call.confbridgeId = null;
            call.tmUpdate = TimeFormat.now();
            return events.publish(CallEvents.UPDATED, call)
                    .chain(() -> confbridges.lockById(cbId))
                    .map(cb -> {
                        List<UUID> members = new ArrayList<>(CallMapper.ids(cb.callIds));
                        members.remove(call.id);
                        cb.callIds = CallMapper.idsJson(members);
                        cb.tmUpdate = TimeFormat.now();
                        boolean teardown = Confbridge.TYPE_CONNECT.equals(cb.type) && members.size() <= 1
                                && Confbridge.STATUS_PROGRESSING.equals(cb.status);
                        if (teardown) {
                            cb.status = Confbridge.STATUS_TERMINATING;
                        }
                        return new Left(call.id, call.actionSeq, call.isHangingUp(), teardown ? cb.bridgeId : null, cb.asteriskId);
                    });
        })).chain(left -> {
            if (left == null) {
                return Uni.createFrom().nullItem();
            }
            Uni<Void> teardown = left.destroyBridge() == null ? Uni.createFrom().voidItem()
                    : ari.destroyBridge(left.asteriskId(), left.destroyBridge()).replaceWithVoid()
                    .onFailure().invoke(e -> LOG.warnf("destroying bridge %s: %s", left.destroyBridge(), e.getMessage()))
                    .onFailure().recoverWithNull();
            return teardown.replaceWith(left.hangingUp() ? null : new ActionCompleted(left.callId(), left.seq()));
        });
    }

    private record Left(UUID callId, int seq, boolean hangingUp, String destroyBridge, String asteriskId) {
    }

    /** A caller whose connect failed (no callee ever joined) leaves the bridge it waits in. */
    public Uni<Void> leave(Call call) {
        if (call.confbridgeId == null) {
            return Uni.createFrom().voidItem();
        }
        UUID cbId = call.confbridgeId;
        return tx.retrying(() -> calls.lockById(call.id).chain(c -> {
            c.confbridgeId = null;
            c.tmUpdate = TimeFormat.now();
            return events.publish(CallEvents.UPDATED, c);
        }).chain(() -> confbridges.lockById(cbId)).invoke(cb -> {
            if (cb != null) {
                List<UUID> members = new ArrayList<>(CallMapper.ids(cb.callIds));
                members.remove(call.id);
                cb.callIds = CallMapper.idsJson(members);
                if (members.isEmpty()) {
                    cb.status = Confbridge.STATUS_TERMINATED;
                }
            }
        })).chain(cb -> cb == null || cb.bridgeId.isEmpty() ? Uni.createFrom().voidItem()
                : ari.destroyBridge(cb.asteriskId, cb.bridgeId).replaceWithVoid().onFailure().recoverWithNull());
    }

    /**
     * A leg of a connect ended. If its master still waits in confbridge_join with nobody joined and no
     * other leg alive, the connect failed: the master leaves the bridge and its confbridge_join is
     * complete (emitted; the reference would leave it waiting). Null otherwise.
     */
    public Uni<ActionCompleted> onConnectLegEnded(UUID masterId, UUID legId) {
        return calls.findById(masterId).chain(master -> {
            if (master == null || master.isHangingUp() || master.action == null) {
                return Uni.createFrom().nullItem();
            }
            if (FlowHandshake.currentAction(master).getOptionCase() != Action.OptionCase.CONFBRIDGE_JOIN) {
                return Uni.createFrom().nullItem();
            }
            int seq = master.actionSeq;
            List<UUID> legs = CallMapper.ids(master.chainedCallIds);
            return Panache.withSession(() -> calls.list("id in ?1", legs)).chain(all -> {
                boolean anyAlive = all.stream().anyMatch(c -> c.connectLeg && c.isLive() && !c.id.equals(legId));
                boolean anyJoined = all.stream().anyMatch(c -> c.connectLeg && c.confbridgeId != null && c.isLive());
                if (anyAlive || anyJoined) {
                    return Uni.createFrom().nullItem();
                }
                return leave(master).replaceWith(new ActionCompleted(masterId, seq));
            });
        });
    }
}
