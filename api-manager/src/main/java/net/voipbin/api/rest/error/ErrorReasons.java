package net.voipbin.api.rest.error;

import io.grpc.Status;
import net.voipbin.common.error.Errors;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that turns a failure into the contract's {@code ErrorBody} triple: HTTP status, canonical
 * {@code status} (the contract's enum) and specific {@code reason} (UPPER_SNAKE).
 *
 * <p>Why a table here and not in every manager: the managers speak gRPC codes whose descriptions already follow
 * {@link Errors}' conventions ({@code "<resource> <id> not found"}, {@code "<field>: <problem>"},
 * {@code "insufficient balance: ..."}); reading those prefixes is a structured signal that costs no change to the
 * wire. The rules are tried top to bottom, the first match wins, and the last rule of each code falls back to the
 * canonical name so {@code reason} is never empty.
 *
 * <p>Where the contract lists no 409 for the operations a code comes from, the gateway answers 400 instead:
 * a duplicate (ALREADY_EXISTS: username, email, number, idempotency key), a source number the customer does not
 * own, a balance that would go below zero; a destination the customer may not dial (PERMISSION_DENIED
 * {@code "destination: ..."}) is 400 too, as POST /calls lists no 403. 409 FAILED_PRECONDITION remains for a
 * resource in the wrong state (hold a hung-up call), which the call operations do list.
 *
 * <p>HTTP statuses outside the contract's enum use the closest value, consistently: 405/413/415 are a malformed
 * request ({@code INVALID_ARGUMENT}); 501 (not built yet) and 503/504 are {@code UNAVAILABLE}; any other 5xx is
 * {@code INTERNAL}.
 */
public final class ErrorReasons {

    private ErrorReasons() {
    }

    /** What one failure answers. {@code field} (nullable) goes into {@code details[0].field}. */
    public record Classified(int http, String status, String reason, String field) {
    }

    /** {@link Errors#INSUFFICIENT_BALANCE} without its colon: older managers wrote the bare words. */
    private static final String INSUFFICIENT = Errors.INSUFFICIENT_BALANCE.substring(0, Errors.INSUFFICIENT_BALANCE.indexOf(':'));
    /** {@code "<resource words> <id> not found"}, as {@link Errors#notFound} writes it. */
    private static final Pattern NOT_FOUND = Pattern.compile("^([a-z][a-z ]*?)(?: of customer)? \\S+ not found$");
    /** {@code "<field>: <problem>"}, as {@link Errors#invalidArgument} writes it. */
    private static final Pattern FIELD = Pattern.compile("^([A-Za-z0-9_.\\[\\]-]+): .*", Pattern.DOTALL);
    /** {@code "<resource> <uuid> <state>"}: a resource in the wrong state (call hung up, activeflow ended ...). */
    private static final Pattern RESOURCE_STATE = Pattern.compile("^(master call|call|confbridge|activeflow|file) \\S+ (.*)",
            Pattern.DOTALL);

    /** Canonical enum value for an HTTP status (the contract: "maps 1:1 to HTTP status code"). */
    public static String canonical(int http) {
        return switch (http) {
            case 400, 405, 413, 415 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 402 -> "PAYMENT_REQUIRED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "FAILED_PRECONDITION";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 501, 503, 504 -> "UNAVAILABLE";
            default -> http >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
        };
    }

