package net.voipbin.webhook.client;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import net.voipbin.webhook.config.DeliveryConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one attempt to a customer's receiver. Vert.x's own client, so the answer comes back on the caller's Vert.x
 * context and the caller can go on with Hibernate Reactive (a JDK HttpClient answers on a pool thread). Redirects are
 * not followed (a receiver must not bounce our signed request elsewhere); the response body is discarded.
 */
@ApplicationScoped
public class ReceiverClient {

    /** The outcome of one attempt: {@code httpCode} when the receiver answered, else {@code error}. */
    public record Outcome(Integer httpCode, String error, Duration retryAfter, Instant started, Instant ended) {
        public boolean success() {
            return httpCode != null && httpCode >= 200 && httpCode < 300;
        }

        /** Worth another attempt: no answer, 5xx, or 429 (slow down); other 4xx mean the request itself is refused. */
        public boolean retryable() {
            return httpCode == null || httpCode >= 500 || httpCode == 429;
        }
    }

    private final Vertx vertx;
    private final DeliveryConfig config;
    private final HttpClient client;

    public ReceiverClient(Vertx vertx, DeliveryConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(50));
    }

    void close(@Observes ShutdownEvent event) {
        client.close();
    }

    /**
     * Sends {@code body} ({@code null}: none) and waits for the whole answer, at most {@code budget} (and at most the
     * configured connect and read timeouts); never fails: a transport error or timeout is an {@link Outcome} too.
     */
    public Uni<Outcome> send(String method, String uri, Map<String, String> headers, byte[] body, Duration budget) {
        Duration total = min(budget, config.connectTimeout().plus(config.readTimeout()));
        Instant started = Instant.now();
        RequestOptions options = new RequestOptions()
                .setAbsoluteURI(uri)
                .setMethod(HttpMethod.valueOf(method))
                .setFollowRedirects(false)
                .setConnectTimeout(min(total, config.connectTimeout()).toMillis());
        headers.forEach(options::putHeader);
        AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
        AtomicBoolean cut = new AtomicBoolean();
        // The whole attempt is bounded rather than each read: a receiver trickling bytes is cut as well.
        long cutoff = vertx.setTimer(Math.max(1, total.toMillis()), t -> {
            HttpClientRequest request = inFlight.get();
            if (request != null) {
                cut.set(true);
                request.reset(0, new TimeoutException("no complete answer within " + total.toMillis() + " ms"));
            }
        });
        Future<HttpClientResponse> answered = client.request(options).compose(request -> {
            inFlight.set(request);
            return body == null ? request.send() : request.send(Buffer.buffer(body));
        });
        Future<Outcome> outcome = answered
                .compose(response -> response.end().map(v -> {
                    String retryAfter = response.getHeader("Retry-After");
                    return new Outcome(response.statusCode(), null, seconds(retryAfter), started, Instant.now());
                }))
                .recover(failure -> Future.succeededFuture(new Outcome(null,
                        cut.get() ? "timeout: no complete answer within " + total.toMillis() + " ms" : describe(failure),
                        null, started, Instant.now())))
                .onComplete(ar -> vertx.cancelTimer(cutoff));
        return Uni.createFrom().completionStage(outcome.toCompletionStage());
    }

    private static String describe(Throwable failure) {
        String text = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    /** Retry-After in seconds (the HTTP-date form is ignored: backoff applies). */
    private static Duration seconds(String retryAfter) {
        if (retryAfter == null) {
            return null;
        }
        try {
            long s = Long.parseLong(retryAfter.trim());
            return s >= 0 ? Duration.ofSeconds(s) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
