package net.voipbin.call.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.mapping.CallMapper;
import net.voipbin.call.model.Call;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.common.error.Errors;
import net.voipbin.common.time.TimeFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A customer's calls: reads, hangup, delete and chaining, always through the tenant. */
@ApplicationScoped
public class CallService {

    private final CallRepository calls;
    private final CallLifecycle lifecycle;
    private final CallEvents events;
    private final FlowHandshake handshake;
    private final Transactions tx;

    public CallService(CallRepository calls, CallLifecycle lifecycle, CallEvents events, FlowHandshake handshake, Transactions tx) {
        this.tx = tx;
        this.calls = calls;
        this.lifecycle = lifecycle;
        this.events = events;
        this.handshake = handshake;
    }

    public Uni<Call> get(UUID customerId, UUID id) {
        return Panache.withSession(() -> calls.findForCustomer(customerId, id))
                .onItem().ifNull().failWith(() -> Errors.notFound("call", id));
    }

    public Uni<List<Call>> list(UUID customerId, UUID after, int limit, String status, UUID activeflowId) {
        return Panache.withSession(() -> calls.listFiltered(customerId, after, limit, status, activeflowId));
    }

    public Uni<Call> hangup(UUID customerId, UUID id, String reason) {
        if (reason != null && !reason.isEmpty() && !HangupReasons.ALL.contains(reason)) {
            throw Errors.invalidArgument("reason", "must be one of " + HangupReasons.ALL);
        }
        return get(customerId, id).chain(call -> lifecycle.hangingUp(call.id, reason == null || reason.isEmpty() ? "normal" : reason))
                .chain(() -> get(customerId, id));
    }

    public Uni<Call> delete(UUID customerId, UUID id) {
        return get(customerId, id)
                .chain(call -> call.isHangingUp() ? Uni.createFrom().item(call) : lifecycle.hangingUp(call.id, "normal"))
                .chain(() -> tx.retrying(() -> calls.lockForCustomer(customerId, id)
                        .onItem().ifNull().failWith(() -> Errors.notFound("call", id))
                        .chain(call -> {
                            call.tmDelete = TimeFormat.now();
                            call.tmUpdate = call.tmDelete;
                            return events.publish(CallEvents.DELETED, call).replaceWith(call);
                        })));
    }

    public Uni<Call> actionNext(UUID customerId, UUID id, boolean force) {
        return get(customerId, id).call(call -> handshake.next(call.id, call.actionSeq, force));
    }

    /** Chains {@code chainedId} to {@code masterId}: only while the master is dialing, ringing or progressing. */
    public Uni<Call> addChained(UUID customerId, UUID masterId, UUID chainedId) {
        if (masterId.equals(chainedId)) {
            throw Errors.invalidArgument("chained_call_id", "a call cannot be chained to itself");
        }
        return tx.retrying(() -> lockPair(customerId, masterId, chainedId)
                .chain(pair -> {
                            Call master = pair.get(masterId);
                            Call chained = pair.get(chainedId);
                            if (master.isHangingUp()) {
                                throw Errors.failedPrecondition("master call " + masterId + " is " + master.status
                                        + ": chaining needs a dialing, ringing or progressing master");
                            }
                            List<UUID> ids = new ArrayList<>(CallMapper.ids(master.chainedCallIds));
                            if (!ids.contains(chainedId)) {
                                ids.add(chainedId);
                            }
                            master.chainedCallIds = CallMapper.idsJson(ids);
                            master.tmUpdate = TimeFormat.now();
                            chained.masterCallId = masterId;
                            chained.tmUpdate = master.tmUpdate;
                            return events.publish(CallEvents.UPDATED, chained)
                                    .chain(() -> events.publish(CallEvents.UPDATED, master))
                                    .replaceWith(master);
                        }));
    }

    /** Master and chained call locked in ascending id order (CallRepository's order for several calls). */
    private Uni<java.util.Map<UUID, Call>> lockPair(UUID customerId, UUID masterId, UUID chainedId) {
        return calls.lockBoth(customerId, masterId, chainedId).invoke(pair -> {
            if (pair.get(masterId) == null) {
                throw Errors.notFound("call", masterId);
            }
            if (pair.get(chainedId) == null) {
                throw Errors.notFound("call", chainedId);
            }
        });
    }

    public Uni<Call> removeChained(UUID customerId, UUID masterId, UUID chainedId) {
        return tx.retrying(() -> lockPair(customerId, masterId, chainedId)
                .chain(pair -> {
                            Call master = pair.get(masterId);
                            Call chained = pair.get(chainedId);
                            List<UUID> ids = new ArrayList<>(CallMapper.ids(master.chainedCallIds));
                            ids.remove(chainedId);
                            master.chainedCallIds = CallMapper.idsJson(ids);
                            master.tmUpdate = TimeFormat.now();
                            if (masterId.equals(chained.masterCallId)) {
                                chained.masterCallId = null;
                                chained.tmUpdate = master.tmUpdate;
                            }
                            return events.publish(CallEvents.UPDATED, chained)
                                    .chain(() -> events.publish(CallEvents.UPDATED, master))
                                    .replaceWith(master);
                        }));
    }
}
