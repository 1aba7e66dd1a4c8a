package net.voipbin.api.rest.error;

import io.grpc.Status;
import net.voipbin.common.error.Errors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule table, one row per failure the managers and the gateway really produce. */
class ErrorReasonsTest {

    private record Row(Status status, int http, String canonical, String reason, String field) {
    }

    private static Row row(io.grpc.StatusRuntimeException e, int http, String canonical, String reason, String field) {
        return new Row(e.getStatus(), http, canonical, reason, field);
    }

    private static final List<Row> ROWS = List.of(
            row(Errors.notFound("call", "0b7e"), 404, "NOT_FOUND", "CALL_NOT_FOUND", null),
            row(Errors.notFound("available number", "+15550100"), 404, "NOT_FOUND", "AVAILABLE_NUMBER_NOT_FOUND", null),
            row(Errors.notFound("billing account of customer", "c1"), 404, "NOT_FOUND", "BILLING_ACCOUNT_NOT_FOUND", null),
            row(Errors.notFound("outbound config", "c1"), 404, "NOT_FOUND", "OUTBOUND_CONFIG_NOT_FOUND", null),
            row(Status.NOT_FOUND.withDescription("gone").asRuntimeException(), 404, "NOT_FOUND", "NOT_FOUND", null),
            row(Errors.invalidArgument("destinations[0].target", "is not an E.164 number"), 400, "INVALID_ARGUMENT",
                    "INVALID_DESTINATIONS", "destinations[0].target"),
            row(Errors.invalidArgument("page_size", "must be 1..100"), 400, "INVALID_ARGUMENT", "INVALID_PAGE_SIZE",
                    "page_size"),
            row(Status.INVALID_ARGUMENT.withDescription("nothing to say").asRuntimeException(), 400, "INVALID_ARGUMENT",
                    "INVALID_ARGUMENT", null),
            row(Errors.paymentRequired("balance 0 is below the call's cost"), 402, "PAYMENT_REQUIRED",
                    "INSUFFICIENT_BALANCE", null),
            row(Errors.failedPrecondition("source: +15550100 is not owned by the customer, and no default outgoing source"
                    + " number is configured"), 400, "INVALID_ARGUMENT", "SOURCE_NUMBER_NOT_OWNED", "source"),
            row(Errors.permissionDenied("destination: calls to country 'DE' are not whitelisted"), 400, "INVALID_ARGUMENT",
                    "DESTINATION_NOT_ALLOWED", "destination"),
            row(Errors.permissionDenied("only a project superadmin may do this"), 403, "PERMISSION_DENIED",
                    "SUPERADMIN_REQUIRED", null),
            row(Errors.permissionDenied("this identity lacks the permission for this operation"), 403,
                    "PERMISSION_DENIED", "PERMISSION_DENIED", null),
            row(Errors.alreadyExists("username: already taken"), 400, "INVALID_ARGUMENT", "USERNAME_ALREADY_EXISTS",
                    "username"),
            row(Errors.alreadyExists("number: +15550100 is already owned by a customer"), 400, "INVALID_ARGUMENT",
                    "NUMBER_ALREADY_EXISTS", "number"),
            row(Errors.alreadyExists("already exists: a resource with this unique value exists"), 400, "INVALID_ARGUMENT",
                    "ALREADY_EXISTS", null),
            row(Errors.alreadyExists("a call with this idempotency key is being created"), 400, "INVALID_ARGUMENT",
                    "IDEMPOTENCY_KEY_IN_USE", null),
            row(Errors.failedPrecondition("call 0b7e is hangup, not progressing: media operations need an answered call"),
                    409, "FAILED_PRECONDITION", "CALL_INVALID_STATE", null),
            row(Errors.failedPrecondition("call 0b7e is already recording (r1): stop it first"), 409,
                    "FAILED_PRECONDITION", "CALL_ALREADY_RECORDING", null),
            row(Errors.failedPrecondition("activeflow a1 has ended"), 409, "FAILED_PRECONDITION", "ACTIVEFLOW_ENDED", null),
            row(Errors.failedPrecondition("balance: the account holds 5, less than 10"), 400, "INVALID_ARGUMENT",
                    "INSUFFICIENT_BALANCE", "balance"),
            row(Errors.failedPrecondition("conflicts with a database constraint"), 409, "FAILED_PRECONDITION",
                    "CONSTRAINT_CONFLICT", null),
            row(Status.UNAUTHENTICATED.withDescription("authentication is required").asRuntimeException(), 401,
                    "UNAUTHENTICATED", "AUTHENTICATION_REQUIRED", null),
            row(Status.UNAUTHENTICATED.withDescription("invalid or expired credentials").asRuntimeException(), 401,
                    "UNAUTHENTICATED", "INVALID_CREDENTIALS", null),
            row(Status.RESOURCE_EXHAUSTED.withDescription("slow down").asRuntimeException(), 429, "RESOURCE_EXHAUSTED",
                    "RATE_LIMITED", null),
            row(Status.UNIMPLEMENTED.asRuntimeException(), 501, "UNAVAILABLE", "NOT_IMPLEMENTED", null),
            row(Status.UNAVAILABLE.asRuntimeException(), 503, "UNAVAILABLE", "SERVICE_UNAVAILABLE", null),
            row(Status.DEADLINE_EXCEEDED.asRuntimeException(), 503, "UNAVAILABLE", "UPSTREAM_TIMEOUT", null),
            row(Status.INTERNAL.withDescription("NPE in the manager").asRuntimeException(), 500, "INTERNAL",
                    "INTERNAL_ERROR", null));

    /** The contract's ErrorBody.status enum. */
    private static final Set<String> ENUM = Set.of("INVALID_ARGUMENT", "UNAUTHENTICATED", "PAYMENT_REQUIRED",
            "PERMISSION_DENIED", "NOT_FOUND", "ALREADY_EXISTS", "FAILED_PRECONDITION", "RESOURCE_EXHAUSTED",
            "UNAVAILABLE", "INTERNAL");

    @Test
    void everyRowClassifiesAsTabled() {
        List<String> wrong = new ArrayList<>();
        for (Row r : ROWS) {
            ErrorReasons.Classified c = ErrorReasons.classify(r.status());
            ErrorReasons.Classified want = new ErrorReasons.Classified(r.http(), r.canonical(), r.reason(), r.field());
            if (!want.equals(c)) {
                wrong.add(r.status().getDescription() + " -> " + c + ", want " + want);
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void everyHttpStatusHasAnEnumValueAndAReason() {
        for (int http : new int[] {400, 401, 402, 403, 404, 405, 409, 413, 415, 429, 500, 501, 503, 504}) {
            assertTrue(ENUM.contains(ErrorReasons.canonical(http)), http + " -> " + ErrorReasons.canonical(http));
            assertTrue(ErrorReasons.reasonOf(http).matches("[A-Z][A-Z0-9_]*"), http + " -> " + ErrorReasons.reasonOf(http));
        }
        for (Row r : ROWS) {
            assertTrue(ENUM.contains(r.canonical()), r.canonical());
            assertTrue(r.reason().matches("[A-Z][A-Z0-9_]*"), r.reason());
        }
        assertEquals("INVALID_ARGUMENT", ErrorReasons.canonical(413));
        assertEquals("BODY_TOO_LARGE", ErrorReasons.reasonOf(413));
        assertEquals("INVALID_BODY", ErrorReasons.invalid("body"));
        assertEquals("INVALID_SOURCE", ErrorReasons.invalid("source.target"));
    }
}
