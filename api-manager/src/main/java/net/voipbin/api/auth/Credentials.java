package net.voipbin.api.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;

/**
 * What a request presents: an agent token (JWT) or an access key, never both. Looked for in this
 * order: {@code Authorization: Bearer} (a JWT, or an access key starting {@code vb_}), cookie
 * {@code token}, {@code ?token=}, {@code ?accesskey=}, cookie {@code accesskey}.
 */
public record Credentials(String jwt, String accesskey) {

    /** The credentials of a REST request; null when it presents none. */
    public static Credentials of(ContainerRequestContext ctx) {
        Credentials bearer = bearer(ctx.getHeaderString("Authorization"));
        if (bearer != null) {
            return bearer;
        }
        String token = value(ctx.getCookies().get("token"));
        if (token == null) {
            token = blankToNull(ctx.getUriInfo().getQueryParameters().getFirst("token"));
        }
        if (token != null) {
            return new Credentials(token, null);
        }
        String key = blankToNull(ctx.getUriInfo().getQueryParameters().getFirst("accesskey"));
        if (key == null) {
            key = value(ctx.getCookies().get("accesskey"));
        }
        return key == null ? null : new Credentials(null, key);
    }

    /** {@code Authorization: Bearer <jwt>|<vb_ access key>}; null for any other header or none. */
    public static Credentials bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String value = authorization.substring(7).trim();
        return value.startsWith(Secrets.ACCESSKEY_PREFIX) ? new Credentials(null, value) : new Credentials(value, null);
    }

    private static String value(Cookie cookie) {
        return cookie == null ? null : blankToNull(cookie.getValue());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
