package net.voipbin.common.testing;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import net.voipbin.common.amqp.AmqpConnection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks every manager's tests make the same way (shared through common's test-jar). */
public final class ServiceChecks {

    private ServiceChecks() {
    }

    /** {@code call} fails with INVALID_ARGUMENT whose description starts with {@code field:}. */
    public static void assertInvalid(String field, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
        assertTrue(e.getStatus().getDescription().startsWith(field + ":"), e.getStatus().getDescription());
    }

    /** {@code call} fails with NOT_FOUND. */
    public static void assertNotFound(Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode(), e.getStatus().toString());
    }

    /** Waits until the application's broker connection and consumers are up. */
    public static void awaitBroker(AmqpConnection amqp) {
        await().atMost(Duration.ofSeconds(20)).until(amqp::isReady);
    }

    /** Ready (database and broker), live, and Prometheus metrics that hold this RPC's series. */
    public static void assertOperable(String fullMethodName, String status) {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("broker"));
        given().get("/q/health/live").then().statusCode(200);
        String series = "{method=\"" + fullMethodName + "\",status=\"" + status + "\"}";
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("voipbin_rpc_server_seconds_count" + series))
                .body(containsString("voipbin_rpc_client_seconds_count" + series));
    }

    /**
     * Walks a paged list from the first page: {@code fetch} takes a page token and returns the page,
     * {@code ids} its items' ids, {@code next} its next token. Fails on an id seen twice; returns the
     * pages' ids in order.
     */
    public static <P> List<List<String>> walkPages(Function<String, P> fetch, Function<P, List<String>> ids,
                                                   Function<P, String> next) {
        Set<String> seen = new HashSet<>();
        List<List<String>> pages = new ArrayList<>();
        String token = "";
        do {
            P page = fetch.apply(token);
            List<String> pageIds = ids.apply(page);
            pageIds.forEach(id -> assertTrue(seen.add(id), "id " + id + " came twice"));
            pages.add(pageIds);
            token = next.apply(page);
        } while (!token.isEmpty() && pages.size() < 1000);
        return pages;
    }
}
