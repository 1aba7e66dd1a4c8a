package net.voipbin.common.egress;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The egress client against a real server listening on every local address: 127.0.0.1 is allowed (as in tests),
 * so the same server reached as 127.0.0.2 or through a name resolving to it proves the refusal happens before any
 * connection. Answers are bounded in size and time and redirects are returned, not followed.
 */
class EgressHttpClientIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static Vertx vertx;
    private static HttpServer server;
    private static final List<String> seen = new CopyOnWriteArrayList<>();
    private static EgressHttpClient client;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestURI() + " host=" + exchange.getRequestHeaders().getFirst("Host"));
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            switch (exchange.getRequestURI().getPath()) {
                case "/big" -> {
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        byte[] chunk = new byte[64 * 1024];
                        for (int i = 0; i < 64; i++) {
                            out.write(chunk);
                        }
                    } catch (java.io.IOException cut) {
                        // the client reset the stream: expected
                    }
                }
                case "/slow" -> {
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int i = 0; i < 50; i++) {
                            out.write('[');
                            out.flush();
                            Thread.sleep(100);
                        }
                    } catch (Exception cut) {
                        // cut by the client: expected
                    }
                }
                case "/redirect" -> {
                    exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
                    exchange.sendResponseHeaders(302, -1);
                }
                default -> {
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        port = server.getAddress().getPort();
        vertx = Vertx.vertx();
        Map<String, String> dns = Map.of("receiver.test", "127.0.0.1", "rebind.attacker.example", "127.0.0.2");
        EgressPolicy policy = new EgressPolicy(vertx, List.of(80, 443), List.of("127.0.0.1/32"),
                host -> dns.containsKey(host) ? new InetAddress[] {InetAddress.getByName(dns.get(host))}
                        : InetAddress.getAllByName(host));
        client = new EgressHttpClient(vertx, policy, 1024 * 1024, null);
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        vertx.close();
    }

    private static EgressHttpClient.Response get(String url) {
        return client.send(new EgressHttpClient.Request("GET", url, Map.of(), null, TIMEOUT)).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void anAllowedAddressIsReachedWithTheNameInTheHostHeader() {
        EgressHttpClient.Response answer = get("http://receiver.test:" + port + "/hook?a=1");
        assertEquals(200, answer.status());
        assertEquals("[]", answer.body().toString());
        assertTrue(seen.contains("/hook?a=1 host=receiver.test:" + port), seen.toString());
    }

    @Test
    void aLoopbackAddressOutsideTheAllowedNetworkIsRefusedBeforeAnyConnection() {
        int before = seen.size();
        for (String url : List.of("http://127.0.0.2:" + port + "/x", "http://rebind.attacker.example:" + port + "/x",
                "http://[::1]:" + port + "/x", "http://169.254.169.254/latest/meta-data/")) {
            RuntimeException refused = assertThrows(RuntimeException.class, () -> get(url));
            assertInstanceOf(EgressRefusedException.class, refused, url);
        }
        assertEquals(before, seen.size(), "the server was never reached: " + seen);
    }

    @Test
    void anAnswerLargerThanTheCapFailsTheRequest() {
        RuntimeException tooLarge = assertThrows(RuntimeException.class, () -> get("http://127.0.0.1:" + port + "/big"));
        assertInstanceOf(EgressHttpClient.ResponseTooLargeException.class, tooLarge);
    }

    @Test
    void aServerTricklingBytesIsCutAtTheTimeout() {
        long started = System.nanoTime();
        RuntimeException slow = assertThrows(RuntimeException.class, () -> get("http://127.0.0.1:" + port + "/slow"));
        assertInstanceOf(TimeoutException.class, slow.getCause() == null ? slow : slow.getCause(), slow.toString());
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertTrue(ms >= TIMEOUT.toMillis() - 100 && ms < TIMEOUT.toMillis() + 1500, ms + " ms");
    }

    @Test
    void aRedirectIsReturnedNotFollowed() {
        EgressHttpClient.Response answer = get("http://127.0.0.1:" + port + "/redirect");
        assertEquals(302, answer.status());
        assertEquals("http://169.254.169.254/latest/meta-data/", answer.header("Location"));
    }
}
