package net.voipbin.api.ratelimit;

import jakarta.ws.rs.core.Response;
import net.voipbin.api.rest.error.ApiError;

import java.util.List;
import java.util.Map;

/** The answer over a limit: 429 RESOURCE_EXHAUSTED / RATE_LIMITED with Retry-After and the tier in {@code details[0].limited_by}. */
final class TooManyRequests {

    private TooManyRequests() {
    }

    static Response response(long retryAfterSeconds, RateLimitTier limitedBy) {
        // The login tier limits per IP too; clients see which key ran dry, not which setting.
        return response(retryAfterSeconds, limitedBy == RateLimitTier.CUSTOMER ? "customer" : "ip");
    }

    static Response response(long retryAfterSeconds, String key) {
        Response base = ApiError.response(429, "RATE_LIMITED", "rate limit exceeded, retry later",
                List.of(Map.of("limited_by", key)));
        return Response.fromResponse(base).header("Retry-After", String.valueOf(retryAfterSeconds)).build();
    }
}
