package net.voipbin.api.auth;

import io.grpc.StatusRuntimeException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import net.voipbin.api.ApiConfig;
import net.voipbin.api.ratelimit.RateLimiter;
import net.voipbin.api.web.ApiError;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Map;

/**
 * Rate limits and authentication for every REST request. Public: {@code /auth/login},
 * {@code /auth/signup} (per-IP limits only) and everything outside {@code /v1.0} and {@code /auth}.
 */
public class AuthFilter {

    private final Authenticator authenticator;
    private final CurrentIdentity current;
    private final RateLimiter limiter;
    private final ApiConfig config;

    public AuthFilter(Authenticator authenticator, CurrentIdentity current, RateLimiter limiter, ApiConfig config) {
        this.authenticator = authenticator;
        this.current = current;
        this.limiter = limiter;
        this.config = config;
    }

    @ServerRequestFilter(priority = 1000)
    public Uni<Response> filter(ContainerRequestContext ctx, HttpServerRequest request) {
        String path = ctx.getUriInfo().getPath();
        boolean api = path.startsWith("/v1.0/") || path.equals("/v1.0") || path.startsWith("/auth/");
        if (!api) {
            return Uni.createFrom().nullItem();
        }
        boolean login = path.endsWith("/auth/login") || path.endsWith("/auth/signup");
        String ip = clientIp(request);
        long wait = limiter.tryAcquire(login ? "login" : "ip", ip);
        if (wait > 0) {
            return Uni.createFrom().item(tooMany(wait, "ip"));
        }
        if (login) {
            return Uni.createFrom().nullItem();
        }
        Credentials credentials = credentials(ctx);
        if (credentials == null) {
            return Uni.createFrom().item(ApiError.response(401, "UNAUTHENTICATED", "authentication is required", null));
        }
        return authenticator.authenticate(credentials.jwt(), credentials.accesskey())
                .onItem().transform(identity -> {
                    if (identity == null) {
                        return ApiError.response(401, "UNAUTHENTICATED", "invalid or expired credentials", null);
                    }
                    long customerWait = limiter.tryAcquire("customer", identity.customerId().toString());
                    if (customerWait > 0) {
                        return tooMany(customerWait, "customer");
                    }
                    current.set(identity);
                    return (Response) null;
                })
                .onFailure(StatusRuntimeException.class).recoverWithItem(e -> ApiError.fromStatus((StatusRuntimeException) e));
    }

    private static Response tooMany(long seconds, String limitedBy) {
        Response base = ApiError.response(429, "RESOURCE_EXHAUSTED", "rate limit exceeded, retry later",
                Map.of("limited_by", limitedBy));
        return Response.fromResponse(base).header("Retry-After", String.valueOf(seconds)).build();
    }

    String clientIp(HttpServerRequest request) {
        if (config.rateLimit().trustForwardedFor()) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].trim();
            }
        }
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    record Credentials(String jwt, String accesskey) {
    }

    /** Authorization: Bearer (a JWT, or an access key starting vb_), cookie token, ?token=, ?accesskey=, cookie accesskey. */
    static Credentials credentials(ContainerRequestContext ctx) {
        String auth = ctx.getHeaderString("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String value = auth.substring(7).trim();
            return value.startsWith(Secrets.ACCESSKEY_PREFIX) ? new Credentials(null, value) : new Credentials(value, null);
        }
        Cookie cookie = ctx.getCookies().get("token");
        if (cookie != null && !cookie.getValue().isBlank()) {
            return new Credentials(cookie.getValue(), null);
        }
        String token = ctx.getUriInfo().getQueryParameters().getFirst("token");
        if (token != null && !token.isBlank()) {
            return new Credentials(token, null);
        }
        String key = ctx.getUriInfo().getQueryParameters().getFirst("accesskey");
        if (key != null && !key.isBlank()) {
            return new Credentials(null, key);
        }
        Cookie keyCookie = ctx.getCookies().get("accesskey");
        if (keyCookie != null && !keyCookie.getValue().isBlank()) {
            return new Credentials(null, keyCookie.getValue());
        }
        return null;
    }
}
