package net.voipbin.api.rest.error;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import net.voipbin.common.error.Errors;
import net.voipbin.common.rpc.RequestIds;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error body of the API:
 * {@code {"error":{"status":<http>,"reason":"<CANONICAL>","message":"...","request_id":"...","details":{"field":"..."}}}}.
 */
public final class ApiError {

    private ApiError() {
    }

    public static Response response(int status, String reason, String message, Map<String, Object> details) {
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(status, reason, message, details));
        if (status == 503) {
            builder.header("Retry-After", "1");
        }
        return builder.build();
    }

    /** The error body itself, for answers written outside JAX-RS (HTTP filters). */
    public static Map<String, Object> body(int status, String reason, String message, Map<String, Object> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", status);
        error.put("reason", reason);
        error.put("message", message == null ? "" : message);
        String requestId = RequestIds.current();
        error.put("request_id", requestId == null ? "" : requestId);
        if (details != null && !details.isEmpty()) {
            error.put("details", details);
        }
        return Map.of("error", error);
    }

    public static Response invalid(String field, String message) {
        return response(400, "INVALID_ARGUMENT", field + ": " + message, Map.of("field", field));
    }

    /** Maps a gRPC status (from a manager or our own code) onto the HTTP error. */
    public static Response fromStatus(StatusRuntimeException e) {
        Status status = e.getStatus();
        String description = status.getDescription() == null ? "" : status.getDescription();
        int http = Errors.httpStatus(status);
        String reason = status.getCode().name();
        if (description.startsWith("insufficient balance")) {
            http = 402;
            reason = "PAYMENT_REQUIRED";
        } else if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            http = 503;
        }
        Map<String, Object> details = null;
        if (status.getCode() == Status.Code.INVALID_ARGUMENT || status.getCode() == Status.Code.OUT_OF_RANGE) {
            int colon = description.indexOf(':');
            if (colon > 0 && description.substring(0, colon).matches("[A-Za-z0-9_.\\[\\]-]+")) {
                details = Map.of("field", description.substring(0, colon));
            }
        }
        if (http >= 500 && http != 501 && http != 503) {
            // Internal details of a manager are not the caller's business.
            description = "internal error";
        }
        return response(http, reason, description, details);
    }

    public static StatusRuntimeException unauthenticated(String message) {
        return Status.UNAUTHENTICATED.withDescription(message).asRuntimeException();
    }
}
