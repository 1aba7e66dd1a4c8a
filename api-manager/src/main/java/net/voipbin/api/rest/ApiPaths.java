package net.voipbin.api.rest;

/**
 * Which request paths the gateway guards. {@code /v1/...} arrives here already rewritten to
 * {@code /v1.0/...} ({@link HttpFilters}); everything else ({@code /q/*}, unknown roots) is public.
 */
public final class ApiPaths {

    private ApiPaths() {
    }

    /** The public API: rate limited, and authenticated unless {@link #isPublicAuth}. */
    public static boolean isApi(String path) {
        return path.startsWith("/v1.0/") || path.equals("/v1.0") || path.startsWith("/auth/");
    }

    /** Login, signup and email verification (at the root and under /v1.0): no credentials, the stricter login limit. */
    public static boolean isPublicAuth(String path) {
        return path.endsWith("/auth/login") || path.endsWith("/auth/signup") || path.endsWith("/auth/email-verify");
    }
}
