package net.voipbin.flow.engine;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.flow.v1.Activeflow;
import net.voipbin.proto.flow.v1.Flow;
import net.voipbin.proto.flow.v1.GetVariablesRequest;
import net.voipbin.proto.flow.v1.MutinyFlowServiceGrpc;
import net.voipbin.proto.flow.v1.UpdateFlowRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static net.voipbin.common.testing.ServiceChecks.assertInvalid;
import static net.voipbin.common.testing.ServiceChecks.awaitBroker;
import static net.voipbin.flow.engine.EngineSupport.FINISH;
import static net.voipbin.flow.engine.EngineSupport.START;
import static net.voipbin.flow.engine.EngineSupport.await;
import static net.voipbin.flow.engine.EngineSupport.text;
import static net.voipbin.proto.flow.v1.FlowActionJson.actionsFromJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, the engine used as an HTTP amplifier: each attack runs through NextAction over the broker against
 * MariaDB, with a local HTTP server counting what reaches it and a fake billing-manager on the broker. Test bounds
 * (application.properties): 40 HTTP actions per activeflow (100 in production), a customer quota of 50 without
 * refill, a step cap of 100.
 */
@QuarkusTest
class HttpActionBoundsIT {

    @Inject
    RpcClient rpc;
    @Inject
    AmqpConnection amqp;
    @Inject
    BrokerNames names;
    @Inject
    Vertx vertx;

    MutinyFlowServiceGrpc.MutinyFlowServiceStub flows;
    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        awaitBroker(amqp);
        FakeBilling.serve(amqp, names, vertx);
        flows = MutinyFlowServiceGrpc.newMutinyStub(rpc.channel("flow-manager"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] out = (exchange.getRequestURI().getPath().equals("/talk")
                    ? "[" + ActiveflowEngineIT.talk(null, "fetched") + "]" : "[]").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** fetch in an endless goto loop: every step a request, were it not for the bounds. */
    private String fetchLoop() {
        String id = ActiveflowEngineIT.uuid();
        return "[{\"id\":\"" + id + "\",\"type\":\"fetch\",\"option\":{\"event_url\":\"" + url("/empty") + "\"}},"
                + "{\"type\":\"goto\",\"option\":{\"target_id\":\"" + id + "\"}}]";
    }

    private String lastError(EngineSupport s, Activeflow af) {
        return await(flows.getVariables(GetVariablesRequest.newBuilder().setCustomerId(s.customer)
                .setActiveflowId(af.getId()).build())).getVariablesMap().getOrDefault(Engine.LAST_ERROR, "");
    }

    @Test
    void theFetchPastTheActivityCapIsRefusedAndOtherTenantsAreServed() {
        EngineSupport attacker = new EngineSupport(flows);
        Activeflow af = attacker.start(fetchLoop());
        assertEquals(FINISH, attacker.next(af, START).getId()); // the loop runs to the step cap
        assertEquals(40, requests.get(), "the 41st fetch and every one after it never left");
        assertEquals("ended", attacker.get(af).getStatus());
        String reason = lastError(attacker, af);
        assertTrue(reason.startsWith("fetch ") && reason.contains("has run its 40 HTTP actions"), reason);

        EngineSupport other = new EngineSupport(flows);
        Activeflow served = other.start("[{\"type\":\"fetch\",\"option\":{\"event_url\":\"" + url("/talk") + "\"}}]");
        assertEquals("fetched", text(other.next(served, START)));
        assertEquals(41, requests.get());
    }

    @Test
    void aCustomerOverItsHttpQuotaIsRefusedAcrossItsActiveflows() {
        EngineSupport tenant = new EngineSupport(flows);
        Activeflow first = tenant.start(fetchLoop());
        assertEquals(FINISH, tenant.next(first, START).getId());
        assertEquals(40, requests.get());
        // A fresh activeflow has a fresh cap, but the customer's quota (50) is shared: 10 more, then refused.
        Activeflow second = tenant.start(fetchLoop());
        assertEquals(FINISH, tenant.next(second, START).getId());
        assertEquals(50, requests.get());
        String reason = lastError(tenant, second);
        assertTrue(reason.contains("over its quota of HTTP actions"), reason);

        EngineSupport other = new EngineSupport(flows);
        Activeflow served = other.start("[{\"type\":\"fetch\",\"option\":{\"event_url\":\"" + url("/talk") + "\"}}]");
        assertEquals("fetched", text(other.next(served, START)));
    }

    @Test
    void anUnfundedCustomersFetchAndWebhookSendAreRefused() {
        EngineSupport broke = new EngineSupport(flows);
        FakeBilling.UNFUNDED.add(broke.customer);
        Activeflow af = broke.start("[{\"type\":\"fetch\",\"option\":{\"event_url\":\"" + url("/talk") + "\"}},"
                + ActiveflowEngineIT.talk(null, "after") + "]");
        assertEquals("after", text(broke.next(af, START)), "the refused fetch fails only itself");
        assertEquals(0, requests.get());
        assertTrue(FakeBilling.ASKED.contains(broke.customer));
        String reason = lastError(broke, af);
        assertTrue(reason.contains("not funded") && reason.contains("less than one minute"), reason);

        Activeflow hook = broke.start("[{\"type\":\"webhook_send\",\"option\":{\"uri\":\"" + url("/hook") + "\"}},"
                + ActiveflowEngineIT.talk(null, "after hook") + "]");
        assertEquals("after hook", text(broke.next(hook, START)));
        assertTrue(lastError(broke, hook).startsWith("webhook_send ") && lastError(broke, hook).contains("not funded"));
    }

    @Test
    void deepFetchFlowRecursionStopsAtTheStackBound() {
        EngineSupport s = new EngineSupport(flows);
        Flow self = s.flow("[{\"type\":\"empty\"}]");
        await(flows.updateFlow(UpdateFlowRequest.newBuilder().setCustomerId(s.customer).setId(self.getId()).setName("self")
                .addAllActions(actionsFromJson("[{\"type\":\"fetch_flow\",\"option\":{\"flow_id\":\"" + self.getId() + "\"}}]"))
                .build()));
        Activeflow af = s.start("[{\"type\":\"fetch_flow\",\"option\":{\"flow_id\":\"" + self.getId() + "\"}},"
                + ActiveflowEngineIT.talk(null, "after the recursion") + "]");
        assertEquals("after the recursion", text(s.next(af, START)));
        String reason = lastError(s, af);
        assertTrue(reason.startsWith("fetch_flow ") && reason.contains("more than 32 nested action stacks"), reason);
        assertEquals("running", s.get(af).getStatus());
    }

    @Test
    void aFetchAnsweringMoreActionsThanTheStacksMayHoldFailsOnlyItself() throws Exception {
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 2001; i++) {
            many.append(i == 0 ? "" : ",").append("{\"type\":\"empty\"}");
        }
        byte[] body = many.append("]").toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/many", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        EngineSupport s = new EngineSupport(flows);
        Activeflow af = s.start("[{\"type\":\"fetch\",\"option\":{\"event_url\":\"" + url("/many") + "\"}},"
                + ActiveflowEngineIT.talk(null, "after") + "]");
        assertEquals("after", text(s.next(af, START)));
        assertTrue(lastError(s, af).contains("more than 2000 actions across its stacks"), lastError(s, af));
    }

