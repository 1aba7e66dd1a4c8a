package net.voipbin.api.rest;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.vertx.ext.web.RoutingContext;
import net.voipbin.common.rpc.RequestIds;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Runs before every route: the request id (echoed when 1-64 of [A-Za-z0-9_-], else generated
 * {@code req_} + 26 base32 characters) goes to the response header, the log MDC and, through
 * {@link RequestIds}, into every RPC the request makes; and {@code /v1/...} is served as {@code /v1.0/...}.
 */
@ApplicationScoped
public class HttpFilters {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    void register(@Observes Filters filters) {
        filters.register(this::requestId, 1000);
    }

    void requestId(RoutingContext rc) {
        String requestId = rc.get(HEADER);
        if (requestId == null) {
            String given = rc.request().getHeader(HEADER);
            requestId = given != null && VALID.matcher(given).matches() ? given : newId();
            rc.put(HEADER, requestId);
            String id = requestId;
            rc.addHeadersEndHandler(v -> rc.response().headers().set(HEADER, id));
        }
        RequestIds.set(requestId);
        String path = rc.normalizedPath();
        if (path.equals("/v1") || path.startsWith("/v1/")) {
            String query = rc.request().query();
            rc.reroute("/v1.0" + path.substring(3) + (query == null || query.isEmpty() ? "" : "?" + query));
            return;
        }
        rc.next();
    }

    static String newId() {
        StringBuilder out = new StringBuilder("req_");
        for (int i = 0; i < 26; i++) {
            out.append(BASE32[RANDOM.nextInt(32)]);
        }
        return out.toString();
    }
}
