package net.voipbin.asteriskproxy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.asterisk.v1.AriRequest;
import net.voipbin.proto.asterisk.v1.MutinyAriServiceGrpc;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static net.voipbin.common.testing.ServiceChecks.awaitBroker;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proxy without a database, on the real broker, with no Asterisk behind it (forwarding to
 * asterisk-sim is tested in e2e, with both as processes).
 */
@QuarkusTest
class AsteriskProxyTest {

    @Inject
    AmqpConnection amqp;
    @Inject
    RpcClient rpc;

    private MutinyAriServiceGrpc.MutinyAriServiceStub ari(String queue) {
        awaitBroker(amqp);
        return MutinyAriServiceGrpc.newMutinyStub(rpc.channelToQueue(queue));
    }

    private static StatusRuntimeException failure(MutinyAriServiceGrpc.MutinyAriServiceStub stub, AriRequest request) {
        return assertThrows(StatusRuntimeException.class, () -> stub.request(request).await().atMost(Duration.ofSeconds(15)));
    }

    @Test
    void startsAndReportsReadyOnTheBrokerAlone() {
        awaitBroker(amqp);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("broker"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
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
