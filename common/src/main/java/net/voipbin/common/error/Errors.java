package net.voipbin.common.error;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The error model: failures travel as gRPC status codes, and api-manager maps them to HTTP
 * (see {@link #httpStatus}). An INVALID_ARGUMENT description starts with the field it is about
 * ("{@code destination.target: is not an E.164 number}") so the REST error can name the field.
 */
public final class Errors {

    private Errors() {
    }

    public static StatusRuntimeException invalidArgument(String field, String message) {
        return Status.INVALID_ARGUMENT.withDescription(field + ": " + message).asRuntimeException();
    }

    public static StatusRuntimeException notFound(String resource, Object id) {
        return Status.NOT_FOUND.withDescription(resource + " " + id + " not found").asRuntimeException();
    }

    public static StatusRuntimeException failedPrecondition(String message) {
        return Status.FAILED_PRECONDITION.withDescription(message).asRuntimeException();
    }

    public static StatusRuntimeException alreadyExists(String message) {
        return Status.ALREADY_EXISTS.withDescription(message).asRuntimeException();
    }

    public static StatusRuntimeException permissionDenied(String message) {
        return Status.PERMISSION_DENIED.withDescription(message).asRuntimeException();
    }

    public static StatusRuntimeException paymentRequired(String message) {
        // FAILED_PRECONDITION would read as 409; RESOURCE_EXHAUSTED with this prefix maps to 402.
        return Status.RESOURCE_EXHAUSTED.withDescription(INSUFFICIENT_BALANCE + message).asRuntimeException();
    }

    public static final String INSUFFICIENT_BALANCE = "insufficient balance: ";

    /** HTTP status for a gRPC status, as ARCHITECTURE.md section 3 fixes it. */
    public static int httpStatus(Status status) {
        return switch (status.getCode()) {
            case OK -> 200;
            case INVALID_ARGUMENT, OUT_OF_RANGE -> 400;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, FAILED_PRECONDITION, ABORTED -> 409;
            case RESOURCE_EXHAUSTED -> status.getDescription() != null
                    && status.getDescription().startsWith(INSUFFICIENT_BALANCE) ? 402 : 429;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case DEADLINE_EXCEEDED -> 504;
            default -> 500;
        };
    }
}
