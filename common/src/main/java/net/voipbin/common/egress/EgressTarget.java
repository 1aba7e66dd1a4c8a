package net.voipbin.common.egress;

import java.net.InetAddress;
import java.net.URI;

/**
 * A URL that passed the policy, with the one address it was checked at. Connecting to {@code address} (never to
 * the name again) is what closes DNS rebinding: a second lookup could answer 127.0.0.1.
 */
public record EgressTarget(URI uri, String host, int port, boolean ssl, InetAddress address) {

    /** Path and query as the request line carries them. */
    public String requestUri() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
