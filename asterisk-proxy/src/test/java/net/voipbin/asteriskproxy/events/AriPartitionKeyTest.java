package net.voipbin.asteriskproxy.events;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which resource an ARI frame is about decides its partition: no infrastructure needed. */
class AriPartitionKeyTest {

    @Test
    void channelWinsThenBridgeThenPlaybackOrRecordingTarget() {
        assertEquals("c1", AriEventForwarder.partitionKey(
                "{\"type\":\"ChannelEnteredBridge\",\"bridge\":{\"id\":\"b1\",\"channels\":[\"x\"]},\"channel\":{\"id\":\"c1\",\"caller\":{\"name\":\"\",\"number\":\"1\"}}}"));
        assertEquals("b1", AriEventForwarder.partitionKey("{\"type\":\"BridgeCreated\",\"bridge\":{\"id\":\"b1\"}}"));
        assertEquals("c7", AriEventForwarder.partitionKey(
                "{\"type\":\"PlaybackStarted\",\"playback\":{\"id\":\"p1\",\"media_uri\":\"sound:x\",\"target_uri\":\"channel:c7\"}}"));
        assertEquals("b2", AriEventForwarder.partitionKey(
                "{\"type\":\"RecordingFinished\",\"recording\":{\"name\":\"r\",\"target_uri\":\"bridge:b2\"}}"));
        assertEquals("out-1", AriEventForwarder.partitionKey(
                "{\"type\":\"Dial\",\"caller\":{\"id\":\"in-1\"},\"peer\":{\"id\":\"out-1\"},\"dialstatus\":\"\"}"));
        assertNull(AriEventForwarder.partitionKey("{\"type\":\"ApplicationReplaced\",\"application\":\"voipbin\"}"));
        assertNull(AriEventForwarder.partitionKey("not json"));
    }
}
