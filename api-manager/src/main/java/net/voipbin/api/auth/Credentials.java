package net.voipbin.api.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;

/**
 * What a request presents: an agent token (JWT) or an access key, never both. Looked for in this
 * order: {@code Authorization: Bearer} (a JWT, or an access key starting {@code vb_}), cookie
 * {@code token}, cookie {@code accesskey}. Never in the query string: URLs end up in access logs, proxy
 * logs, browser history and Referer headers, so a credential there leaks (only the WebSocket takes one, a
 * short-lived single-use ticket, see ws/WsTickets).
 */
public record Credentials(String jwt, String accesskey) {

    /** The query parameters that used to carry credentials; a REST request naming one is refused. */
    public static final java.util.List<String> QUERY_NAMES = java.util.List.of("token", "accesskey");

    /** The credentials of a REST request; null when it presents none. */
    public static Credentials of(ContainerRequestContext ctx) {
        Credentials bearer = bearer(ctx.getHeaderString("Authorization"));
        if (bearer != null) {
            return bearer;
        }
        String token = value(ctx.getCookies().get("token"));
        if (token != null) {
            return new Credentials(token, null);
        }
        String key = value(ctx.getCookies().get("accesskey"));
        return key == null ? null : new Credentials(null, key);
    }

    /** Whether the request carries a credential in its query string ({@link #QUERY_NAMES}). */
    public static boolean inQuery(ContainerRequestContext ctx) {
        var query = ctx.getUriInfo().getQueryParameters();
        return QUERY_NAMES.stream().anyMatch(query::containsKey);
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
