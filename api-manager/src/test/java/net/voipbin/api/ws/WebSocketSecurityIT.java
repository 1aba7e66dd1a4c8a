package net.voipbin.api.ws;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import net.voipbin.api.auth.Secrets;
import net.voipbin.api.config.ApiConfig;
import net.voipbin.api.ratelimit.RateLimitTier;
import net.voipbin.api.ratelimit.RateLimiter;
import net.voipbin.api.testing.Api;
import org.junit.jupiter.api.Test;

import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static net.voipbin.api.testing.Api.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attacks on the WebSocket, each refused: reused, expired and forged tickets; long-lived secrets in the URL;
 * a revoked key or an expired token that would go on listening; more topics, connections or bytes than allowed;
 * an upgrade flood. The test profile re-checks identities every second and allows 5 topics and 3 connections.
 */
@QuarkusTest
class WebSocketSecurityIT extends WsTestSupport {

    @Inject
    Pool pool;
    @Inject
    RateLimiter limiter;
    @Inject
    ApiConfig config;

    static String subscribe(String... topics) {
        return "{\"type\":\"subscribe\",\"topics\":[\"" + String.join("\",\"", topics) + "\"]}";
    }

    @Test
    void aTicketOpensOneSocketAndIsThenUsedUp() throws Exception {
        String[] c = Api.newCustomer();
        var issued = as(c[1]).post("/v1.0/ws/tickets").then().statusCode(200).extract();
        String ticket = issued.path("ticket");
        assertTrue(ticket.startsWith("wst_") && issued.path("expire") != null);
        Recorder rec = new Recorder(true);
        WebSocket ws = connect("/v1.0/ws?ticket=" + ticket, rec);
        ws.sendText(subscribe("customer_id:" + c[0]), true);
        await().atMost(Duration.ofSeconds(5)).until(() -> rec.has("subscribed"));
        // the same ticket again (read from a log, replayed): refused
        assertEquals(401, refusedWith("/v1.0/ws?ticket=" + ticket, null));
        assertEquals(401, refusedWith("/v1/ws?ticket=wst_forgedforgedforgedforgedforgedforgedforged", null));
        // no ticket without authentication
        org.hamcrest.MatcherAssert.assertThat(io.restassured.RestAssured.given().post("/v1.0/ws/tickets").statusCode(),
                org.hamcrest.Matchers.equalTo(401));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
    }

    @Test
    void anExpiredTicketIsRefused() throws Exception {
        String[] c = Api.newCustomer();
        String ticket = ticket(c[1]);
        int changed = pool.preparedQuery("UPDATE ws_ticket SET tm_expire = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND"
                + " WHERE token_hash = ?").execute(Tuple.of(Secrets.sha256(ticket))).await().atMost(Duration.ofSeconds(5))
                .rowCount();
        assertEquals(1, changed);
        assertEquals(401, refusedWith("/v1.0/ws?ticket=" + ticket, null));
    }

    @Test
    void longLivedSecretsInTheUrlAreRefusedOnTheUpgrade() throws Exception {
        String[] c = Api.newCustomer();
        String key = as(c[1]).body(Map.of("name", "ws")).post("/v1.0/accesskeys").then().statusCode(200)
                .extract().path("token");
        assertEquals(401, refusedWith("/v1.0/ws?token=" + c[1], null));
        assertEquals(401, refusedWith("/v1.0/ws?accesskey=" + key, null));
        // also next to a valid header: the URL has already been written to some log
        assertEquals(401, refusedWith("/v1.0/ws?token=" + c[1], "Bearer " + c[1]));
        assertEquals(401, refusedWith("/v1.0/ws", null));
        assertEquals(101, refusedWith("/v1.0/ws", "Bearer " + key));
    }

