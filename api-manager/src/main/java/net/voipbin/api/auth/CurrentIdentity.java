package net.voipbin.api.auth;

import io.grpc.Status;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated identity of the request in progress (set by {@link AuthFilter}). */
@RequestScoped
public class CurrentIdentity {

    private Identity identity;

    public Identity get() {
        if (identity == null) {
            throw Status.UNAUTHENTICATED.withDescription("authentication is required").asRuntimeException();
        }
        return identity;
    }

    /** Whether {@link AuthFilter} authenticated this request (false on public paths). */
    public boolean isAuthenticated() {
        return identity != null;
    }

    void set(Identity identity) {
        this.identity = identity;
    }

    /** The caller's customer id, the tenant every manager call is made for. */
    public String customerId() {
        return get().customerId().toString();
    }

    /** The caller's customer id, once its permission is one of {@code mask} (403 otherwise). */
    public String customerId(long mask) {
        Permissions.require(get(), mask);
        return customerId();
    }
}
