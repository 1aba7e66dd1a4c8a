package net.voipbin.api.rest.error;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Any error that left without a body (e.g. one the framework produced itself) gets the error body. */
public class EmptyErrorFilter {

    @ServerResponseFilter
    public void fill(ContainerResponseContext response) {
        if (response.getStatus() >= 400 && !response.hasEntity()) {
            int status = response.getStatus();
            var details = status == 400 ? ErrorReasons.fieldDetails("body") : null;
            String reason = status == 400 ? "INVALID_BODY" : ErrorReasons.reasonOf(status);
            var body = ApiError.response(status, reason, status == 400 ? "request body is not valid" : "request failed",
                    details);
            response.setEntity(body.getEntity(), null, MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
