package net.voipbin.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import net.voipbin.proto.call.v1.Call;
import net.voipbin.proto.call.v1.CreateCallsRequest;
import net.voipbin.proto.call.v1.GetCallRequest;
import net.voipbin.proto.call.v1.ListRecordingsRequest;
import net.voipbin.proto.call.v1.MuteRequest;
import net.voipbin.proto.call.v1.Recording;
import net.voipbin.proto.call.v1.CreateNumberRequest;
import net.voipbin.proto.common.v1.Address;
import net.voipbin.proto.storage.v1.GetFileRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static net.voipbin.proto.flow.v1.FlowActionJson.actionsFromJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recordings and mutes of real calls (asterisk-sim, asterisk-proxy, call-manager, flow-manager,
 * storage-manager as processes): the three bugs of issue 12 section 2, each through the public RPCs.
 * <ul>
 * <li>recording_start, talk, sleep, recording_stop, hangup: recording_stop used to lose an InnoDB
 * deadlock in the action path (no retry) and leave the recording "stopping" with no file.</li>
 * <li>two recordings in one call: the second recording_start used to be refused (the first was still
 * the call's current one until Asterisk reported it finished) and the second stop hit the first.</li>
 * <li>concurrent mutes and unmutes early in a call: mute_direction used to keep a direction the
 * channel no longer had (a lost update).</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordingScenariosIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger NUMBERS = new AtomicInteger(4_000_000);

    private Telephony t;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Telephony.packaged(), "services are not packaged (run mvn package first)");
        t = new Telephony(Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        if (t != null) {
            t.close();
        }
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(30));
    }

    private static String nextNumber() {
        return "+1555" + String.format("%07d", NUMBERS.incrementAndGet());
    }

    private static Address tel(String number) {
        return Address.newBuilder().setType("tel").setTarget(number).build();
    }

    private record Customer(String id, String number) {
    }

    private Customer customer() {
        String id = t.fundedCustomer();
        String number = nextNumber();
        t.provision(number);
        await(t.numbers.createNumber(CreateNumberRequest.newBuilder().setCustomerId(id).setNumber(number).setName("main").build()));
        return new Customer(id, number);
    }

    private String answering() throws Exception {
        String number = nextNumber();
        t.endpoint(number, "{\"result\":\"answer\",\"answer_after_ms\":100}");
        return number;
    }

    private Call dial(Customer c, String actions) throws Exception {
        return await(t.calls.createCalls(CreateCallsRequest.newBuilder().setCustomerId(c.id()).setSource(tel(c.number()))
                .addDestinations(tel(answering())).addAllActions(actionsFromJson(actions)).build())).getCalls(0);
    }

    private Call get(String customer, String id) {
        return await(t.calls.getCall(GetCallRequest.newBuilder().setCustomerId(customer).setId(id).build()));
    }

    private List<Recording> recordings(String customer, String callId) {
        return await(t.calls.listRecordings(ListRecordingsRequest.newBuilder().setCustomerId(customer).setReferenceId(callId)
                .build())).getRecordingsList();
    }

    private JsonNode channel(String id) throws Exception {
        return t.simJson("/sim/channels/" + id);
    }

    /** Every recording of the call ended with its file stored in storage-manager (a real WAV, not just a header). */
    private void assertEndedAndStored(String customer, String callId, int expected) throws Exception {
        Telephony.waitFor(expected + " recordings of " + callId + " ended and stored", WAIT, () -> {
            List<Recording> recs = recordings(customer, callId);
            return recs.size() == expected && recs.stream().allMatch(r -> "ended".equals(r.getStatus()) && !r.getStorageFileId().isEmpty());
        });
        for (Recording rec : recordings(customer, callId)) {
            var file = await(t.storage.getFile(GetFileRequest.newBuilder().setCustomerId(customer).setId(rec.getStorageFileId()).build()));
            assertTrue(file.getFilesize() > 44, file.toString());
        }
    }

    @Test
    void recordingStopAfterTalkAndSleepEndsTheRecordingAndStoresItsFile() throws Exception {
        String flow = "[{\"type\":\"recording_start\",\"option\":{\"format\":\"wav\"}}"
                + ",{\"type\":\"talk\",\"option\":{\"text\":\"this call is recorded\"}}"
                + ",{\"type\":\"sleep\",\"option\":{\"duration\":1000}}"
                + ",{\"type\":\"recording_stop\"}"
                + ",{\"type\":\"hangup\"}]";
        // Several calls at once: the deadlock needed the recording's ARI events and the action path to overlap.
        Customer c = customer();
        List<Call> placed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            placed.add(dial(c, flow));
        }
        for (Call call : placed) {
            Telephony.waitFor("call " + call.getId() + " hung up", WAIT, () -> "hangup".equals(get(c.id(), call.getId()).getStatus()));
            Call ended = get(c.id(), call.getId());
            assertEquals("normal", ended.getHangupReason(), ended.toString());
            assertEndedAndStored(c.id(), call.getId(), 1);
            Recording rec = recordings(c.id(), call.getId()).get(0);
            assertEquals(List.of(rec.getId()), ended.getRecordingIdsList());
            assertTrue(rec.getDurationMs() >= 1000, "stopped after talk and sleep, not at hangup: " + rec);
            assertTrue(channel(call.getId()).path("recordings").toString().contains("call_" + call.getId() + "_" + rec.getId()));
        }
    }

    @Test
    void aCallRecordsTwiceAndEachStopStopsItsOwnRecording() throws Exception {
        // Seed 001: "you can start and stop recording multiple times in one call".
        Customer c = customer();
        Call call = dial(c, "[{\"type\":\"recording_start\"}"
                + ",{\"type\":\"sleep\",\"option\":{\"duration\":600}}"
                + ",{\"type\":\"recording_stop\"}"
                + ",{\"type\":\"recording_start\"}"
                + ",{\"type\":\"sleep\",\"option\":{\"duration\":600}}"
                + ",{\"type\":\"recording_stop\"}"
                + ",{\"type\":\"sleep\",\"option\":{\"duration\":600}}"
                + ",{\"type\":\"hangup\"}]");
        Telephony.waitFor("call hung up", WAIT, () -> "hangup".equals(get(c.id(), call.getId()).getStatus()));
        assertEndedAndStored(c.id(), call.getId(), 2);
        Call ended = get(c.id(), call.getId());
        assertEquals(2, ended.getRecordingIdsCount(), ended.toString());
        String played = channel(call.getId()).path("recordings").toString();
        for (String id : ended.getRecordingIdsList()) {
            assertTrue(played.contains("call_" + call.getId() + "_" + id), "both recordings reached Asterisk: " + played);
        }
        // Each stopped by its own recording_stop: the first ended before the second started, the second
        // before the call ended (not left running until the hangup). Newest first in the list.
        List<Recording> recs = recordings(c.id(), call.getId());
        Recording first = recs.get(1);
        Recording second = recs.get(0);
        assertTrue(first.getTmEnd().compareTo(second.getTmStart()) <= 0, first + " / " + second);
        assertTrue(second.getTmEnd().compareTo(ended.getTmHangup()) <= 0, second + " / " + ended.getTmHangup());
    }

    @Test
    void concurrentMutesAndUnmutesLeaveMuteDirectionAsTheChannelHasIt() throws Exception {
        Customer c = customer();
        Call call = dial(c, "[{\"type\":\"sleep\",\"option\":{\"duration\":30000}},{\"type\":\"hangup\"}]");
        Telephony.waitFor("call answered", WAIT, () -> "progressing".equals(get(c.id(), call.getId()).getStatus()));
        String[] directions = {"in", "out", "both"};
        for (int round = 0; round < 15; round++) {
            List<Uni<Call>> requests = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                boolean on = (round + i) % 2 == 0;
                // Mutes of one call are serialised (row lock held across the ARI request): a loaded machine needs time.
                requests.add(t.calls.withDeadlineAfter(20, java.util.concurrent.TimeUnit.SECONDS).mute(MuteRequest.newBuilder().setCustomerId(c.id()).setId(call.getId())
                        .setOn(on).setDirection(directions[(round * 7 + i) % 3]).build()));
            }
            Uni.join().all(requests).andFailFast().await().atMost(Duration.ofSeconds(30));
            String recorded = get(c.id(), call.getId()).getMuteDirection();
            String channelHas = channel(call.getId()).path("mute").asText("");
            assertEquals(channelHas, recorded, "round " + round + ": mute_direction vs the channel");
        }
        // Finally everything off, as the DELETE /calls/{id}/mute of the report.
        Call unmuted = await(t.calls.mute(MuteRequest.newBuilder().setCustomerId(c.id()).setId(call.getId()).setOn(false)
                .setDirection("both").build()));
        assertEquals("", unmuted.getMuteDirection());
        assertEquals("", channel(call.getId()).path("mute").asText(""));
        await(t.calls.hangupCall(net.voipbin.proto.call.v1.HangupCallRequest.newBuilder().setCustomerId(c.id()).setId(call.getId()).build()));
    }
}
