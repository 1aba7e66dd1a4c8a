package net.voipbin.api.ratelimit;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import net.voipbin.api.config.ApiConfig;

import java.util.List;

/** The key a request's client is limited by ({@link ClientAddresses} over the configured trusted proxies). */
@ApplicationScoped
public class ClientKeys {

    private final ClientAddresses addresses;

    @Inject
    public ClientKeys(ApiConfig config) {
        this(new ClientAddresses(config.rateLimit().trustedProxies().orElse(List.of())));
    }

    ClientKeys(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    public String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return addresses.clientKey(peer, request.headers().getAll("X-Forwarded-For"));
    }
}
