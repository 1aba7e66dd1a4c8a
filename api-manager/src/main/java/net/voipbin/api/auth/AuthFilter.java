package net.voipbin.api.auth;

import io.grpc.StatusRuntimeException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import net.voipbin.api.rest.ApiPaths;
import net.voipbin.api.rest.error.ApiError;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every {@code /v1.0} request (login, signup and email verification excepted) and makes the identity the
 * request's {@link CurrentIdentity}; missing or refused credentials are a 401 in the error body.
 * Runs after the per-IP rate limit and before the per-customer one (see ratelimit/).
 */
public class AuthFilter {

    static final int PRIORITY = 1000;

    private final Authenticator authenticator;
    private final CurrentIdentity current;

    public AuthFilter(Authenticator authenticator, CurrentIdentity current) {
        this.authenticator = authenticator;
        this.current = current;
    }

    @ServerRequestFilter(priority = PRIORITY)
    public Uni<Response> authenticate(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        if (!ApiPaths.isApi(path) || ApiPaths.isPublicAuth(path)) {
            return Uni.createFrom().nullItem();
        }
        if (Credentials.inQuery(ctx)) {
            // Refused rather than ignored, so a client still putting its secret into URLs learns it at once.
            return Uni.createFrom().item(ApiError.response(401, "CREDENTIALS_IN_QUERY",
                    "credentials in the query string (?token=, ?accesskey=) are not accepted: use the Authorization"
                            + " header (the WebSocket takes a ?ticket= from POST /v1.0/ws/tickets)", null));
        }
        Credentials credentials = Credentials.of(ctx);
        if (credentials == null) {
            return Uni.createFrom().item(ApiError.response(401, "AUTHENTICATION_REQUIRED", "authentication is required", null));
        }
        return authenticator.authenticate(credentials.jwt(), credentials.accesskey())
                .map(identity -> {
                    if (identity == null) {
                        return ApiError.response(401, "INVALID_CREDENTIALS", "invalid or expired credentials", null);
                    }
                    current.set(identity);
                    return (Response) null;
                })
                .onFailure(StatusRuntimeException.class).recoverWithItem(e -> ApiError.fromStatus((StatusRuntimeException) e));
    }
}
