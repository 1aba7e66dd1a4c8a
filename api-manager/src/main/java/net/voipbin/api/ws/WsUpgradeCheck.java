package net.voipbin.api.ws;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.api.auth.Authenticator;
import net.voipbin.api.auth.Credentials;
import net.voipbin.api.auth.Identity;
import net.voipbin.api.config.ApiConfig;
import net.voipbin.api.ratelimit.ClientRateLimitFilter;
import net.voipbin.api.ratelimit.RateLimitTier;
import net.voipbin.api.ratelimit.RateLimiter;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * Decides the WebSocket upgrade before any socket exists, answering a refusal with a plain HTTP status:
 * <ol>
 *   <li>the per-IP rate limit of every API request (429 + Retry-After);</li>
 *   <li>the credentials: {@code ?ticket=} (single use, from {@code POST /v1.0/ws/tickets}) or an
 *       {@code Authorization: Bearer} header; {@code ?token=} / {@code ?accesskey=} are refused (401), a
 *       long-lived secret in a URL leaks into logs;</li>
 *   <li>the per-customer rate limit (429) and the customer's open connections on this instance (429).</li>
 * </ol>
 * The identity goes to the connection's user data for {@link WsEndpoints}.
 */
@ApplicationScoped
public class WsUpgradeCheck implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(WsUpgradeCheck.class);

    static final UserData.TypedKey<Identity> IDENTITY = new UserData.TypedKey<>("voipbin.ws.identity");

    private final ClientRateLimitFilter clientLimit;
    private final RateLimiter limiter;
    private final Authenticator authenticator;
    private final WsTickets tickets;
    private final EventHub hub;
    private final ApiConfig config;

    public WsUpgradeCheck(ClientRateLimitFilter clientLimit, RateLimiter limiter, Authenticator authenticator,
                          WsTickets tickets, EventHub hub, ApiConfig config) {
        this.clientLimit = clientLimit;
        this.limiter = limiter;
        this.authenticator = authenticator;
        this.tickets = tickets;
        this.hub = hub;
        this.config = config;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        return clientLimit.acquire(request).chain(wait -> {
            if (wait > 0) {
                return tooMany(wait);
            }
            return identity(request).chain(identity -> {
                if (identity == null) {
                    return CheckResult.rejectUpgrade(401);
                }
                return limiter.acquire(RateLimitTier.CUSTOMER, identity.customerId().toString()).chain(customerWait -> {
                    if (customerWait > 0) {
                        return tooMany(customerWait);
                    }
                    if (hub.connections(identity.customerId()) >= config.ws().maxConnectionsPerCustomer()) {
                        LOG.debugf("WebSocket upgrade of customer %s refused: %d connections open",
                                identity.customerId(), config.ws().maxConnectionsPerCustomer());
                        return CheckResult.rejectUpgrade(429);
                    }
                    context.userData().put(IDENTITY, identity);
                    return CheckResult.permitUpgrade();
                });
            });
        });
    }

    /** The identity of the upgrade's ticket or Authorization header, re-checked now; null when none holds. */
    private Uni<Identity> identity(HttpServerRequest request) {
        if (Credentials.QUERY_NAMES.stream().anyMatch(name -> request.getParam(name) != null)) {
            return Uni.createFrom().nullItem();
        }
        String ticket = request.getParam("ticket");
        if (ticket != null) {
            return tickets.redeem(ticket).chain(issued -> issued == null
                    ? Uni.createFrom().<Identity>nullItem() : authenticator.recheck(issued));
        }
        Credentials bearer = Credentials.bearer(request.getHeader("Authorization"));
        if (bearer == null) {
            return Uni.createFrom().nullItem();
        }
        return authenticator.authenticate(bearer.jwt(), bearer.jwt() == null ? bearer.accesskey() : null);
    }

    private static Uni<CheckResult> tooMany(long retryAfterSeconds) {
        return CheckResult.rejectUpgrade(429, Map.of("Retry-After", List.of(Long.toString(retryAfterSeconds))));
    }
}
