package net.voipbin.common.error;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.sql.SQLException;
import java.util.Optional;

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

    /** MariaDB/MySQL error codes of a duplicate key (ER_DUP_KEY, ER_DUP_ENTRY, ER_DUP_ENTRY_WITH_KEY_NAME). */
    private static final java.util.Set<Integer> DUPLICATE_KEY = java.util.Set.of(1022, 1062, 1586);
    /** Foreign key failures: the parent is missing (1216, 1452) or the row is still referenced (1217, 1451). */
    private static final java.util.Set<Integer> FOREIGN_KEY = java.util.Set.of(1216, 1217, 1451, 1452);

    /**
     * The status of a database constraint violation anywhere in {@code failure}'s causes: a duplicate key (a
     * unique index: the same username, email, number twice, typically two requests racing past a check) is
     * ALREADY_EXISTS, any other integrity violation (SQLSTATE class 23: foreign key, check) FAILED_PRECONDITION;
     * both answer 409 at the gateway, not 500. Empty when the failure is no constraint violation. Reads the JDBC
     * {@link SQLException} (which Hibernate's ConstraintViolationException and Hibernate Reactive's conversion
     * carry) and the Vert.x SQL client's DatabaseException (by name: this module's database is optional). The
     * database's message is not passed on: it names tables and echoes the values.
     */
    public static Optional<StatusRuntimeException> fromConstraintViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Integer code = null;
            String state = null;
            if (t instanceof SQLException sql) {
                code = sql.getErrorCode();
                state = sql.getSQLState();
            } else if (isVertxDatabaseException(t.getClass())) {
                try {
                    code = (Integer) t.getClass().getMethod("getErrorCode").invoke(t);
                    state = (String) t.getClass().getMethod("getSqlState").invoke(t);
                } catch (ReflectiveOperationException | ClassCastException e) {
                    continue;
                }
            }
            if (code == null && state == null) {
                continue;
            }
            if (code != null && DUPLICATE_KEY.contains(code)) {
                return Optional.of(alreadyExists("already exists: a resource with this unique value exists"));
            }
            if (code != null && FOREIGN_KEY.contains(code)) {
                return Optional.of(failedPrecondition("conflicts with a related resource (missing or still referenced)"));
            }
            if (state != null && state.startsWith("23")) {
                return Optional.of(failedPrecondition("conflicts with a database constraint"));
            }
        }
        return Optional.empty();
    }

    private static boolean isVertxDatabaseException(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals("io.vertx.sqlclient.DatabaseException")) {
                return true;
            }
        }
        return false;
    }
}
