package net.voipbin.webhook.service;

import net.voipbin.common.error.Errors;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Where webhook-manager may send: absolute http or https URIs with a host, of bounded length. */
final class Targets {

    static final int MAX_URI = 2048;

    private Targets() {
    }

    /** {@code uri} if it is acceptable, else INVALID_ARGUMENT naming {@code field}. */
    static String uri(String field, String uri) {
        if (uri == null || uri.isBlank()) {
            throw Errors.invalidArgument(field, "is required");
        }
        if (uri.length() > MAX_URI) {
            throw Errors.invalidArgument(field, "must be at most " + MAX_URI + " characters");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw Errors.invalidArgument(field, "is not a valid URI: " + e.getMessage());
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!parsed.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw Errors.invalidArgument(field, "must be an absolute http or https URI");
        }
        if (parsed.getHost() == null || parsed.getHost().isEmpty()) {
            throw Errors.invalidArgument(field, "must name a host");
        }
        return uri;
    }
}
