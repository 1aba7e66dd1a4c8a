package net.voipbin.e2e;

import net.voipbin.proto.asterisk.v1.AriRequest;
import net.voipbin.proto.asterisk.v1.AriResponse;
import net.voipbin.proto.asterisk.v1.MutinyAriServiceGrpc;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A farm of two: two asterisk-sim processes, each behind its own asterisk-proxy process. ARI
 * requests sent as RPC to asterisk.<id>.request reach that Asterisk; asterisk.call.request is
 * served by whichever proxy takes it.
 */
class AsteriskEdgeIT {

    private static int freePort() throws Exception {
        return Telephony.freePort();
    }

    private static AriResponse info(MutinyAriServiceGrpc.MutinyAriServiceStub ari) {
        return ari.withDeadlineAfter(10, TimeUnit.SECONDS)
                .request(AriRequest.newBuilder().setMethod("GET").setUri("/ari/asterisk/info").build())
                .await().atMost(Duration.ofSeconds(15));
    }

    @Test
    void targetedRequestsReachTheirAsteriskAndSharedOnesAnyProxy() throws Exception {
        Assumptions.assumeTrue(Files.exists(ServiceProcess.jar("asterisk-sim")) && Files.exists(ServiceProcess.jar("asterisk-proxy")),
                "asterisk-sim and asterisk-proxy are not packaged (run mvn package first)");
        int simA = freePort();
        int simB = freePort();
        try (TestBus bus = new TestBus();
             ServiceProcess a = ServiceProcess.start("asterisk-sim", "sim-a", simA, Map.of("ASTERISK_SIM_ID", "sim-a"));
             ServiceProcess b = ServiceProcess.start("asterisk-sim", "sim-b", simB, Map.of("ASTERISK_SIM_ID", "sim-b"));
             ServiceProcess proxyA = ServiceProcess.start("asterisk-proxy", "proxy-a", freePort(), Map.of(
                     "VOIPBIN_NAMESPACE", bus.namespace, "VOIPBIN_AMQP_QUEUE_EXPIRES", "5m",
                     "VOIPBIN_ASTERISK_ID", "sim-a", "VOIPBIN_ARI_URL", "http://127.0.0.1:" + simA));
             ServiceProcess proxyB = ServiceProcess.start("asterisk-proxy", "proxy-b", freePort(), Map.of(
                     "VOIPBIN_NAMESPACE", bus.namespace, "VOIPBIN_AMQP_QUEUE_EXPIRES", "5m",
                     "VOIPBIN_ASTERISK_ID", "sim-b", "VOIPBIN_ARI_URL", "http://127.0.0.1:" + simB))) {
            for (ServiceProcess p : new ServiceProcess[]{a, b, proxyA, proxyB}) {
                p.awaitReady(Duration.ofSeconds(90));
            }
            for (String id : new String[]{"sim-a", "sim-b"}) {
                AriResponse reply = info(MutinyAriServiceGrpc.newMutinyStub(bus.rpc.channelToQueue("asterisk." + id + ".request")));
                assertEquals(200, reply.getStatusCode());
                assertEquals(id, reply.getAsteriskId());
                assertTrue(reply.getBody().toString(StandardCharsets.UTF_8).contains("\"" + id + "\""),
                        "ARI body must come from " + id + ": " + reply.getBody().toStringUtf8());
            }
            MutinyAriServiceGrpc.MutinyAriServiceStub shared =
                    MutinyAriServiceGrpc.newMutinyStub(bus.rpc.channelToQueue("asterisk.call.request"));
            Set<String> answeredBy = new HashSet<>();
            for (int i = 0; i < 40 && answeredBy.size() < 2; i++) {
                answeredBy.add(info(shared).getAsteriskId());
            }
            assertEquals(Set.of("sim-a", "sim-b"), answeredBy, "both proxies take requests from the shared queue");
        }
    }
}
