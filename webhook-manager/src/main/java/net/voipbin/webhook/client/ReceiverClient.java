package net.voipbin.webhook.client;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.egress.EgressHttpClient;
import net.voipbin.common.egress.EgressRefusedException;
import net.voipbin.webhook.config.DeliveryConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Sends one attempt to a customer's receiver through common's egress client: the receiver's URL passes the egress
 * policy (public addresses, allowed ports), redirects are not followed (a receiver must not bounce our signed request
 * elsewhere), and the whole attempt is bounded by the configured connect and read timeouts.
 */
@ApplicationScoped
public class ReceiverClient {

    /** The outcome of one attempt: {@code httpCode} when the receiver answered, else {@code error}. */
    public record Outcome(Integer httpCode, String error, Duration retryAfter, Instant started, Instant ended,
                          boolean refusedByPolicy) {

        public Outcome(Integer httpCode, String error, Duration retryAfter, Instant started, Instant ended) {
            this(httpCode, error, retryAfter, started, ended, false);
        }

        public boolean success() {
            return httpCode != null && httpCode >= 200 && httpCode < 300;
        }

        /**
         * Worth another attempt: no answer, 5xx, or 429 (slow down); other 4xx mean the request itself is refused,
         * and a URL the egress policy refuses stays refused.
         */
        public boolean retryable() {
            return !refusedByPolicy && (httpCode == null || httpCode >= 500 || httpCode == 429);
        }
    }

    private final EgressHttpClient egress;
    private final DeliveryConfig config;

    public ReceiverClient(EgressHttpClient egress, DeliveryConfig config) {
        this.egress = egress;
        this.config = config;
    }

    /**
     * Sends {@code body} ({@code null}: none) and waits for the whole answer, at most {@code budget} (and at most the
     * configured connect and read timeouts); never fails: a refusal, transport error or timeout is an {@link Outcome}.
     */
    public Uni<Outcome> send(String method, String uri, Map<String, String> headers, byte[] body, Duration budget) {
        Duration total = min(budget, config.connectTimeout().plus(config.readTimeout()));
        Instant started = Instant.now();
        return egress.send(new EgressHttpClient.Request(method, uri, headers, body, total))
                .map(response -> new Outcome(response.status(), null, seconds(response.header("Retry-After")),
                        started, Instant.now()))
                .onFailure().recoverWithItem(failure -> new Outcome(null, describe(failure), null, started, Instant.now(),
                        failure instanceof EgressRefusedException));
    }

    private static String describe(Throwable failure) {
        String text;
        if (failure instanceof EgressRefusedException) {
            text = "refused by the egress policy: " + failure.getMessage();
        } else if (failure instanceof TimeoutException) {
            text = "timeout: " + failure.getMessage();
        } else {
            text = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        }
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
