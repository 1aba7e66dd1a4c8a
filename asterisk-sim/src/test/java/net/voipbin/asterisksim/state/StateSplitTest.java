package net.voipbin.asterisksim.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import net.voipbin.asterisksim.config.SimConfig;
import net.voipbin.asterisksim.events.EventHub;
import net.voipbin.asterisksim.model.Causes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The per-resource state classes wired by hand (no Quarkus, no sockets): a hangup that crosses playbacks, recordings
 * and bridges still emits in Asterisk's order, and state touched without the one lock is refused.
 */
class StateSplitTest {

    /** Records event types instead of writing them to sockets; vetoed, or the inherited scope makes it a second EventHub bean. */
    @jakarta.enterprise.inject.Vetoed
    static final class RecordingHub extends EventHub {
        final List<String> types = new ArrayList<>();

        RecordingHub(SimConfig config) {
            super(new ObjectMapper(), config);
        }

        @Override
        public synchronized void emit(String type, Map<String, Object> fields) {
            types.add(type);
        }
    }

    static final SimConfig CONFIG = new SimConfig() {
        public String id() {
            return "sim-unit";
        }

        public String username() {
            return "u";
        }

        public String password() {
            return "p";
        }

        public Optional<String> recordingDirectory() {
            return Optional.empty();
        }
    };

    Vertx vertx;
    RecordingHub hub;
    SimStore store;
    Channels channels;
    Bridges bridges;
    Playbacks playbacks;
    Recordings recordings;
    Hangups hangups;
    InboundCalls inbound;

    @BeforeEach
    void wire() {
        vertx = Vertx.vertx();
        hub = new RecordingHub(CONFIG);
        store = new SimStore(vertx, hub);
        channels = new Channels(store);
        bridges = new Bridges(store, channels);
        playbacks = new Playbacks(store, channels, bridges);
        recordings = new Recordings(store, channels, bridges, CONFIG);
        hangups = new Hangups(store, channels, playbacks, recordings, bridges);
        inbound = new InboundCalls(store, channels, hangups, new Dtmf(store, channels, recordings));
    }

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void hangupFinishesPlaybacksThenRecordingsThenLeavesTheBridgeThenStasis() {
        String id = inbound.inject(Map.of("source", "+15550001111", "destination", "+15550002222"));
        bridges.create("b1", "mixing", "b");
        bridges.add("b1", id);
        playbacks.playOnChannel(id, List.of("tts:hello"), "pb1", null);
        recordings.record(id, null, Map.of("name", "r1", "format", "wav"));
        hub.types.clear();

        hangups.hangup(id, Causes.NORMAL_CLEARING);

        assertEquals(List.of("ChannelHangupRequest", "PlaybackFinished", "RecordingFinished", "ChannelLeftBridge",
                "StasisEnd", "ChannelDestroyed"), hub.types);
        assertEquals(true, channels.simView(id).get("hungup"));
        assertEquals(List.of(), bridges.snapshot("b1").get("channels"));
        assertEquals("r1", recordings.stored("r1").name());
    }

    @Test
    void stateIsNotTouchedWithoutTheLock() {
        String id = inbound.inject(Map.of("source", "+15550001111", "destination", "+15550002222"));
        assertThrows(IllegalStateException.class, () -> channels.channel(id));
        assertThrows(IllegalStateException.class, () -> store.nextSeq());
        assertEquals(id, store.locked(() -> channels.channel(id).id));
    }

    @Test
    void endpointNumberAndHostComeFromAnyDialString() {
        assertEquals("+15551234567", Options.endpointNumber("PJSIP/+15551234567@trunk"));
        assertEquals("+1555", Options.endpointNumber("PJSIP/call-out/sip:+1555@pstn-a:5060;transport=udp"));
        assertEquals("pstn-a", Options.endpointHost("PJSIP/call-out/sip:+1555@pstn-a;transport=udp"));
        assertEquals(null, Options.endpointHost("PJSIP/+1555"));
    }
}
