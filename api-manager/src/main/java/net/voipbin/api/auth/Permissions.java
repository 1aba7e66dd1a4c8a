package net.voipbin.api.auth;

import io.grpc.Status;

/** The reference permission bitmask (agent-manager). */
public final class Permissions {

    public static final long PROJECT_SUPER_ADMIN = 0x0001;
    public static final long CUSTOMER_AGENT = 0x0010;
    public static final long CUSTOMER_ADMIN = 0x0020;
    public static final long CUSTOMER_MANAGER = 0x0040;
    public static final long CUSTOMER_ALL = 0x00F0;
    /** Bits a customer-level caller may hold or grant. */
    public static final long ADMIN_OR_MANAGER = CUSTOMER_ADMIN | CUSTOMER_MANAGER;

    private Permissions() {
    }

    public static void require(Identity identity, long mask) {
        if (!identity.has(mask)) {
            throw Status.PERMISSION_DENIED.withDescription("this identity lacks the permission for this operation")
                    .asRuntimeException();
        }
    }

    public static void requireSuperadmin(Identity identity) {
        if (!identity.isSuperadmin()) {
            throw Status.PERMISSION_DENIED.withDescription("only a project superadmin may do this").asRuntimeException();
        }
    }
}