    @Test
    void literalMediaAPlayMayNotOpenIsRefusedWhenTheFlowIsWritten() {
        EngineSupport s = new EngineSupport(flows);
        for (String media : new String[]{"http://127.0.0.1/x.wav", "https://169.254.169.254/latest/meta-data/",
                "https://[::1]/a.wav", "file:///etc/passwd", "sound:../../../etc/passwd"}) {
            assertInvalid("actions[1].option.stream_urls[0]", () -> s.flow("[{\"type\":\"answer\"},"
                    + "{\"type\":\"play\",\"option\":{\"stream_urls\":[\"" + media + "\"]}}]"));
        }
        assertInvalid("actions[0].option.whisper.play_recording", () -> s.flow("[{\"type\":\"connect\",\"option\":{"
                + "\"destinations\":[{\"type\":\"tel\",\"target\":\"+15551230000\"}],"
                + "\"whisper\":{\"play_recording\":\"http://10.0.0.1/a.wav\"}}}]"));
        // what may be played is kept; templated media is judged after substitution, when it plays
        Flow ok = s.flow("[{\"type\":\"play\",\"option\":{\"stream_urls\":[\"sound:hello-world\",\"tone:ring\","
                + "\"digits:12#\",\"recording:call_1_2\",\"https://media.example.com/a.wav\",\"${message}\"]}}]");
        assertEquals(1, ok.getActionsCount());
    }
}
