package net.voipbin.asterisksim.ari;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import net.voipbin.asterisksim.config.SimConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

/**
 * ARI authentication as Asterisk does it: HTTP Basic, or the {@code api_key=user:password} query
 * parameter (what WebSocket clients use). Everything under /ari needs it; /q/* does not.
 */
@Provider
@PreMatching
public class AriAuthFilter implements ContainerRequestFilter {

    // Looked up per request: providers are created at static init, before runtime config exists.
    private final Instance<SimConfig> config;

    public AriAuthFilter(Instance<SimConfig> config) {
        this.config = config;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!(path.equals("/ari") || path.startsWith("/ari/"))) {
            return;
        }
        if (!authenticated(request)) {
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Asterisk REST Interface\"")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("message", "Authentication required"))
                    .build());
        }
    }

    private boolean authenticated(ContainerRequestContext request) {
        return authorized(config.get(), request.getHeaderString(HttpHeaders.AUTHORIZATION),
                request.getUriInfo().getQueryParameters().getFirst("api_key"));
    }

    /** HTTP Basic {@code header} or {@code apiKey} ({@code user:password}) matches the configured credentials. */
    public static boolean authorized(SimConfig sim, String header, String apiKey) {
        String expected = sim.username() + ":" + sim.password();
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String given = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                return same(given, expected);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return apiKey != null && same(apiKey, expected);
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
