package net.voipbin.asteriskproxy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import net.voipbin.common.testing.RpcServiceTestBase;
import net.voipbin.proto.asterisk.v1.AriRequest;
import net.voipbin.proto.asterisk.v1.MutinyAriServiceGrpc;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proxy without a database, on the real broker, with no Asterisk behind it (forwarding to
 * asterisk-sim is tested in e2e, with both as processes).
 */
@QuarkusTest
class AsteriskProxyIT extends RpcServiceTestBase {

    private MutinyAriServiceGrpc.MutinyAriServiceStub ari(String queue) {
        return MutinyAriServiceGrpc.newMutinyStub(rpc.channelToQueue(queue));
    }

    private static StatusRuntimeException failure(MutinyAriServiceGrpc.MutinyAriServiceStub stub, AriRequest request) {
        return assertThrows(StatusRuntimeException.class, () -> stub.request(request).await().atMost(Duration.ofSeconds(15)));
    }

    @Test
    void notReadyWithoutItsAsteriskAndKeepsTryingToReachIt() {
        // Broker up, ARI WebSocket down: the proxy must not take traffic it cannot serve.
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'broker' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'ari' }.status", equalTo("DOWN"));
        given().get("/q/health/live").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/q/metrics").asString()
                .matches("(?s).*voipbin_ari_reconnects_total [1-9].*"));
    }

    @Test
    void servesTheTargetedAndTheSharedQueueAndRefusesNonAriPaths() {
        for (String queue : new String[]{"asterisk.proxy-test.request", "asterisk.call.request"}) {
            StatusRuntimeException badUri = failure(ari(queue), AriRequest.newBuilder().setMethod("GET").setUri("/etc/passwd").build());
            assertEquals(Status.Code.INVALID_ARGUMENT, badUri.getStatus().getCode());
            assertTrue(badUri.getStatus().getDescription().startsWith("uri:"));
            StatusRuntimeException badMethod = failure(ari(queue), AriRequest.newBuilder().setMethod("PATCH").setUri("/ari/channels").build());
            assertTrue(badMethod.getStatus().getDescription().startsWith("method:"));
        }
    }

    @Test
    void unreachableAsteriskIsUnavailable() {
        StatusRuntimeException down = failure(ari("asterisk.proxy-test.request"),
                AriRequest.newBuilder().setMethod("GET").setUri("/ari/asterisk/info").build());
        assertEquals(Status.Code.UNAVAILABLE, down.getStatus().getCode());
        assertTrue(down.getStatus().getDescription().contains("proxy-test"));
    }
}
