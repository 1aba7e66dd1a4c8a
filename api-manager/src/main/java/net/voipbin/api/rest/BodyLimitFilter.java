package net.voipbin.api.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import net.voipbin.api.rest.error.ApiError;
import net.voipbin.api.rest.error.ErrorReasons;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * A declared body above {@code quarkus.http.limits.max-body-size} (512 KiB) is answered 413 in the error shape
 * before a byte of it is read: Vert.x' own refusal of the same request has no body at all. A chunked body without
 * a length that grows past the limit is still cut off by Vert.x (413, no body, connection closed).
 */
@ApplicationScoped
public class BodyLimitFilter {

    private final long limit;

    public BodyLimitFilter(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.limit = limit.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
    }

    void register(@Observes Filters filters) {
        // After the request id (1000), so the refusal carries it.
        filters.register(this::check, 900);
    }

    void check(RoutingContext rc) {
        String declared = rc.request().getHeader("Content-Length");
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length <= limit) {
            rc.next();
            return;
        }
        String body = Json.encode(ApiError.body(413, "BODY_TOO_LARGE",
                "request body is larger than " + limit / 1024 + " KiB", ErrorReasons.fieldDetails("body")));
        // The client may still be sending: answer, then close rather than read the rest.
        rc.response().setStatusCode(413).putHeader("Content-Type", "application/json").putHeader("Connection", "close")
                .end(body);
    }
}
