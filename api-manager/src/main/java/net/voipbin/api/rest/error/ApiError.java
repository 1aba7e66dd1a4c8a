package net.voipbin.api.rest.error;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import net.voipbin.common.rpc.RequestIds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one error body of the API, the contract's {@code ErrorResponse}:
 * {@code {"error":{"status":"<CANONICAL>","reason":"<SPECIFIC>","message":"...","request_id":"...","details":[{...}]}}}.
 * {@code status} and {@code reason} come from {@link ErrorReasons}; {@code details} is omitted when empty.
 */
public final class ApiError {

    private ApiError() {
    }

    /** An answer whose canonical status follows from the HTTP status. */
    public static Response response(int http, String reason, String message, List<Map<String, Object>> details) {
        return response(http, ErrorReasons.canonical(http), reason, message, details);
    }

    public static Response response(int http, String status, String reason, String message,
            List<Map<String, Object>> details) {
        Response.ResponseBuilder builder = Response.status(http).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(status, reason, message, details));
        if (http == 503) {
            builder.header("Retry-After", "1");
        }
        return builder.build();
    }

    /** The error body for answers written outside JAX-RS (HTTP filters), canonical status from the HTTP one. */
    public static Map<String, Object> body(int http, String reason, String message, List<Map<String, Object>> details) {
        return body(ErrorReasons.canonical(http), reason, message, details);
    }

    public static Map<String, Object> body(String status, String reason, String message,
            List<Map<String, Object>> details) {
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

    /** A bad field: 400, reason {@code INVALID_<FIELD>}, the field in {@code details}. */
    public static Response invalid(String field, String message) {
        return invalid(field, ErrorReasons.invalid(field), message);
    }

    public static Response invalid(String field, String reason, String message) {
        return response(400, reason, field + ": " + message, ErrorReasons.fieldDetails(field));
    }

    /** Maps a gRPC status (from a manager or our own code) onto the HTTP error. */
    public static Response fromStatus(StatusRuntimeException e) {
        Status status = e.getStatus();
        String description = status.getDescription() == null ? "" : status.getDescription();
        ErrorReasons.Classified c = ErrorReasons.classify(status);
        if (c.http() >= 500 && c.http() != 501 && c.http() != 503) {
            // Internal details of a manager are not the caller's business.
            description = "internal error";
        }
        return response(c.http(), c.status(), c.reason(), description, ErrorReasons.fieldDetails(c.field()));
    }

    public static StatusRuntimeException unauthenticated(String message) {
        return Status.UNAUTHENTICATED.withDescription(message).asRuntimeException();
    }
}
