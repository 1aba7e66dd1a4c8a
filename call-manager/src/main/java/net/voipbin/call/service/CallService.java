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
    private final FlowDriver driver;

    public CallService(CallRepository calls, CallLifecycle lifecycle, CallEvents events, FlowDriver driver) {
        this.calls = calls;
        this.lifecycle = lifecycle;
        this.events = events;
        this.driver = driver;
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
                .chain(() -> Panache.withTransaction(() -> calls.lockForCustomer(customerId, id)
                        .onItem().ifNull().failWith(() -> Errors.notFound("call", id))
                        .chain(call -> {
                            call.tmDelete = TimeFormat.now();
                            call.tmUpdate = call.tmDelete;
                            return events.publish(CallEvents.DELETED, call).replaceWith(call);
                        })));
    }

    public Uni<Call> actionNext(UUID customerId, UUID id, boolean force) {
        return get(customerId, id).call(call -> driver.next(call.id, call.actionSeq, force));
    }

    /** Chains {@code chainedId} to {@code masterId}: only while the master is dialing, ringing or progressing. */
    public Uni<Call> addChained(UUID customerId, UUID masterId, UUID chainedId) {
        if (masterId.equals(chainedId)) {
            throw Errors.invalidArgument("chained_call_id", "a call cannot be chained to itself");
        }
        return Panache.withTransaction(() -> calls.lockForCustomer(customerId, masterId)
                .onItem().ifNull().failWith(() -> Errors.notFound("call", masterId))
                .chain(master -> calls.lockForCustomer(customerId, chainedId)
                        .onItem().ifNull().failWith(() -> Errors.notFound("call", chainedId))
                        .chain(chained -> {
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
                        })));
    }

    public Uni<Call> removeChained(UUID customerId, UUID masterId, UUID chainedId) {
        return Panache.withTransaction(() -> calls.lockForCustomer(customerId, masterId)
                .onItem().ifNull().failWith(() -> Errors.notFound("call", masterId))
                .chain(master -> calls.lockForCustomer(customerId, chainedId)
                        .onItem().ifNull().failWith(() -> Errors.notFound("call", chainedId))
                        .chain(chained -> {
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
                        })));
    }
}
