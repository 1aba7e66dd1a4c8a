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
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stateful simulator: originate/inbound calls, their ARI events on /ari/events, and the /sim control API. */
@QuarkusTest
class ChannelsAndEventsIT {

    private static EventClient events;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void connect() throws Exception {
        if (events == null) {
            URI ws = URI.create(base.toString().replaceFirst("^http", "ws")
                    + "ari/events?app=voipbin&subscribeAll=true&api_key=asterisk:test-secret");
            events = new EventClient(ws);
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

    private static void endpoint(String number, String json) {
        given().contentType(ContentType.JSON).body(json).put("/sim/endpoints/" + number).then().statusCode(200);
    }

    private static String originate(String number, String extraQuery) {
        return ari().post("/ari/channels?endpoint=PJSIP/" + number + "@trunk&app=voipbin"
                        + "&appArgs=context_type=call,context=call-out&callerId=Alice <+15550009999>" + extraQuery)
                .then().statusCode(200)
                .body("state", equalTo("Down"))
                .body("caller.number", equalTo("+15550009999"))
                .body("name", matchesPattern("PJSIP/\\" + number + "-[0-9a-f]{8}"))
                .extract().path("id");
    }

    @Test
    void answeredOriginateAndHangupGiveAsteriskEventOrder() throws Exception {
        endpoint("+15550000001", "{\"result\":\"answer\"}");
        String id = originate("+15550000001", "");
        events.awaitType(id, "StasisStart");
        assertEquals(List.of("ChannelCreated", "ChannelStateChange", "ChannelStateChange", "StasisStart"), events.types(id));
        List<JsonNode> evs = events.forChannel(id);
        assertEquals("Down", evs.get(0).at("/channel/state").asText());
        assertEquals("Ringing", evs.get(1).at("/channel/state").asText());
        assertEquals("Up", evs.get(2).at("/channel/state").asText());
        JsonNode start = evs.get(3);
        assertEquals("voipbin", start.get("application").asText());
        assertEquals("sim-test", start.get("asterisk_id").asText());
        assertTrue(start.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000"));
        assertEquals("context_type=call", start.at("/args/0").asText());
        assertEquals("context=call-out", start.at("/args/1").asText());
        assertEquals("Stasis", start.at("/channel/dialplan/app_name").asText());

        ari().get("/ari/channels/" + id).then().statusCode(200).body("state", equalTo("Up"));
        ari().post("/ari/channels/" + id + "/dial").then().statusCode(409);
        ari().get("/ari/channels").then().statusCode(200).body("id", hasItem(id));

        ari().delete("/ari/channels/" + id + "?reason=normal").then().statusCode(204);
        JsonNode destroyed = events.awaitType(id, "ChannelDestroyed");
        assertEquals(List.of("ChannelCreated", "ChannelStateChange", "ChannelStateChange", "StasisStart",
                "ChannelHangupRequest", "StasisEnd", "ChannelDestroyed"), events.types(id));
        assertEquals(16, destroyed.get("cause").asInt());
        assertEquals("Normal Clearing", destroyed.get("cause_txt").asText());
        ari().get("/ari/channels/" + id).then().statusCode(404).body("message", equalTo("Channel not found"));
        given().get("/sim/channels/" + id).then().statusCode(200).body("hungup", equalTo(true))
                .body("hangup_cause", equalTo(16));
    }

    @Test
    void busyRejectFailAndNoAnswerEndWithTheirCauses() throws Exception {
        Map<String, Object[]> cases = Map.of(
                "+15550000011", new Object[]{"busy", 17, "User busy"},
                "+15550000012", new Object[]{"reject", 21, "Call Rejected"},
                "+15550000013", new Object[]{"fail", 34, "Circuit/channel congestion"});
        for (var c : cases.entrySet()) {
            endpoint(c.getKey(), "{\"result\":\"" + c.getValue()[0] + "\"}");
            String id = originate(c.getKey(), "");
            JsonNode destroyed = events.awaitType(id, "ChannelDestroyed");
            assertEquals(List.of("ChannelCreated", "ChannelDestroyed"), events.types(id), c.getKey());
            assertEquals(c.getValue()[1], destroyed.get("cause").asInt());
            assertEquals(c.getValue()[2], destroyed.get("cause_txt").asText());
        }
        endpoint("+15550000014", "{\"result\":\"noanswer\"}");
        String id = originate("+15550000014", "&timeout=1");
        JsonNode destroyed = events.awaitType(id, "ChannelDestroyed");
        assertEquals(List.of("ChannelCreated", "ChannelStateChange", "ChannelDestroyed"), events.types(id));
        assertEquals(19, destroyed.get("cause").asInt());
    }

    @Test
    void aNoanswerEndpointStopsRingingAtItsOwnLimitAndARouteCanBehaveOnItsOwn() throws Exception {
        endpoint("+15550000015", "{\"result\":\"noanswer\",\"hangup_after_ms\":300}");
        long start = System.nanoTime();
        String id = originate("+15550000015", "&timeout=30");
        assertEquals(19, events.awaitType(id, "ChannelDestroyed").get("cause").asInt());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000, "the far end's 300 ms, not the 30 s dial timeout");

        endpoint("+15550000016", "{\"result\":\"answer\"}");
        endpoint("+15550000016@route-a", "{\"result\":\"fail\"}");
        String viaA = ari().queryParam("endpoint", "PJSIP/call-out/sip:+15550000016@route-a;transport=udp").queryParam("app", "voipbin")
                .post("/ari/channels")
                .then().statusCode(200).extract().path("id");
        assertEquals(34, events.awaitType(viaA, "ChannelDestroyed").get("cause").asInt());
        String viaB = ari().queryParam("endpoint", "PJSIP/call-out/sip:+15550000016@route-b;transport=udp").queryParam("app", "voipbin")
                .post("/ari/channels")
                .then().statusCode(200).extract().path("id");
        events.awaitType(viaB, "StasisStart");
        ari().delete("/ari/channels/" + viaB).then().statusCode(204);
    }

    @Test
    void scriptedAnswerDelayDtmfAndRemoteHangup() throws Exception {
        endpoint("+15550000021", """
                {"result":"answer","answer_after_ms":100,"hangup_after_ms":400,
                 "dtmf":[{"digits":"4#","after_ms":50}]}""");
        String id = originate("+15550000021", "");
        events.awaitType(id, "ChannelDestroyed");
        assertEquals(List.of("ChannelCreated", "ChannelStateChange", "ChannelStateChange", "StasisStart",
                "ChannelDtmfReceived", "ChannelDtmfReceived", "ChannelHangupRequest", "StasisEnd", "ChannelDestroyed"),
                events.types(id));
        List<JsonNode> evs = events.forChannel(id);
        assertEquals("4", evs.get(4).get("digit").asText());
        assertEquals("#", evs.get(5).get("digit").asText());
        assertEquals(16, evs.get(8).get("cause").asInt());
    }

    @Test
    void createThenDialWithJsonBody() throws Exception {
        String id = ari().contentType(ContentType.JSON)
                .body("{\"endpoint\":\"PJSIP/call-out/sip:+15550000031@example.com\",\"app\":\"voipbin\","
                        + "\"appArgs\":\"context_type=call,context=call-out,call_id=abc\",\"channelId\":\"chan-create-1\","
                        + "\"variables\":{\"CALLERID(num)\":\"+15550001234\",\"PJSIP_HEADER(add,X-Test)\":\"1\"}}")
                .post("/ari/channels/create").then().statusCode(200)
                .body("id", equalTo("chan-create-1")).body("caller.number", equalTo("+15550001234"))
                .extract().path("id");
        events.awaitType(id, "StasisStart");
        ari().contentType(ContentType.JSON).body("{\"timeout\":60}").post("/ari/channels/" + id + "/dial")
                .then().statusCode(204);
        events.await(id, e -> e.at("/channel/state").asText().equals("Up"));
        assertEquals(List.of("ChannelCreated", "StasisStart", "ChannelStateChange", "ChannelStateChange"), events.types(id));
        ari().contentType(ContentType.JSON).body("{\"reason_code\":\"17\"}").delete("/ari/channels/" + id)
                .then().statusCode(204);
        assertEquals(17, events.awaitType(id, "ChannelDestroyed").get("cause").asInt());
        given().get("/sim/requests").then().statusCode(200)
                .body("findAll { it.path == '/ari/channels/chan-create-1/dial' }.body", contains("{\"timeout\":60}"))
                .body("findAll { it.path == '/ari/channels/chan-create-1/dial' }.status", contains(204))
                .body("findAll { it.path == '/ari/channels/chan-create-1/dial' }.method", contains("POST"));
    }

    @Test
    void createdChannelWhoseDialFailsLeavesStasis() throws Exception {
        endpoint("+15550000032", "{\"result\":\"busy\"}");
        String id = ari().post("/ari/channels/create?endpoint=PJSIP/+15550000032@trunk&app=voipbin&appArgs=a=1")
                .then().statusCode(200).extract().path("id");
        events.awaitType(id, "StasisStart");
        ari().post("/ari/channels/" + id + "/dial").then().statusCode(204);
        JsonNode destroyed = events.awaitType(id, "ChannelDestroyed");
        assertEquals(List.of("ChannelCreated", "StasisStart", "StasisEnd", "ChannelDestroyed"), events.types(id));
        assertEquals(17, destroyed.get("cause").asInt());
        assertEquals("User busy", destroyed.get("cause_txt").asText());
        ari().post("/ari/channels/create?endpoint=PJSIP/1@trunk").then().statusCode(400);
    }

    @Test
    void inboundCallAnswerPlayTtsAndDtmf() throws Exception {
        String id = given().contentType(ContentType.JSON)
                .body("{\"source\":\"+15550000041\",\"destination\":\"+15550000042\",\"app\":\"voipbin\"}")
                .post("/sim/calls").then().statusCode(200).extract().path("channel_id");
        JsonNode start = events.awaitType(id, "StasisStart");
        assertEquals(List.of("ChannelCreated", "StasisStart"), events.types(id));
        assertEquals("Ring", events.forChannel(id).get(0).at("/channel/state").asText());
        List<String> args = new java.util.ArrayList<>();
        start.get("args").forEach(a -> args.add(a.asText()));
        assertEquals("context_type=call", args.get(0));
        assertEquals("context=call-in", args.get(1));
        assertTrue(args.contains("direction=incoming"), args.toString());
        assertEquals("+15550000041", start.at("/channel/caller/number").asText());
        assertEquals("+15550000042", start.at("/channel/dialplan/exten").asText());

        ari().post("/ari/channels/" + id + "/answer").then().statusCode(204);
        events.await(id, e -> e.at("/channel/state").asText().equals("Up"));

        ari().contentType(ContentType.JSON).body("{\"media\":[\"tts:Hello, world\"],\"playbackId\":\"call:pb-1\"}")
                .post("/ari/channels/" + id + "/play").then().statusCode(201)
                .body("id", equalTo("call:pb-1")).body("state", equalTo("playing"))
                .body("media_uri", equalTo("tts:Hello, world"))
                .body("target_uri", equalTo("channel:" + id));
        events.awaitType(id, "PlaybackStarted");
        JsonNode finished = events.awaitType(id, "PlaybackFinished");
        assertEquals("done", finished.at("/playback/state").asText());
        given().get("/sim/channels/" + id).then().statusCode(200)
                .body("spoken", contains("Hello, world"))
                .body("played", contains("tts:Hello, world"));

        // a long playback stopped early still finishes
        ari().post("/ari/channels/" + id + "/play?media=sound:hello-world,sound:goodbye&playbackId=pb-2")
                .then().statusCode(201).body("next_media_uri", equalTo("sound:goodbye"));
        ari().delete("/ari/playbacks/pb-2").then().statusCode(204);
        events.await(id, e -> e.get("type").asText().equals("PlaybackFinished")
                && e.at("/playback/id").asText().equals("pb-2"));
        ari().delete("/ari/playbacks/pb-2").then().statusCode(404);

        given().contentType(ContentType.JSON).body("{\"digits\":\"12#\"}").post("/sim/channels/" + id + "/dtmf")
                .then().statusCode(204);
        events.await(id, e -> e.get("type").asText().equals("ChannelDtmfReceived") && e.get("digit").asText().equals("#"));
        List<String> digits = events.forChannel(id).stream()
                .filter(e -> e.get("type").asText().equals("ChannelDtmfReceived"))
                .map(e -> e.get("digit").asText() + "/" + e.get("duration_ms").asInt()).toList();
        assertEquals(List.of("1/100", "2/100", "#/100"), digits);

        given().delete("/sim/channels/" + id).then().statusCode(204);
        JsonNode destroyed = events.awaitType(id, "ChannelDestroyed");
        assertEquals(16, destroyed.get("cause").asInt());
        List<String> types = events.types(id);
        assertEquals(List.of("ChannelHangupRequest", "StasisEnd", "ChannelDestroyed"),
                types.subList(types.size() - 3, types.size()));
    }

    @Test
    void holdMuteMohDtmfAndVariablesShowInSimChannels() throws Exception {
        String id = originate("+15550000051", "");
        events.awaitType(id, "StasisStart");
        ari().post("/ari/channels/" + id + "/hold").then().statusCode(204);
        events.awaitType(id, "ChannelHold");
        ari().post("/ari/channels/" + id + "/mute?direction=in").then().statusCode(204);
        ari().post("/ari/channels/" + id + "/moh?mohClass=jazz").then().statusCode(204);
        ari().post("/ari/channels/" + id + "/dtmf?dtmf=123").then().statusCode(204);
        ari().post("/ari/channels/" + id + "/variable?variable=FOO&value=bar").then().statusCode(204);
        events.awaitType(id, "ChannelVarset");
        ari().get("/ari/channels/" + id + "/variable?variable=FOO").then().statusCode(200).body("value", equalTo("bar"));
        ari().get("/ari/channels/" + id + "/variable?variable=NOPE").then().statusCode(404);
        ari().get("/ari/channels/" + id + "/variable?variable=CHANNEL(pjsip,call-id)").then().statusCode(200)
                .body("value", matchesPattern(".+@asterisk-sim"));
        given().get("/sim/channels/" + id).then().statusCode(200)
                .body("hold", equalTo(true)).body("mute", equalTo("in"))
                .body("moh", equalTo(true)).body("moh_class", equalTo("jazz"))
                .body("dtmf_sent", contains("123")).body("variables.FOO", equalTo("bar"));
        ari().delete("/ari/channels/" + id + "/hold").then().statusCode(204);
        ari().delete("/ari/channels/" + id + "/mute").then().statusCode(204);
        ari().delete("/ari/channels/" + id + "/moh").then().statusCode(204);
        events.awaitType(id, "ChannelUnhold");
        given().get("/sim/channels/" + id).then().statusCode(200)
                .body("hold", equalTo(false)).body("mute", equalTo(null)).body("moh", equalTo(false));
        given().get("/sim/channels").then().statusCode(200).body("id", hasItem(id));
        ari().delete("/ari/channels/" + id).then().statusCode(204);
    }

    @Test
    void thousandsOfConcurrentCalls() throws Exception {
        int n = 2000;
        var http = java.net.http.HttpClient.newHttpClient();
        var inFlight = new java.util.concurrent.Semaphore(64);
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        List<java.util.concurrent.CompletableFuture<String>> pending = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            var request = java.net.http.HttpRequest.newBuilder(URI.create(base + "sim/calls"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"source\":\"+1444" + i + "\",\"destination\":\"+15550000099\"}")).build();
            inFlight.acquire();
            pending.add(http.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                inFlight.release();
                try {
                    return mapper.readTree(r.body()).get("channel_id").asText();
                } catch (Exception e) {
                    throw new IllegalStateException(r.statusCode() + " " + r.body(), e);
                }
            }));
        }
        List<String> ids = pending.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        assertEquals(n, new java.util.HashSet<>(ids).size());
        for (String id : ids) {
            events.awaitType(id, "StasisStart");
        }
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString("asterisk:test-secret".getBytes());
        List<java.util.concurrent.CompletableFuture<Integer>> deletes = new java.util.ArrayList<>();
        for (String id : ids) {
            inFlight.acquire();
            deletes.add(http.sendAsync(java.net.http.HttpRequest.newBuilder(URI.create(base + "ari/channels/" + id))
                    .header("Authorization", auth).DELETE().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).thenApply(r -> {
                        inFlight.release();
                        return r.statusCode();
                    }));
        }
        deletes.forEach(f -> assertEquals(204, f.join()));
        for (String id : ids) {
            events.awaitType(id, "ChannelDestroyed");
            assertEquals(List.of("ChannelCreated", "StasisStart", "ChannelHangupRequest", "StasisEnd", "ChannelDestroyed"),
                    events.types(id));
        }
    }

    @Test
    void unknownChannelsAndMissingCredentials() {
        ari().get("/ari/channels/nope").then().statusCode(404).body("message", equalTo("Channel not found"));
        ari().delete("/ari/channels/nope").then().statusCode(404).body("message", equalTo("Channel not found"));
        ari().post("/ari/channels/nope/answer").then().statusCode(404);
        ari().post("/ari/channels/nope/play?media=sound:x").then().statusCode(404);
        given().get("/sim/channels/nope").then().statusCode(404);
        given().post("/ari/channels?endpoint=PJSIP/1@x&app=voipbin").then().statusCode(401);
        given().get("/ari/events?app=voipbin").then().statusCode(401);
        given().header("Upgrade", "websocket").queryParam("api_key", "asterisk:wrong")
                .get("/ari/events?app=voipbin").then().statusCode(401);
        ari().post("/ari/channels?app=voipbin").then().statusCode(400);
    }

    @Test
    void burstEmitsTheRequestedFramesInOrderPerChannel() throws Exception {
        given().contentType(ContentType.JSON).body("{\"count\":30,\"channels\":3}").post("/sim/events/burst")
                .then().statusCode(200).body("count", equalTo(30));
        events.await("burst-2", e -> "29".equals(e.path("value").asText()));
        java.util.List<String> values = events.forChannel("burst-1").stream()
                .filter(e -> "ChannelVarset".equals(e.path("type").asText()))
                .map(e -> e.path("value").asText()).toList();
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("1", "4", "7", "10", "13", "16", "19", "22", "25", "28"), values);
        given().contentType(ContentType.JSON).body("{\"count\":0}").post("/sim/events/burst").then().statusCode(400);
    }

    @Test
    void dialEventsFollowTheDialledChannelToItsResult() throws Exception {
        endpoint("+15550007001", "{\"result\":\"busy\"}");
        String answered = ari().post("/ari/channels?endpoint=PJSIP/+15550007002@trunk&app=voipbin")
                .then().statusCode(200).extract().path("id");
        String busy = ari().post("/ari/channels?endpoint=PJSIP/+15550007001@trunk&app=voipbin")
                .then().statusCode(200).extract().path("id");
        for (String[] expected : new String[][]{{answered, "ANSWER"}, {busy, "BUSY"}}) {
            events.awaitAny(e -> "Dial".equals(e.path("type").asText())
                    && expected[0].equals(e.path("peer").path("id").asText())
                    && expected[1].equals(e.path("dialstatus").asText()));
        }
        org.junit.jupiter.api.Assertions.assertEquals("+15550007002@trunk", events.awaitAny(e -> "Dial".equals(e.path("type").asText())
                && answered.equals(e.path("peer").path("id").asText()) && e.path("dialstatus").asText().isEmpty())
                .path("dialstring").asText());
    }
}
