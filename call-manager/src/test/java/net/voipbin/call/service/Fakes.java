package net.voipbin.call.service;

import io.smallrye.mutiny.Uni;
import net.voipbin.call.model.Call;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.common.db.DurableTimers;
import net.voipbin.common.id.Ids;

import java.util.UUID;
import java.util.function.Supplier;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Fake collaborators for the unit tests: one call row in memory, transactions that just run. */
final class Fakes {

    private Fakes() {
    }

    @SuppressWarnings("unchecked")
    static Transactions transactions() {
        Transactions tx = mock(Transactions.class);
        when(tx.retrying(any())).thenAnswer(inv -> ((Supplier<Uni<Object>>) inv.getArgument(0)).get());
        return tx;
    }

    /** A repository holding {@code row}: every find and lock answers it (null for other ids). */
    static CallRepository repositoryOf(Call row) {
        CallRepository calls = mock(CallRepository.class);
        when(calls.findById(any())).thenAnswer(inv -> Uni.createFrom().item(row.id.equals(inv.getArgument(0)) ? row : null));
        when(calls.lockById(any())).thenAnswer(inv -> Uni.createFrom().item(row.id.equals(inv.getArgument(0)) ? row : null));
        when(calls.lockByChannel(anyString())).thenAnswer(inv -> Uni.createFrom().item(inv.getArgument(0).equals(row.channelId) ? row : null));
        when(calls.findByChannel(anyString())).thenAnswer(inv -> Uni.createFrom().item(inv.getArgument(0).equals(row.channelId) ? row : null));
        return calls;
    }

    static CallEvents events() {
        CallEvents events = mock(CallEvents.class);
        when(events.publish(anyString(), any(Call.class))).thenReturn(Uni.createFrom().voidItem());
        return events;
    }

    static DurableTimers timers() {
        DurableTimers timers = mock(DurableTimers.class);
        when(timers.schedule(anyString(), anyString(), any(), anyString(), any())).thenAnswer(inv -> Uni.createFrom().item(Ids.newId()));
        return timers;
    }

    static Call call(String direction, String status) {
        Call call = new Call();
        call.id = Ids.newId();
        call.customerId = Ids.newId();
        call.activeflowId = Ids.newId();
        call.type = Call.TYPE_FLOW;
        call.direction = direction;
        call.status = status;
        call.channelId = call.id.toString();
        call.asteriskId = "ast-1";
        call.sourceJson = "{\"type\":\"tel\",\"target\":\"+15551230001\"}";
        call.destinationJson = "{\"type\":\"tel\",\"target\":\"+15551230002\"}";
        return call;
    }

    static UUID id() {
        return Ids.newId();
    }
}
