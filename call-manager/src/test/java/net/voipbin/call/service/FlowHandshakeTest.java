package net.voipbin.call.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import net.voipbin.call.client.AriClient;
import net.voipbin.call.client.FlowClient;
import net.voipbin.call.model.Call;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.call.service.action.ActionExecutor;
import net.voipbin.call.service.action.ActionOutcome;
import net.voipbin.common.db.DurableTimers;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.proto.flow.v1.ActionJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The call side of the next-action handshake, with fake collaborators (no broker, no database). */
class FlowHandshakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    Call call;
    CallRepository calls;
    CallEvents events;
    DurableTimers timers;
    AriClient ari;
    FlowClient flows;
    CallLifecycle lifecycle;
    ActionExecutor executor;
    FlowHandshake handshake;

    @BeforeEach
    void setUp() {
        call = Fakes.call(Call.DIRECTION_OUTGOING, Call.STATUS_PROGRESSING);
        calls = Fakes.repositoryOf(call);
        events = Fakes.events();
        timers = Fakes.timers();
        ari = mock(AriClient.class);
        flows = mock(FlowClient.class);
        lifecycle = mock(CallLifecycle.class);
        when(lifecycle.hangingUp(any(), anyString())).thenReturn(Uni.createFrom().item(call));
        executor = mock(ActionExecutor.class);
        handshake = new FlowHandshake(calls, events, timers, ari, flows, lifecycle, executor, Fakes.transactions());
    }

    private static Action action(String id, String type, String optionJson) {
        return ActionJson.fromJson("{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"option\":" + optionJson + "}");
    }

    private void flowAnswers(String currentActionId, Action next) {
        when(flows.next(call.customerId, call.activeflowId, currentActionId)).thenReturn(Uni.createFrom().item(next));
    }

    private static <T> T run(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void aDueFlowStartsAndTheTypedActionIsStoredUnderTheNextSequence() throws Exception {
        Action talk = action("a1", "talk", "{\"text\":\"hello\"}");
        flowAnswers(FlowClient.START_ACTION_ID, talk);
        when(executor.execute(any(), any())).thenReturn(Uni.createFrom().item(ActionOutcome.WAIT));

        run(handshake.startIfDue(call));

        assertEquals(1, call.actionSeq);
        JsonNode stored = JSON.readTree(call.action);
        assertEquals("a1", stored.path("id").asText());
        assertEquals("talk", stored.path("type").asText());
        assertEquals("hello", stored.path("option").path("text").asText());
        assertEquals(FlowClient.EMPTY_ACTION_ID, stored.path("next_id").asText(), "sequential: the empty id, as the reference");
        assertTrue(!stored.path("tm_execute").asText().isEmpty());
        verify(events).publish(CallEvents.UPDATED, call);
        verify(executor).execute(eq(call), any());
    }

    @Test
    void aFlowIsNotStartedTwiceNorOnACallThatIsNotDue() {
        call.actionSeq = 1;
        run(handshake.startIfDue(call));
        Call ringing = Fakes.call(Call.DIRECTION_OUTGOING, Call.STATUS_RINGING);
        run(handshake.startIfDue(ringing));
        verify(flows, never()).next(any(), any(), anyString());
    }

    @Test
    void aStaleCompletionChangesNothing() {
        call.actionSeq = 3;
        run(handshake.complete(new ActionCompleted(call.id, 2)));
        verify(flows, never()).next(any(), any(), anyString());
        assertEquals(3, call.actionSeq);
    }

    @Test
    void nextAsksForTheFollowingActionNamingTheCurrentOneUntilTheFinishHangsUp() {
        flowAnswers(FlowClient.START_ACTION_ID, action("a1", "answer", "{}"));
        flowAnswers("a1", action(FlowClient.FINISH_ACTION_ID, "hangup", "{}"));
        when(executor.execute(any(), any())).thenReturn(Uni.createFrom().item(ActionOutcome.NEXT));

        run(handshake.next(call.id, 0, false));

        assertEquals(2, call.actionSeq);
        verify(executor, times(1)).execute(any(), any());
        verify(lifecycle).hangingUp(call.id, "normal");
    }

    @Test
    void anActionWithADurationSchedulesItsTimeoutUnderItsOwnSequence() {
        flowAnswers(FlowClient.START_ACTION_ID, action("a1", "sleep", "{\"duration\":1500}"));
        when(executor.execute(any(), any())).thenReturn(Uni.createFrom().item(ActionOutcome.after(1500)));

        run(handshake.next(call.id, 0, false));

        verify(timers).schedule(eq(FlowHandshake.TIMER_ACTION), eq(call.id + ":1"), eq(call.customerId), eq("1"), any());
        assertEquals(call.id, FlowHandshake.callOfTimerKey(call.id + ":1"));
    }

    @Test
    void aFailedActionIsSkippedAndTheFlowGoesOn() {
        flowAnswers(FlowClient.START_ACTION_ID, action("a1", "play", "{\"stream_urls\":[\"x\"]}"));
        flowAnswers("a1", action("a2", "answer", "{}"));
        when(executor.execute(any(), any()))
                .thenReturn(Uni.createFrom().failure(new IllegalStateException("asterisk said no")))
                .thenReturn(Uni.createFrom().item(ActionOutcome.WAIT));

        run(handshake.next(call.id, 0, false));

        assertEquals(2, call.actionSeq);
        verify(flows).next(call.customerId, call.activeflowId, "a1");
    }

    @Test
    void flowManagerUnavailableIsAskedAgainLaterRefusedIsLeftAloneGoneHangsUp() {
        when(flows.next(any(), any(), anyString())).thenReturn(Uni.createFrom().failure(Status.UNAVAILABLE.asRuntimeException()));
        run(handshake.next(call.id, 0, false));
        verify(timers).schedule(eq(FlowHandshake.TIMER_ACTION_RETRY), eq(call.id + ":0"), eq(call.customerId), eq("0"), any());
        verify(lifecycle, never()).hangingUp(any(), anyString());

        when(flows.next(any(), any(), anyString())).thenReturn(Uni.createFrom().failure(Status.FAILED_PRECONDITION.asRuntimeException()));
        run(handshake.next(call.id, 0, false));
        verify(lifecycle, never()).hangingUp(any(), anyString());
        assertEquals(0, call.actionSeq);

        when(flows.next(any(), any(), anyString())).thenReturn(Uni.createFrom().failure(Status.NOT_FOUND.asRuntimeException()));
        run(handshake.next(call.id, 0, false));
        verify(lifecycle).hangingUp(call.id, "normal");
    }

    @Test
    void aHangingUpCallRunsNoFurtherAction() {
        call.status = Call.STATUS_TERMINATING;
        run(handshake.next(call.id, 0, false));
        call.status = Call.STATUS_PROGRESSING;
        call.farEndHangingUp = true;
        run(handshake.next(call.id, 0, false));
        verify(flows, never()).next(any(), any(), anyString());
    }

    @Test
    void thePlaybackOfTheCurrentActionCompletesItOthersDoNot() {
        call.actionSeq = 1;
        call.action = ActionJson.toJson(action("a1", "talk", "{\"text\":\"hi\"}"));
        call.playbackId = call.id + ":1";
        flowAnswers("a1", action("a2", "answer", "{}"));
        when(executor.execute(any(), any())).thenReturn(Uni.createFrom().item(ActionOutcome.WAIT));

        run(handshake.onPlaybackFinished(call.id + ":0"));   // an earlier action's: stale
        run(handshake.onPlaybackFinished(call.id + ":rpc-" + Fakes.id()));   // an RPC talk: completes nothing
        verify(flows, never()).next(any(), any(), anyString());
        assertEquals(call.id + ":1", call.playbackId);

        run(handshake.onPlaybackFinished(call.id + ":1"));
        assertEquals(2, call.actionSeq);
        verify(flows).next(call.customerId, call.activeflowId, "a1");
    }

    @Test
    void forcingStopsTheRunningPlaybackWhoseEndCompletesTheAction() {
        call.actionSeq = 1;
        call.action = ActionJson.toJson(action("a1", "talk", "{\"text\":\"hi\"}"));
        call.playbackId = call.id + ":1";
        when(ari.stopPlayback(anyString(), anyString())).thenReturn(Uni.createFrom().item(new AriClient.Answer(204, null, "ast-1")));
        run(handshake.next(call.id, 7, true));
        verify(ari).stopPlayback("ast-1", call.id + ":1");
        verify(flows, never()).next(any(), any(), anyString());
    }
}
