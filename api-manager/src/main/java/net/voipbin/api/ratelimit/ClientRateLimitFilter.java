package net.voipbin.api.ratelimit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import net.voipbin.api.config.ApiConfig;
import net.voipbin.api.rest.ApiPaths;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Per client IP, before authentication (so unauthenticated floods are limited too): the {@code login}
 * tier on login and signup, the {@code ip} tier on every other {@code /v1.0} and {@code /auth} request.
 * The client IP is the peer address; the first {@code X-Forwarded-For} entry only behind a trusted proxy
 * ({@code voipbin.api.rate-limit.trust-forwarded-for}).
 */
public class ClientRateLimitFilter {

    /** Before {@link net.voipbin.api.auth.AuthFilter} (1000). */
    static final int PRIORITY = 900;

    private final RateLimiter limiter;
    private final boolean trustForwardedFor;

    public ClientRateLimitFilter(RateLimiter limiter, ApiConfig config) {
        this.limiter = limiter;
        this.trustForwardedFor = config.rateLimit().trustForwardedFor();
    }

    @ServerRequestFilter(priority = PRIORITY)
    public Uni<Response> limit(ContainerRequestContext ctx, HttpServerRequest request) {
        String path = ctx.getUriInfo().getPath();
        if (!ApiPaths.isApi(path)) {
            return Uni.createFrom().nullItem();
        }
        RateLimitTier tier = ApiPaths.isPublicAuth(path) ? RateLimitTier.LOGIN : RateLimitTier.IP;
        return limiter.acquire(tier, clientIp(request))
                .map(wait -> wait > 0 ? TooManyRequests.response(wait, tier) : null);
    }

    String clientIp(HttpServerRequest request) {
        if (trustForwardedFor) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].trim();
            }
        }
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
