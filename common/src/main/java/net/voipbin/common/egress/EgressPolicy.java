package net.voipbin.common.egress;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule every outbound request made on a customer's behalf passes (fetch, webhooks): an absolute http(s)
 * URL without credentials, on an allowed port, whose host resolves to a public address ({@link NetworkRanges}).
 * The name is resolved once here and the caller connects to that address ({@link EgressTarget}).
 */
@ApplicationScoped
public class EgressPolicy {

    /** How names become addresses; a seam so tests can make a name resolve to a private address. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Vertx vertx;
    private final List<Integer> allowedPorts;
    private final List<Cidr> allowNetworks;
    private final HostResolver resolver;

    @Inject
    public EgressPolicy(Vertx vertx, EgressConfig config) {
        this(vertx, config.allowedPorts(), config.allowNetworks().orElse(List.of()), InetAddress::getAllByName);
    }

    public EgressPolicy(Vertx vertx, List<Integer> allowedPorts, List<String> allowNetworks, HostResolver resolver) {
        this.vertx = vertx;
        this.allowedPorts = List.copyOf(allowedPorts);
        this.allowNetworks = allowNetworks.stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList();
        this.resolver = resolver;
    }

    /** Checks {@code url}; fails with {@link EgressRefusedException}. The lookup runs off the event loop. */
    public Uni<EgressTarget> check(String url) {
        URI uri;
        try {
            uri = parse(url);
        } catch (EgressRefusedException e) {
            return Uni.createFrom().failure(e);
        }
        if (vertx == null) {
            return Uni.createFrom().item(() -> resolve(uri));
        }
        return Uni.createFrom().completionStage(() -> vertx.<EgressTarget>executeBlocking(() -> resolve(uri), false)
                .toCompletionStage());
    }

    /** The URL's shape alone: scheme, host, no userinfo. */
    static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new EgressRefusedException("the URL is empty");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new EgressRefusedException("not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new EgressRefusedException("only http and https URLs are allowed: " + url);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new EgressRefusedException("the URL names no host: " + url);
        }
        if (uri.getRawUserInfo() != null) {
            throw new EgressRefusedException("credentials in the URL are not allowed");
        }
        return uri;
    }

    /** Resolves and judges {@code uri} (blocking: the caller is off the event loop). */
    public EgressTarget resolve(URI uri) {
        boolean ssl = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() < 0 ? (ssl ? 443 : 80) : uri.getPort();
        String host = uri.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress address;
        try {
            address = resolver.resolve(bare)[0];
        } catch (UnknownHostException e) {
            throw new EgressRefusedException("the host " + bare + " does not resolve");
        }
        if (allowNetworks.stream().anyMatch(n -> n.contains(address))) {
            return new EgressTarget(uri, bare, port, ssl, address);
        }
        Optional<String> refusal = NetworkRanges.refusal(address);
        if (refusal.isPresent()) {
            throw new EgressRefusedException("the host " + bare + " is " + address.getHostAddress() + ", a "
                    + refusal.get() + " address: requests on a customer's behalf may reach public addresses only");
        }
        if (!allowedPorts.contains(port)) {
            throw new EgressRefusedException("port " + port + " is not allowed (allowed: " + allowedPorts + ")");
        }
        return new EgressTarget(uri, bare, port, ssl, address);
    }
}
