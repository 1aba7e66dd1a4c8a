package net.voipbin.api.rest.error;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Map;

/** Any error that left without a body (e.g. one the framework produced itself) gets the error body. */
public class EmptyErrorFilter {

    @ServerResponseFilter
    public void fill(ContainerResponseContext response) {
        if (response.getStatus() >= 400 && !response.hasEntity()) {
            int status = response.getStatus();
            String reason = switch (status) {
                case 400, 413, 415 -> "INVALID_ARGUMENT";
                case 401 -> "UNAUTHENTICATED";
                case 403 -> "PERMISSION_DENIED";
                case 404 -> "NOT_FOUND";
                case 405 -> "METHOD_NOT_ALLOWED";
                case 429 -> "RESOURCE_EXHAUSTED";
                default -> status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
            };
            Map<String, Object> details = status == 400 ? Map.of("field", "body") : null;
            var body = ApiError.response(status, reason, status == 400 ? "request body is not valid" : "request failed",
                    details);
            response.setEntity(body.getEntity(), null, MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
