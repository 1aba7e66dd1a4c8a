package net.voipbin.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DeliverCallback;
import net.voipbin.common.testing.Broker;
import net.voipbin.proto.asterisk.v1.AriRequest;
import net.voipbin.proto.asterisk.v1.AriResponse;
import net.voipbin.proto.asterisk.v1.MutinyAriServiceGrpc;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * asterisk-sim → asterisk-proxy → RabbitMQ, as processes: a call placed through the proxy's RPC
 * yields its ARI events on the asterisk.all.event partitions in order, and the proxy survives the
 * Asterisk restarting under it.
 */
class AriEventFlowIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static int freePort() throws Exception {
        return Telephony.freePort();
    }

    private static AriResponse ari(MutinyAriServiceGrpc.MutinyAriServiceStub stub, String method, String uri) {
        return stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                .request(AriRequest.newBuilder().setMethod(method).setUri(uri).setBody(ByteString.EMPTY).build())
                .await().atMost(Duration.ofSeconds(15));
    }

    private static void waitFor(String what, Duration timeout, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void callEventsArriveInOrderAndTheProxySurvivesAsteriskRestarting() throws Exception {
        Assumptions.assumeTrue(Files.exists(ServiceProcess.jar("asterisk-sim")) && Files.exists(ServiceProcess.jar("asterisk-proxy")),
                "asterisk-sim and asterisk-proxy are not packaged (run mvn package first)");
        int simPort = freePort();
        try (TestBus bus = new TestBus()) {
            Map<String, String> proxyEnv = Map.of("VOIPBIN_NAMESPACE", bus.namespace, "VOIPBIN_AMQP_QUEUE_EXPIRES", "5m",
                    "VOIPBIN_ASTERISK_ID", "sim-e", "VOIPBIN_ARI_URL", "http://127.0.0.1:" + simPort,
                    // Fast keep-alive pings: a missing pong would close the socket and show as a disconnect.
                    "ASTERISK_PROXY_EVENTS_PING_INTERVAL", "500ms");
            ServiceProcess sim = ServiceProcess.start("asterisk-sim", "sim-e", simPort, Map.of("ASTERISK_SIM_ID", "sim-e"));
            try (ServiceProcess proxy = ServiceProcess.start("asterisk-proxy", "proxy-e", freePort(), proxyEnv);
                 Channel ch = bus.connection.connection().createChannel()) {
                sim.awaitReady(Duration.ofSeconds(90));
                proxy.awaitReady(Duration.ofSeconds(90));

                // The proxy's connection announcements, as any manager would receive them.
                String announcements = ch.queueDeclare("", false, true, true, null).getQueue();
                ch.queueBind(announcements, bus.namespace + ".bin-manager.asterisk-proxy.event", "");
                ConcurrentLinkedQueue<String> announced = new ConcurrentLinkedQueue<>();
                ch.basicConsume(announcements, true, (DeliverCallback) (tag, d) ->
                        announced.add(JSON.readTree(d.getBody()).path("type").asText()), tag -> { });

                // Every partition, as call-manager will consume them; frames keyed by channel id.
                Map<String, List<JsonNode>> byChannel = new java.util.concurrent.ConcurrentHashMap<>();
                List<String> partitionConsumers = new ArrayList<>();
                for (int n = 0; n < 16; n++) {
                    partitionConsumers.add(ch.basicConsume(bus.namespace + ".asterisk.all.event." + n, true, (DeliverCallback) (tag, d) -> {
                        JsonNode envelope = JSON.readTree(d.getBody());
                        String channelId = envelope.path("data").path("channel").path("id").asText("");
                        if (!channelId.isEmpty()) {
                            byChannel.computeIfAbsent(channelId, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                    .add(envelope);
                        }
                    }, tag -> { }));
                }

                MutinyAriServiceGrpc.MutinyAriServiceStub call =
                        MutinyAriServiceGrpc.newMutinyStub(bus.rpc.channelToQueue("asterisk.call.request"));
                AriResponse created = ari(call, "POST", "/ari/channels?endpoint=PJSIP/%2B15551230001@trunk&app=voipbin"
                        + "&appArgs=context_type%3Dcall,context%3Dcall-out");
                assertEquals(200, created.getStatusCode(), created.getBody().toStringUtf8());
                String channelId = JSON.readTree(created.getBody().toByteArray()).path("id").asText();
                MutinyAriServiceGrpc.MutinyAriServiceStub targeted =
                        MutinyAriServiceGrpc.newMutinyStub(bus.rpc.channelToQueue("asterisk." + created.getAsteriskId() + ".request"));
                waitFor("StasisStart of " + channelId, Duration.ofSeconds(10), () -> types(byChannel, channelId).contains("StasisStart"));
                assertEquals(204, ari(targeted, "DELETE", "/ari/channels/" + channelId).getStatusCode());
                waitFor("ChannelDestroyed of " + channelId, Duration.ofSeconds(10), () -> types(byChannel, channelId).contains("ChannelDestroyed"));

                List<String> types = types(byChannel, channelId);
                assertEquals("ChannelCreated", types.get(0), types.toString());
                assertEquals("ChannelDestroyed", types.get(types.size() - 1), types.toString());
                assertTrue(types.indexOf("StasisStart") < types.indexOf("StasisEnd"), types.toString());
                for (JsonNode envelope : byChannel.get(channelId)) {
                    assertEquals("ari_event", envelope.path("type").asText());
                    assertEquals("sim-e", envelope.path("asterisk_id").asText());
                }

                // Asterisk restarts under the proxy: it must notice, say so, and come back by itself.
                sim.kill();
                waitFor("proxy not ready while Asterisk is down", Duration.ofSeconds(10), () -> proxy.get("/q/health/ready") == 503);
                sim = ServiceProcess.start("asterisk-sim", "sim-e-again", simPort, Map.of("ASTERISK_SIM_ID", "sim-e"));
                sim.awaitReady(Duration.ofSeconds(90));
                waitFor("proxy ready again", Duration.ofSeconds(30), () -> proxy.get("/q/health/ready") == 200);
                waitFor("disconnected then connected announced", Duration.ofSeconds(10), () -> {
                    List<String> seen = new ArrayList<>(announced);
                    return seen.contains("asterisk_disconnected")
                            && seen.lastIndexOf("asterisk_connected") > seen.indexOf("asterisk_disconnected");
                });

                // The broker drops the proxy while a call happens: the ARI reader must not stall (Asterisk
                // would drop it), and the call's frames reach the bus, in order, once the proxy is back.
                long disconnectsBefore = announced.stream().filter("asterisk_disconnected"::equals).count();
                assertTrue(Broker.closeConnections("asterisk-proxy " + bus.namespace) >= 1);
                String inbound = JSON.readTree(sim.send("POST", "/sim/calls",
                        "{\"source\":\"+15551230002\",\"destination\":\"+15551230003\"}")).path("channel_id").asText();
                sim.send("DELETE", "/sim/channels/" + inbound, null);
                waitFor("inbound call's frames after the broker came back", Duration.ofSeconds(20),
                        () -> types(byChannel, inbound).contains("ChannelDestroyed"));
                List<String> inboundTypes = types(byChannel, inbound);
                assertEquals("ChannelCreated", inboundTypes.get(0), inboundTypes.toString());
                assertTrue(inboundTypes.indexOf("StasisStart") > 0 && inboundTypes.indexOf("StasisStart") < inboundTypes.indexOf("ChannelDestroyed"),
                        inboundTypes.toString());
                assertEquals(disconnectsBefore, announced.stream().filter("asterisk_disconnected"::equals).count(),
                        "the ARI WebSocket stayed open while the broker was away");

                // Nobody consumes the partitions (the slowest consumer there is): the proxy keeps reading
                // the socket and publishing; the frames wait in the queues, not in Asterisk.
                for (String tag : partitionConsumers) {
                    ch.basicCancel(tag);
                }
                int burst = 20_000;
                long forwardedBefore = forwarded(proxy);
                sim.send("POST", "/sim/events/burst", "{\"count\":" + burst + ",\"channels\":64}");
                waitFor("all burst frames published", Duration.ofSeconds(30), () -> forwarded(proxy) - forwardedBefore >= burst);
                // Published is not yet enqueued (no confirms on this path): give the broker a moment.
                waitFor("frames waiting in the partition queues", Duration.ofSeconds(30), () -> queued(ch, bus.namespace) >= burst);
                assertEquals(200, proxy.get("/q/health/ready"));
                assertEquals(disconnectsBefore, announced.stream().filter("asterisk_disconnected"::equals).count());
            } finally {
                sim.close();
            }
        }
    }

    private static long queued(Channel ch, String namespace) {
        long queued = 0;
        try {
            for (int n = 0; n < 16; n++) {
                queued += ch.queueDeclarePassive(namespace + ".asterisk.all.event." + n).getMessageCount();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return queued;
    }

    /** The proxy's count of frames it has put on the bus, from its Prometheus metrics. */
    private static long forwarded(ServiceProcess proxy) {
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("voipbin_ari_frames_total\\{outcome=\"forwarded\"\\} ([0-9.E]+)")
                    .matcher(proxy.body("/q/metrics"));
            return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    private static List<String> types(Map<String, List<JsonNode>> byChannel, String channelId) {
        List<JsonNode> frames = byChannel.getOrDefault(channelId, List.of());
        synchronized (frames) {
            return frames.stream().map(f -> f.path("data").path("type").asText()).toList();
        }
    }
}