    @Test
    void aRevokedKeysSocketIsClosedWithinTheRecheckInterval() throws Exception {
        String[] c = Api.newCustomer();
        var created = as(c[1]).body(Map.of("name", "revoked")).post("/v1.0/accesskeys").then().statusCode(200).extract();
        String key = created.path("token");
        Recorder rec = new Recorder(true);
        WebSocket ws = connect("/v1.0/ws", "Bearer " + key, rec);
        ws.sendText(subscribe("customer_id:" + c[0] + ":call:*"), true);
        await().atMost(Duration.ofSeconds(5)).until(() -> rec.has("subscribed"));
        Recorder live = new Recorder(true);
        WebSocket liveWs = connect("/v1.0/ws", "Bearer " + c[1], live);
        liveWs.sendText(subscribe("customer_id:" + c[0] + ":call:*"), true);
        await().atMost(Duration.ofSeconds(5)).until(() -> live.has("subscribed"));
        as(c[1]).delete("/v1.0/accesskeys/" + (String) created.path("id")).then().statusCode(200);
        // closed by the next re-check (1 s in the test profile), with a reason the client can read
        assertEquals(WsEndpoints.CLOSE_UNAUTHENTICATED, rec.closed.get(10, TimeUnit.SECONDS));
        assertEquals("credentials revoked", rec.closeReason);
        assertTrue(rec.has("UNAUTHENTICATED"), rec.messages.toString());
        // it gets no more events: the customer's other socket (its admin's) gets this one, the revoked does not
        String callId = UUID.randomUUID().toString();
        publish("call_created", c[0], callId, "");
        await().atMost(Duration.ofSeconds(5)).until(() -> live.has(callId));
        assertTrue(!rec.has(callId), rec.messages.toString());
        liveWs.sendClose(WebSocket.NORMAL_CLOSURE, "");
    }

