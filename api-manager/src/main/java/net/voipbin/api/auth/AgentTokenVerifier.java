package net.voipbin.api.auth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.UUID;

/**
 * Verifies an agent token with smallrye-jwt's parser (jose4j underneath): signature with the HS256
 * secret and HS256 only (a token naming any other algorithm, {@code none} included, is refused), issuer
 * {@code voipbin-api}, {@code exp} present and in the future with no grace period, and the claims the API
 * reads ({@code agent_id}, {@code customer_id}) present and UUIDs.
 *
 * <p>The parser is called with these rules rather than configured through {@code mp.jwt.*}: the
 * secret then has one source ({@code voipbin.api.jwt.key}, shared with {@link AgentTokenIssuer}) and
 * Quarkus' own JWT authentication mechanism, which knows no access keys,
 * stays out of the request path (proactive authentication is off, see application.properties).
 */
@ApplicationScoped
public class AgentTokenVerifier {

    private static final Logger LOG = Logger.getLogger(AgentTokenVerifier.class);
    public static final String ISSUER = "voipbin-api";
    static final String AGENT_ID = "agent_id";
    static final String CUSTOMER_ID = "customer_id";

    /** The identifying claims of a valid token; the agent's permission is read from the database. */
    public record AgentClaims(UUID agentId, UUID customerId, java.time.Instant expiresAt) {
    }

    private final JWTParser parser;
    private final JWTAuthContextInfo rules;

    public AgentTokenVerifier(JWTParser parser, JwtSecret secret) {
        this.parser = parser;
        JWTAuthContextInfo rules = new JWTAuthContextInfo();
        rules.setSecretVerificationKey(secret.key());
        rules.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        rules.setIssuedBy(ISSUER);
        rules.setRequiredClaims(Set.of(AGENT_ID, CUSTOMER_ID));
        // Tokens made by hand (tests, tools) carry agent_id but no sub; the agent is named by agent_id.
        rules.setRequireNamedPrincipal(false);
        rules.setExpGracePeriodSecs(0);
        rules.setClockSkew(0);
        this.rules = rules;
    }

    /** The claims of a valid, unexpired token; null for anything else (forged, expired, malformed, other algorithm). */
    public AgentClaims verify(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            JsonWebToken jwt = parser.parse(token, rules);
            return new AgentClaims(uuid(jwt, AGENT_ID), uuid(jwt, CUSTOMER_ID),
                    java.time.Instant.ofEpochSecond(jwt.getExpirationTime()));
        } catch (ParseException e) {
            LOG.debugf("token refused: %s", e.getMessage());
            return null;
        } catch (IllegalArgumentException e) {
            LOG.debugf("token refused: %s is not a UUID", e.getMessage());
            return null;
        }
    }

    private static UUID uuid(JsonWebToken jwt, String claim) {
        Object value = jwt.getClaim(claim);
        String text = value instanceof JsonString json ? json.getString() : String.valueOf(value);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(claim, e);
        }
    }
}
