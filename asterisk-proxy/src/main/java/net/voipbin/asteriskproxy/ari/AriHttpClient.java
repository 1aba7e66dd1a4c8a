package net.voipbin.asteriskproxy.ari;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.asteriskproxy.config.AsteriskProxyConfig;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Non-blocking HTTP to this proxy's Asterisk ARI, with its credentials. */
@ApplicationScoped
public class AriHttpClient {

    /** What ARI answered: status, content type and body bytes as they came. */
    public record AriReply(int status, String contentType, byte[] body) {
    }

    private final HttpClient http;
    private final URI base;
    private final String authorization;

    public AriHttpClient(Vertx vertx, AsteriskProxyConfig config) {
        this.base = URI.create(config.ari().url());
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(2000)
                .setMaxPoolSize(32)
                .setKeepAlive(true));
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (config.ari().username() + ":" + config.ari().password()).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code method uri} (path and query as given) with {@code body}; fails on transport errors only. */
    public Uni<AriReply> send(String method, String uri, String contentType, byte[] body, Duration timeout) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(method))
                .setHost(base.getHost())
                .setPort(base.getPort() > 0 ? base.getPort() : 80)
                .setURI(uri)
                .setIdleTimeout(timeout.toMillis())
                .putHeader("Authorization", authorization);
        if (contentType != null && !contentType.isEmpty()) {
            options.putHeader("Content-Type", contentType);
        }
        Buffer payload = body == null || body.length == 0 ? Buffer.buffer() : Buffer.buffer(body);
        return Uni.createFrom().completionStage(() -> http.request(options)
                .compose(request -> request.send(payload))
                .compose(response -> response.body().map(bytes -> new AriReply(response.statusCode(),
                        response.getHeader("Content-Type"), bytes.getBytes())))
                .toCompletionStage());
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
