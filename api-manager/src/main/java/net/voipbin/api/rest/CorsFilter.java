package net.voipbin.api.rest;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import net.voipbin.api.config.ApiConfig;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Cross-origin access for browsers, pinned by {@code voipbin.api.cors.allowed-origins}: an exact origin of that
 * list gets {@code Access-Control-Allow-Origin} = itself (with credentials: the login cookie), any other origin
 * gets no CORS header at all, so its scripts cannot read our answers. Empty list (the default): no cross-origin
 * access. A wildcard is refused at start: with credentials it would let any site act as the logged-in user.
 * Quarkus' own CORS handler is off ({@code quarkus.http.cors.enabled=false}).
 */
@ApplicationScoped
public class CorsFilter {

    static final String METHODS = "GET, POST, PUT, DELETE, OPTIONS";
    static final String HEADERS = "Authorization, Content-Type, X-Request-Id, Idempotency-Key";
    static final String EXPOSED = "X-Request-Id, Retry-After";

    private final Set<String> allowed;

    public CorsFilter(ApiConfig config) {
        this.allowed = origins(config.cors().allowedOrigins().orElse(List.of()));
    }

    /** The configured origins, checked: scheme://host[:port], no path, no wildcard. */
    static Set<String> origins(List<String> configured) {
        Set<String> out = new LinkedHashSet<>();
        for (String origin : configured) {
            String o = origin.trim();
            if (o.isEmpty()) {
                continue;
            }
            if (o.contains("*") || o.equals("null") || !o.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+")) {
                throw new IllegalArgumentException("voipbin.api.cors.allowed-origins: " + o
                        + " is not an origin (scheme://host[:port], no wildcard, no path)");
            }
            out.add(o.toLowerCase(java.util.Locale.ROOT));
        }
        return Set.copyOf(out);
    }

    void register(@Observes Filters filters) {
        if (!allowed.isEmpty()) {
            filters.register(this::cors, 2000);
        }
    }

    void cors(RoutingContext rc) {
        HttpServerResponse response = rc.response();
        response.headers().set("Vary", "Origin");
        String origin = rc.request().getHeader("Origin");
        if (origin == null || !allowed.contains(origin.toLowerCase(java.util.Locale.ROOT))) {
            rc.next();
            return;
        }
        response.headers().set("Access-Control-Allow-Origin", origin)
                .set("Access-Control-Allow-Credentials", "true");
        if (rc.request().method() == HttpMethod.OPTIONS && rc.request().getHeader("Access-Control-Request-Method") != null) {
            response.headers().set("Access-Control-Allow-Methods", METHODS)
                    .set("Access-Control-Allow-Headers", HEADERS)
                    .set("Access-Control-Max-Age", "600");
            response.setStatusCode(204).end();
            return;
        }
        response.headers().set("Access-Control-Expose-Headers", EXPOSED);
        rc.next();
    }
}
