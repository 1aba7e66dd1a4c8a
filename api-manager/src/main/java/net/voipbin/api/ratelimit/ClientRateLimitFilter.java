package net.voipbin.api.ratelimit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import net.voipbin.api.rest.ApiPaths;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Per client IP, before authentication (so unauthenticated floods are limited too): the {@code login}
 * tier on login and signup, the {@code ip} tier on every other {@code /v1.0} and {@code /auth} request.
 * The client is the peer address, or behind the trusted proxies the rightmost {@code X-Forwarded-For} hop that is
 * not one of them ({@link ClientAddresses}).
 */
public class ClientRateLimitFilter {

    /** Before {@link net.voipbin.api.auth.AuthFilter} (1000). */
    static final int PRIORITY = 900;

    private final RateLimiter limiter;
    private final ClientKeys clients;

    public ClientRateLimitFilter(RateLimiter limiter, ClientKeys clients) {
        this.limiter = limiter;
        this.clients = clients;
    }

    @ServerRequestFilter(priority = PRIORITY)
    public Uni<Response> limit(ContainerRequestContext ctx, HttpServerRequest request) {
        String path = ctx.getUriInfo().getPath();
        if (!ApiPaths.isApi(path)) {
            return Uni.createFrom().nullItem();
        }
        RateLimitTier tier = ApiPaths.isPublicAuth(path) ? RateLimitTier.LOGIN : RateLimitTier.IP;
        return limiter.acquire(tier, clients.of(request))
                .map(wait -> wait > 0 ? TooManyRequests.response(wait, tier) : null);
    }

    /**
     * The per-IP limit for a request no JAX-RS filter sees (the WebSocket upgrade, ws/WsUpgradeCheck): 0 when
     * admitted, else the seconds until a token is available.
     */
    public Uni<Long> acquire(HttpServerRequest request) {
        return limiter.acquire(RateLimitTier.IP, clients.of(request));
    }
}
