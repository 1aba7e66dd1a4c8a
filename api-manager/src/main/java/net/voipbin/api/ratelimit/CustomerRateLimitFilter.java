package net.voipbin.api.ratelimit;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import net.voipbin.api.auth.CurrentIdentity;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Per customer, after {@link net.voipbin.api.auth.AuthFilter} has authenticated the request. */
public class CustomerRateLimitFilter {

    /** After {@link net.voipbin.api.auth.AuthFilter} (1000). */
    static final int PRIORITY = 1100;

    private final RateLimiter limiter;
    private final CurrentIdentity current;

    public CustomerRateLimitFilter(RateLimiter limiter, CurrentIdentity current) {
        this.limiter = limiter;
        this.current = current;
    }

    @ServerRequestFilter(priority = PRIORITY)
    public Uni<Response> limit() {
        if (!current.isAuthenticated()) {
            return Uni.createFrom().nullItem();
        }
        return limiter.acquire(RateLimitTier.CUSTOMER, current.customerId())
                .map(wait -> wait > 0 ? TooManyRequests.response(wait, RateLimitTier.CUSTOMER) : null);
    }
}
