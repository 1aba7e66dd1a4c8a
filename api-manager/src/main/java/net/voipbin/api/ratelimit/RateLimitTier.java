package net.voipbin.api.ratelimit;

import net.voipbin.api.config.ApiConfig;

/** The limits the gateway enforces, each with its own buckets and settings ({@code voipbin.api.rate-limit.<tier>}). */
public enum RateLimitTier {
    /** Per client IP, on every {@code /v1.0} and {@code /auth} request. */
    IP("ip"),
    /** Per client IP on login and signup, stricter: password guessing and sign-up floods. */
    LOGIN("login"),
    /** Per customer, once the request is authenticated. */
    CUSTOMER("customer");

    /** The name in config keys, bucket keys and the 429's {@code details.limited_by}. */
    public final String id;

    RateLimitTier(String id) {
        this.id = id;
    }

    ApiConfig.RateLimit.Tier settings(ApiConfig.RateLimit config) {
        return switch (this) {
            case IP -> config.ip();
            case LOGIN -> config.login();
            case CUSTOMER -> config.customer();
        };
    }
}
