package net.voipbin.call.service;

import io.smallrye.mutiny.Uni;
import net.voipbin.call.client.AriClient;
import net.voipbin.call.config.CallConfig;
import net.voipbin.call.model.Call;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.common.db.DurableTimers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** CallLifecycle's transitions (forward only) with fake collaborators. */
class CallLifecycleTest {

    Call call;
    CallEvents events;
    DurableTimers timers;
    AriClient ari;
    CallConfig config;
    CallLifecycle lifecycle;

    void with(Call row) {
        call = row;
        CallRepository calls = Fakes.repositoryOf(row);
        events = Fakes.events();
        timers = Fakes.timers();
        ari = mock(AriClient.class);
        when(ari.hangup(anyString(), anyString(), anyInt())).thenReturn(Uni.createFrom().item(new AriClient.Answer(204, null, "ast-1")));
        config = mock(CallConfig.class);
        when(config.pstnHosts()).thenReturn(List.of("pstn-a", "pstn-b"));
        lifecycle = new CallLifecycle(calls, events, timers, ari, config, Fakes.transactions());
    }

    @BeforeEach
    void setUp() {
        with(Fakes.call(Call.DIRECTION_OUTGOING, Call.STATUS_DIALING));
    }

    private static <T> T run(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void dialingRingsThenProgressesWithTheirEvents() {
        assertSame(call, run(lifecycle.onChannelState(call.channelId, "Ringing", "ast-1")));
        assertEquals(Call.STATUS_RINGING, call.status);
        assertTrue(call.tmRinging != null);
        verify(events).publish(CallEvents.RINGING, call);

        run(lifecycle.onChannelState(call.channelId, "Up", "ast-1"));
        assertEquals(Call.STATUS_PROGRESSING, call.status);
        verify(events).publish(CallEvents.ANSWERED, call);
        verify(events).publish(CallEvents.PROGRESSING, call);
    }

    @Test
    void statusNeverGoesBackAndOtherStatesChangeNothing() {
        call.status = Call.STATUS_PROGRESSING;
        run(lifecycle.onChannelState(call.channelId, "Ringing", "ast-1"));
        assertEquals(Call.STATUS_PROGRESSING, call.status);
        assertNull(run(lifecycle.onChannelState(call.channelId, "Down", "ast-1")));
        assertNull(run(lifecycle.onChannelState("not-ours", "Up", "ast-1")));
        verify(events, never()).publish(anyString(), any(Call.class));
    }

    @Test
    void hangingUpAnUnansweredOutgoingCallCancelsIt() {
        run(lifecycle.hangingUp(call.id, "normal"));
        assertEquals(Call.STATUS_CANCELING, call.status);
        verify(ari).hangup("ast-1", call.channelId, HangupReasons.cause("normal"));
    }

    @Test
    void hangingUpIsIdempotentAndAnsweredCallsTerminate() {
        call.status = Call.STATUS_PROGRESSING;
        run(lifecycle.hangingUp(call.id, "busy"));
        run(lifecycle.hangingUp(call.id, "normal"));
        assertEquals(Call.STATUS_TERMINATING, call.status);
        assertEquals("busy", call.requestedReason, "the first request's reason stands");
        verify(events, times(1)).publish(CallEvents.UPDATED, call);
        // The channel hangup is sent again (a retried request must still get the channel down), the change is not.
        verify(ari, times(2)).hangup("ast-1", call.channelId, HangupReasons.cause("busy"));
    }

    @Test
    void aChannelAsteriskNoLongerKnowsEndsTheCallAtOnce() {
        call.status = Call.STATUS_PROGRESSING;
        when(ari.hangup(anyString(), anyString(), anyInt())).thenReturn(Uni.createFrom().item(new AriClient.Answer(404, null, "ast-1")));
        run(lifecycle.hangingUp(call.id, "normal"));
        assertEquals(Call.STATUS_HANGUP, call.status);
        assertEquals("local", call.hangupBy);
    }

    @Test
    void channelDestroyedEndsTheCallAndSchedulesTheAfterHangupTail() {
        call.status = Call.STATUS_PROGRESSING;
        assertNull(run(lifecycle.onChannelDestroyed(call.channelId, 16)));
        assertEquals(Call.STATUS_HANGUP, call.status);
        assertEquals("normal", call.hangupReason);
        assertEquals("remote", call.hangupBy);
        assertEquals("", call.playbackId);
        verify(events).publish(CallEvents.HUNGUP, call);
        verify(timers).schedule(eq(AfterHangup.TIMER), eq(call.id.toString()), eq(call.customerId), eq(""), any());
        // A second ChannelDestroyed (redelivery) changes nothing.
        run(lifecycle.onChannelDestroyed(call.channelId, 16));
        verify(events, times(1)).publish(CallEvents.HUNGUP, call);
    }

    @Test
    void aRouteFailureBeforeAnswerRedialsOnTheNextRouteOnce() {
        Call rerouted = run(lifecycle.onChannelDestroyed(call.channelId, 34));
        assertSame(call, rerouted, "handed back to be originated again");
        assertEquals(1, call.routeIndex);
        assertEquals(call.id + "-1", call.channelId);
        assertEquals(Call.STATUS_DIALING, call.status);
        // No route left after the second: the call ends as failed.
        assertNull(run(lifecycle.onChannelDestroyed(call.channelId, 34)));
        assertEquals(Call.STATUS_HANGUP, call.status);
    }

    @Test
    void aHangupRequestFromTheFarEndStopsFurtherActions() {
        call.status = Call.STATUS_PROGRESSING;
        run(lifecycle.onHangupRequest(call.channelId));
        assertTrue(call.farEndHangingUp);
        assertTrue(call.isHangingUp());
    }

    @Test
    void dialTimeoutEndsOnlyUnansweredCalls() {
        call.status = Call.STATUS_PROGRESSING;
        run(lifecycle.onDialTimeout(call.id));
        assertEquals(Call.STATUS_PROGRESSING, call.status);
        call.status = Call.STATUS_RINGING;
        run(lifecycle.onDialTimeout(call.id));
        assertEquals(Call.STATUS_CANCELING, call.status);
        assertEquals("dialout", call.requestedReason);
    }
}