    @Test
    void aSocketIsClosedWhenItsTokenExpires() throws Exception {
        String[] c = Api.newCustomer();
        String agentId = as(c[1]).get("/v1.0/me").then().statusCode(200).extract().path("id");
        String shortLived = Jwt.issuer("voipbin-api").claim("agent_id", agentId).claim("customer_id", c[0])
                .expiresIn(Duration.ofSeconds(3))
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256).signWithSecret(config.jwt().key());
        Recorder rec = new Recorder(true);
        WebSocket ws = connect("/v1.0/ws?ticket=" + ticket(shortLived), rec);
        ws.sendText(subscribe("customer_id:" + c[0]), true);
        await().atMost(Duration.ofSeconds(5)).until(() -> rec.has("subscribed"));
        assertEquals(WsEndpoints.CLOSE_UNAUTHENTICATED, rec.closed.get(10, TimeUnit.SECONDS));
        assertEquals("token expired", rec.closeReason);
    }

    @Test
    void theConnectionBeyondTheCustomersCapIsRefused() throws Exception {
        String[] c = Api.newCustomer();
        int max = config.ws().maxConnectionsPerCustomer();
        List<WebSocket> open = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            open.add(connect("/v1.0/ws", "Bearer " + c[1], new Recorder(true)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.connections(UUID.fromString(c[0])) == max);
        assertEquals(429, refusedWith("/v1.0/ws", "Bearer " + c[1]));
        assertEquals(429, refusedWith("/v1.0/ws?ticket=" + ticket(c[1]), null));
        // another customer is not affected, and a closed socket frees its place
        String[] other = Api.newCustomer();
        assertEquals(101, refusedWith("/v1.0/ws", "Bearer " + other[1]));
        open.get(0).sendClose(WebSocket.NORMAL_CLOSURE, "");
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.connections(UUID.fromString(c[0])) == max - 1);
        open.set(0, connect("/v1.0/ws", "Bearer " + c[1], new Recorder(true)));
        open.forEach(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, ""));
    }

    @Test
    void theTopicBeyondTheCapIsRefused() throws Exception {
        String[] c = Api.newCustomer();
        int max = config.ws().maxTopics();
        Recorder rec = new Recorder(true);
        WebSocket ws = connect("/v1.0/ws", "Bearer " + c[1], rec);
        List<String> topics = new ArrayList<>();
        for (int i = 0; i <= max; i++) {
            topics.add("customer_id:" + c[0] + ":call:" + UUID.randomUUID());
        }
        ws.sendText(subscribe(topics.toArray(String[]::new)), true);
        await().atMost(Duration.ofSeconds(5)).until(() -> rec.has("subscribed"));
        assertTrue(rec.has("RESOURCE_EXHAUSTED") && rec.has("at most " + max + " topics"), rec.messages.toString());
        String ack = rec.messages.stream().filter(m -> m.contains("subscribed")).findFirst().orElseThrow();
        assertTrue(ack.contains(topics.get(max - 1)) && !ack.contains(topics.get(max)), ack);
        // subscribing to one already held is no new topic; after an unsubscribe there is room again
        ws.sendText("{\"type\":\"unsubscribe\",\"topics\":[\"" + topics.get(0) + "\"]}", true);
        await().atMost(Duration.ofSeconds(5)).until(() -> rec.has("unsubscribed"));
        rec.messages.clear();
        ws.sendText(subscribe(topics.get(max)), true);
        await().atMost(Duration.ofSeconds(5)).until(() -> rec.has("subscribed"));
        assertTrue(rec.has(topics.get(max)) && !rec.has("RESOURCE_EXHAUSTED"), rec.messages.toString());
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
    }

    @Test
    void anOversizedMessageClosesTheSocket() throws Exception {
        String[] c = Api.newCustomer();
        Recorder rec = new Recorder(true);
        WebSocket ws = connect("/v1.0/ws", "Bearer " + c[1], rec);
        String big = subscribe("customer_id:" + c[0] + ":" + "x".repeat(32 * 1024));
        assertTrue(big.getBytes(StandardCharsets.UTF_8).length > 16384);
        ws.sendText(big, true);
        assertEquals(WsEndpoints.CLOSE_TOO_BIG, rec.closed.get(10, TimeUnit.SECONDS));
        assertEquals("message too big", rec.closeReason);
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.connections(UUID.fromString(c[0])) == 0);
    }

    @Test
    void theUpgradeTakesThePerIpLimit() throws Exception {
        String ip = Api.randomIp();
        // this IP's bucket kept empty as by a flood (the test profile refills 500 a second, so one drain would be
        // refilled on a busy machine before the upgrades arrive), then a burst of upgrades without credentials:
        // the limit comes before authentication, so each is a 401 or, limited, a 429
        java.util.concurrent.atomic.AtomicBoolean flooding = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread flood = new Thread(() -> {
            while (flooding.get()) {
                limiter.acquire(RateLimitTier.IP, ip).await().atMost(Duration.ofSeconds(5));
            }
        });
        flood.start();
        List<java.net.http.HttpResponse<?>> limited = new ArrayList<>();
        try {
            while (limiter.acquire(RateLimitTier.IP, ip).await().atMost(Duration.ofSeconds(5)) == 0) {
                // drain
            }
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            java.net.URI uri = java.net.URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/v1.0/ws");
            List<java.util.concurrent.CompletableFuture<WebSocket>> upgrades = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                upgrades.add(client.newWebSocketBuilder().header("X-Forwarded-For", ip).buildAsync(uri, new Recorder(true)));
            }
            for (var upgrade : upgrades) {
                try {
                    upgrade.get(10, TimeUnit.SECONDS).abort();
                } catch (java.util.concurrent.ExecutionException e) {
                    var response = ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse();
                    if (response.statusCode() == 429) {
                        limited.add(response);
                    } else {
                        assertEquals(401, response.statusCode());
                    }
                }
            }
        } finally {
            flooding.set(false);
            flood.join(5000);
        }
        assertTrue(!limited.isEmpty(), "no upgrade was limited");
        assertTrue(limited.get(0).headers().firstValue("Retry-After").isPresent());
    }

}
