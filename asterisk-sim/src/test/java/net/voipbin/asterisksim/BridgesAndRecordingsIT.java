package net.voipbin.asterisksim;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bridges (enter/leave/destroy events) and recordings (events and the WAV file). */
@QuarkusTest
class BridgesAndRecordingsIT {

    private static EventClient events;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void connect() throws Exception {
        if (events == null) {
            events = new EventClient(URI.create(base.toString().replaceFirst("^http", "ws")
                    + "ari/events?app=voipbin&subscribeAll=true&api_key=asterisk:test-secret"));
            long deadline = System.currentTimeMillis() + 5000;
            while (given().get("/sim/websockets").then().extract().path("connected").equals(0)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
        }
    }

    private static RequestSpecification ari() {
        return given().auth().preemptive().basic("asterisk", "test-secret");
    }

    private static String inbound(String source) throws InterruptedException {
        String id = given().contentType(ContentType.JSON)
                .body("{\"source\":\"" + source + "\",\"destination\":\"+15559990000\"}")
                .post("/sim/calls").then().statusCode(200).extract().path("channel_id");
        events.awaitType(id, "StasisStart");
        return id;
    }

    @Test
    void bridgeLifecycle() throws Exception {
        String a = inbound("+15559990001");
        String b = inbound("+15559990002");
        ari().contentType(ContentType.JSON)
                .body("{\"type\":\"mixing,video_sfu\",\"bridgeId\":\"br-1\",\"name\":\"reference_type=call,reference_id=x\"}")
                .post("/ari/bridges").then().statusCode(200)
                .body("id", equalTo("br-1")).body("bridge_type", equalTo("mixing"))
                .body("name", equalTo("reference_type=call,reference_id=x")).body("channels", empty());
        events.awaitAny(e -> e.get("type").asText().equals("BridgeCreated") && e.at("/bridge/id").asText().equals("br-1"));
        ari().post("/ari/bridges/br-1/addChannel?channel=" + a + "," + b).then().statusCode(204);
        JsonNode entered = events.awaitType(b, "ChannelEnteredBridge");
        assertEquals("br-1", entered.at("/bridge/id").asText());
        ari().get("/ari/bridges/br-1").then().statusCode(200).body("channels", contains(a, b));
        given().get("/sim/channels/" + a).then().body("bridge_id", equalTo("br-1"));

        ari().contentType(ContentType.JSON).body("{\"channel\":\"" + a + "\"}")
                .post("/ari/bridges/br-1/removeChannel").then().statusCode(204);
        events.awaitType(a, "ChannelLeftBridge");
        ari().post("/ari/bridges/br-1/removeChannel?channel=" + a).then().statusCode(422);

        // hangup of a bridged leg: HangupRequest -> LeftBridge -> StasisEnd -> Destroyed
        ari().delete("/ari/channels/" + b).then().statusCode(204);
        events.awaitType(b, "ChannelDestroyed");
        List<String> types = events.types(b);
        assertEquals(List.of("ChannelHangupRequest", "ChannelLeftBridge", "StasisEnd", "ChannelDestroyed"),
                types.subList(types.size() - 4, types.size()));

        ari().post("/ari/bridges/br-1/addChannel?channel=" + a).then().statusCode(204);
        ari().delete("/ari/bridges/br-1").then().statusCode(204);
        events.awaitAny(e -> e.get("type").asText().equals("BridgeDestroyed") && e.at("/bridge/id").asText().equals("br-1"));
        List<String> aTypes = events.types(a);
        assertEquals("ChannelLeftBridge", aTypes.get(aTypes.size() - 1));
        ari().get("/ari/bridges/br-1").then().statusCode(404).body("message", equalTo("Bridge not found"));
        ari().post("/ari/bridges/nope/addChannel?channel=" + a).then().statusCode(404);
        ari().delete("/ari/channels/" + a).then().statusCode(204);
    }

    @Test
    void aKeyInTerminateOnEndsTheRecordingAndMp3IsAccepted() throws Exception {
        String id = inbound("+15559990012");
        ari().queryParam("name", "call_k_in").queryParam("format", "mp3").queryParam("terminateOn", "#")
                .post("/ari/channels/" + id + "/record").then().statusCode(201);
        events.awaitType(id, "RecordingStarted");
        given().contentType("application/json").body("{\"digits\":\"1\"}").post("/sim/channels/" + id + "/dtmf").then().statusCode(204);
        Thread.sleep(200);
        ari().get("/ari/recordings/live/call_k_in").then().statusCode(200); // 1 is not the terminator
        given().contentType("application/json").body("{\"digits\":\"#\"}").post("/sim/channels/" + id + "/dtmf").then().statusCode(204);
        JsonNode finished = events.awaitType(id, "RecordingFinished");
        assertEquals("mp3", finished.at("/recording/format").asText());
        ari().get("/ari/recordings/live/call_k_in").then().statusCode(404);
        ari().delete("/ari/channels/" + id).then().statusCode(204);
    }

    @Test
    void recordingGivesEventsAndAWavOfItsLength() throws Exception {
        String id = inbound("+15559990011");
        ari().post("/ari/channels/" + id + "/record?name=call_x_in&format=wav&ifExists=fail").then().statusCode(201)
                .body("name", equalTo("call_x_in")).body("state", equalTo("recording"))
                .body("target_uri", equalTo("channel:" + id));
        events.awaitType(id, "RecordingStarted");
        ari().post("/ari/channels/" + id + "/record?name=call_x_in&format=wav").then().statusCode(409);
        Thread.sleep(1100);
        ari().post("/ari/recordings/live/call_x_in/stop").then().statusCode(204);
        JsonNode finished = events.awaitType(id, "RecordingFinished");
        assertEquals("done", finished.at("/recording/state").asText());
        assertTrue(finished.at("/recording/duration").asInt() >= 1, finished.toString());
        byte[] wav = ari().get("/ari/recordings/stored/call_x_in/file").then().statusCode(200)
                .contentType("audio/wav").extract().asByteArray();
        assertEquals("RIFF", new String(wav, 0, 4));
        assertEquals("WAVE", new String(wav, 8, 4));
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(8000, b.getInt(24));
        assertEquals(16, b.getShort(34));
        int dataLen = b.getInt(40);
        assertEquals(wav.length - 44, dataLen);
        assertTrue(dataLen >= 17600 && dataLen % 2 == 0, "at least 1.1 s of 8 kHz 16-bit audio: " + dataLen);
        given().get("/sim/channels/" + id).then().body("recordings", contains("call_x_in"));
        ari().get("/ari/recordings/stored/nope/file").then().statusCode(404);
        ari().post("/ari/recordings/live/nope/stop").then().statusCode(404);

        // a recording still running at hangup finishes before the channel goes
        ari().post("/ari/channels/" + id + "/record?name=call_y_in&format=wav").then().statusCode(201);
        ari().delete("/ari/channels/" + id).then().statusCode(204);
        events.awaitType(id, "ChannelDestroyed");
        List<String> types = events.types(id);
        assertEquals(List.of("RecordingStarted", "ChannelHangupRequest", "RecordingFinished", "StasisEnd", "ChannelDestroyed"),
                types.subList(types.size() - 5, types.size()));
        ari().get("/ari/recordings/stored/call_y_in").then().statusCode(200).body("format", equalTo("wav"));
        java.nio.file.Path file = java.nio.file.Path.of("target/sim-recordings/call_x_in.wav");
        long deadline = System.currentTimeMillis() + 5000;
        while (!java.nio.file.Files.exists(file) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(wav.length, java.nio.file.Files.size(file));
    }

    @Test
    void snoopAndExternalMediaEnterStasis() throws Exception {
        String target = inbound("+15559990021");
        String snoop = ari().contentType(ContentType.JSON)
                .body("{\"spy\":\"both\",\"whisper\":\"none\",\"app\":\"voipbin\","
                        + "\"appArgs\":\"context_type=call,context=call-record,recording_name=r1\",\"snoopId\":\"snoop-1\"}")
                .post("/ari/channels/" + target + "/snoop").then().statusCode(200)
                .body("id", equalTo("snoop-1")).body("name", org.hamcrest.Matchers.startsWith("Snoop/" + target + "-"))
                .extract().path("id");
        JsonNode start = events.awaitType(snoop, "StasisStart");
        assertEquals("context=call-record", start.at("/args/1").asText());

        String ext = ari().contentType(ContentType.JSON)
                .body("{\"channelId\":\"ext-1\",\"app\":\"voipbin\",\"external_host\":\"10.0.0.5:9000\","
                        + "\"format\":\"ulaw\",\"data\":\"context_type=call,context=call-externalmedia\"}")
                .post("/ari/channels/externalMedia").then().statusCode(200)
                .body("id", equalTo("ext-1")).body("name", org.hamcrest.Matchers.startsWith("UnicastRTP/10.0.0.5:9000-0x"))
                .body("channelvars.UNICASTRTP_LOCAL_ADDRESS", equalTo("127.0.0.1"))
                .body("channelvars.UNICASTRTP_LOCAL_PORT", org.hamcrest.Matchers.notNullValue())
                .extract().path("id");
        events.awaitType(ext, "StasisStart");

        // the snoop goes when the spied channel goes
        ari().delete("/ari/channels/" + target).then().statusCode(204);
        events.awaitType(snoop, "ChannelDestroyed");
        ari().delete("/ari/channels/" + ext).then().statusCode(204);
        events.awaitType(ext, "ChannelDestroyed");
    }

    @Test
    void socketsCanBeDroppedAndStateReset() throws Exception {
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        var socket = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(base.toString().replaceFirst("^http", "ws")
                        + "ari/events?app=dropme&api_key=asterisk:test-secret"), new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket ws, int code, String reason) {
                        closed.countDown();
                        return null;
                    }
                }).get(5, java.util.concurrent.TimeUnit.SECONDS);
        long deadline = System.currentTimeMillis() + 5000;
        while (given().get("/sim/websockets").then().extract().path("apps.dropme") == null
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        given().post("/sim/websockets/close?app=dropme").then().statusCode(200).body("closed", equalTo(1));
        assertTrue(closed.await(5, java.util.concurrent.TimeUnit.SECONDS));
        socket.abort();

        given().get("/sim/requests").then().statusCode(200)
                .body("find { it.path == '/ari/events' && it.query.contains('app=dropme') }.status", equalTo(101));
        String id = inbound("+15559990041");
        given().put("/sim/endpoints/+15559990042").then().statusCode(200).body("result", equalTo("answer"));
        given().contentType(ContentType.JSON).body("{\"result\":\"busy\"}").put("/sim/endpoints/+15559990042")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"result\":\"maybe\"}").put("/sim/endpoints/+15559990042")
                .then().statusCode(400);
        given().get("/sim/endpoints").then().statusCode(200).body("number", org.hamcrest.Matchers.hasItem("+15559990042"));
        given().post("/sim/reset").then().statusCode(204);
        given().get("/sim/requests").then().statusCode(200).body("$", empty());
        ari().get("/ari/channels/" + id).then().statusCode(404);
        given().get("/sim/channels").then().statusCode(200).body("$", empty());
        given().get("/sim/endpoints").then().statusCode(200).body("$", empty());
        given().get("/sim/requests").then().statusCode(200).body("method", contains("GET"));
    }

    @Test
    void injectedCallCanScriptDtmfAndHangup() throws Exception {
        String id = given().contentType(ContentType.JSON)
                .body("{\"source\":\"+15559990031\",\"destination\":\"+15559990000\","
                        + "\"dtmf\":[{\"digits\":\"9\",\"after_ms\":20}],\"hangup_after_ms\":200}")
                .post("/sim/calls").then().statusCode(200).extract().path("channel_id");
        events.awaitType(id, "ChannelDestroyed");
        assertEquals(List.of("ChannelCreated", "StasisStart", "ChannelDtmfReceived", "ChannelHangupRequest",
                "StasisEnd", "ChannelDestroyed"), events.types(id));
    }
}