    /** Reason of an answer the gateway itself writes by HTTP status only (framework refusals, empty errors). */
    public static String reasonOf(int http) {
        return switch (http) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "AUTHENTICATION_REQUIRED";
            case 402 -> "INSUFFICIENT_BALANCE";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "ROUTE_NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 409 -> "CONFLICT";
            case 413 -> "BODY_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> "RATE_LIMITED";
            case 501 -> "NOT_IMPLEMENTED";
            case 503 -> "SERVICE_UNAVAILABLE";
            case 504 -> "UPSTREAM_TIMEOUT";
            default -> http >= 500 ? "INTERNAL_ERROR" : "INVALID_ARGUMENT";
        };
    }

    /** The full classification of a gRPC status from a manager or from our own code. */
    public static Classified classify(Status status) {
        String d = status.getDescription() == null ? "" : status.getDescription();
        String field = field(d);
        switch (status.getCode()) {
            case INVALID_ARGUMENT, OUT_OF_RANGE:
                return new Classified(400, "INVALID_ARGUMENT", field == null ? "INVALID_ARGUMENT" : invalid(field), field);
            case UNAUTHENTICATED:
                // Our own filters say "authentication is required" when nothing was presented.
                return new Classified(401, "UNAUTHENTICATED",
                        d.contains("required") ? "AUTHENTICATION_REQUIRED" : "INVALID_CREDENTIALS", null);
            case PERMISSION_DENIED:
                if ("destination".equals(field)) {
                    // A destination the customer may not dial (whitelist, foreign SIP domain, URI headers): the
                    // request is refused as bad input; the contract lists no 403 for POST /calls.
                    return new Classified(400, "INVALID_ARGUMENT", "DESTINATION_NOT_ALLOWED", field);
                }
                if (d.contains("superadmin")) {
                    return new Classified(403, "PERMISSION_DENIED", "SUPERADMIN_REQUIRED", null);
                }
                if (d.contains("signup is disabled")) {
                    return new Classified(403, "PERMISSION_DENIED", "SIGNUP_DISABLED", null);
                }
                return new Classified(403, "PERMISSION_DENIED", "PERMISSION_DENIED", null);
            case NOT_FOUND: {
                Matcher m = NOT_FOUND.matcher(d);
                return new Classified(404, "NOT_FOUND", m.matches() ? snake(m.group(1)) + "_NOT_FOUND" : "NOT_FOUND", null);
            }
            case ALREADY_EXISTS:
                // The contract lists no 409 on any create operation (POST /customers, /numbers, /calls, /activeflows,
                // signup): a duplicate is answered as bad input, 400, its reason still saying what already exists.
                if (d.contains("idempotency key")) {
                    return new Classified(400, "INVALID_ARGUMENT", "IDEMPOTENCY_KEY_IN_USE", null);
                }
                return new Classified(400, "INVALID_ARGUMENT",
                        field == null ? "ALREADY_EXISTS" : snake(top(field)) + "_ALREADY_EXISTS", field);
            case FAILED_PRECONDITION:
                if (d.startsWith(INSUFFICIENT)) {
                    return new Classified(402, "PAYMENT_REQUIRED", "INSUFFICIENT_BALANCE", null);
                }
                if ("source".equals(field)) {
                    // call-manager's source resolver: the source is not a live number of the customer and no
                    // default outgoing number stands in. The contract lists 400 (not 409) for POST /calls.
                    return new Classified(400, "INVALID_ARGUMENT", "SOURCE_NUMBER_NOT_OWNED", field);
                }
                if ("balance".equals(field)) {
                    // balance_subtract_force below zero: the contract lists 400, not 409, for it.
                    return new Classified(400, "INVALID_ARGUMENT", "INSUFFICIENT_BALANCE", field);
                }
                return new Classified(409, "FAILED_PRECONDITION", precondition(d, field), field);
            case ABORTED:
                return new Classified(409, "FAILED_PRECONDITION", "CONFLICT", null);
            case RESOURCE_EXHAUSTED:
                if (d.startsWith(INSUFFICIENT)) {
                    return new Classified(402, "PAYMENT_REQUIRED", "INSUFFICIENT_BALANCE", null);
                }
                return new Classified(429, "RESOURCE_EXHAUSTED", "RATE_LIMITED", null);
            case UNIMPLEMENTED:
                return new Classified(501, "UNAVAILABLE", "NOT_IMPLEMENTED", null);
            case UNAVAILABLE:
                return new Classified(503, "UNAVAILABLE", "SERVICE_UNAVAILABLE", null);
            case DEADLINE_EXCEEDED:
                // A manager that did not answer in time: retryable, so 503 like an absent one.
                return new Classified(503, "UNAVAILABLE", "UPSTREAM_TIMEOUT", null);
            default:
                return new Classified(500, "INTERNAL", "INTERNAL_ERROR", null);
        }
    }

    /** INVALID_ARGUMENT reason of a field: {@code destinations[0].target} → {@code INVALID_DESTINATIONS}. */
    public static String invalid(String field) {
        String top = top(field);
        return "body".equals(top) ? "INVALID_BODY" : "INVALID_" + snake(top);
    }

    private static String precondition(String d, String field) {
        Matcher m = RESOURCE_STATE.matcher(d);
        if (m.matches()) {
            String resource = snake(m.group(1));
            String rest = m.group(2);
            if (rest.startsWith("is already recording")) {
                return resource + "_ALREADY_RECORDING";
            }
            if (rest.startsWith("has no recording")) {
                return resource + "_NOT_RECORDING";
            }
            if (rest.startsWith("has ended")) {
                return resource + "_ENDED";
            }
            return resource + "_INVALID_STATE";
        }
        if (field != null) {
            return snake(top(field)) + "_CONFLICT";
        }
        return d.startsWith("conflicts with") ? "CONSTRAINT_CONFLICT" : "FAILED_PRECONDITION";
    }

    private static String field(String description) {
        Matcher m = FIELD.matcher(description);
        return m.matches() ? m.group(1) : null;
    }

    private static String top(String field) {
        int cut = field.length();
        for (char c : new char[] {'.', '['}) {
            int i = field.indexOf(c);
            if (i > 0 && i < cut) {
                cut = i;
            }
        }
        return field.substring(0, cut);
    }

    static String snake(String words) {
        return words.trim().replaceAll("[^A-Za-z0-9]+", "_").replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toUpperCase(Locale.ROOT);
    }

    /** {@code details} of a field error: {@code [{"field": ...}]}. */
    public static List<Map<String, Object>> fieldDetails(String field) {
        return field == null ? null : List.of(Map.of("field", field));
    }
}
