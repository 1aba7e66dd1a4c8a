package net.voipbin.common.egress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * HTTP requests made on a customer's behalf, all through {@link EgressPolicy}: the URL is checked, the connection
 * goes to the checked address (the name stays in the Host header and TLS SNI), redirects are not followed, the whole
 * exchange is bounded in time and the body in size. Vert.x's client, so answers arrive on the caller's context.
 */
@ApplicationScoped
public class EgressHttpClient {

    /** One request: {@code body} null = none. */
    public record Request(String method, String url, Map<String, String> headers, byte[] body, Duration timeout) {
    }

    /** A complete answer (any status). */
    public record Response(int status, MultiMap headers, Buffer body) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final Vertx vertx;
    private final EgressPolicy policy;
    private final int maxResponseBytes;
    private final HttpClient client;
    private final Counter refused;

    @Inject
    public EgressHttpClient(Vertx vertx, EgressPolicy policy, EgressConfig config, Instance<MeterRegistry> registry) {
        this(vertx, policy, config.maxResponseBytes(), registry.isResolvable() ? registry.get() : null);
    }

    /** {@code registry} null: no metric. */
    public EgressHttpClient(Vertx vertx, EgressPolicy policy, int maxResponseBytes, MeterRegistry registry) {
        this.vertx = vertx;
        this.policy = policy;
        this.maxResponseBytes = maxResponseBytes;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(50));
        this.refused = registry == null ? null
                : Counter.builder("voipbin.egress.refused").description("customer requests the egress policy refused")
                        .register(registry);
    }

    void close(@Observes ShutdownEvent event) {
        client.close();
    }

    /**
     * Sends {@code request}; fails with {@link EgressRefusedException} (policy), {@link TimeoutException} (no complete
     * answer within the timeout) or {@link ResponseTooLargeException}, else emits the answer, whatever its status.
     */
    public Uni<Response> send(Request request) {
        return policy.check(request.url())
                .onFailure(EgressRefusedException.class).invoke(e -> {
                    if (refused != null) {
                        refused.increment();
                    }
                })
                .chain(target -> Uni.createFrom().completionStage(() -> exchange(target, request).toCompletionStage()));
    }

    private Future<Response> exchange(EgressTarget target, Request request) {
        long timeoutMs = Math.max(1, request.timeout().toMillis());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(request.method()))
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.ssl())
                .setURI(target.requestUri())
                .setFollowRedirects(false)
                .setConnectTimeout(timeoutMs);
        request.headers().forEach(options::putHeader);
        AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
        Promise<Response> answer = Promise.promise();
        // The whole exchange is bounded rather than each read: a server trickling bytes is cut as well.
        long cutoff = vertx.setTimer(timeoutMs, t -> {
            if (answer.tryFail(new TimeoutException("no complete answer within " + timeoutMs + " ms"))) {
                HttpClientRequest sent = inFlight.get();
                if (sent != null) {
                    sent.reset(0);
                }
            }
        });
        client.request(options)
                .compose(sent -> {
                    inFlight.set(sent);
                    return request.body() == null ? sent.send() : sent.send(Buffer.buffer(request.body()));
                })
                .onSuccess(response -> read(response, inFlight.get(), answer))
                .onFailure(answer::tryFail);
        return answer.future().onComplete(ar -> vertx.cancelTimer(cutoff));
    }

    private void read(HttpClientResponse response, HttpClientRequest request, Promise<Response> answer) {
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (body.length() + chunk.length() > maxResponseBytes) {
                if (answer.tryFail(new ResponseTooLargeException(maxResponseBytes))) {
                    request.reset(0);
                }
                return;
            }
            body.appendBuffer(chunk);
        });
        response.exceptionHandler(answer::tryFail);
        response.endHandler(v -> answer.tryComplete(new Response(response.statusCode(), response.headers(), body)));
    }

    /** The answer was longer than the configured cap; what was read is dropped. */
    public static class ResponseTooLargeException extends RuntimeException {
        public ResponseTooLargeException(int limit) {
            super("the answer is larger than " + limit + " bytes");
        }
    }
}
