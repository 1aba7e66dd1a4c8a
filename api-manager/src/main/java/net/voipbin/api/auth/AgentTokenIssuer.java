package net.voipbin.api.auth;

import jakarta.inject.Inject;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.api.config.ApiConfig;
import net.voipbin.api.model.Agent;

import java.time.Duration;

/**
 * Issues an agent's login token: an HS256 JWT (smallrye-jwt-build) with {@code iss=voipbin-api},
 * {@code sub}/{@code agent_id}, {@code customer_id}, {@code permission}, {@code username}, {@code iat} and
 * {@code exp} = now + {@code voipbin.api.jwt.lifetime}. The permission in it is informative only: every
 * request reads the agent's current permission from the database ({@link Authenticator}).
 */
@ApplicationScoped
public class AgentTokenIssuer {

    private final JwtSecret secret;
    private final Duration lifetime;

    @Inject
    public AgentTokenIssuer(JwtSecret secret, ApiConfig config) {
        this(secret, config.jwt().lifetime());
    }

    AgentTokenIssuer(JwtSecret secret, Duration lifetime) {
        this.secret = secret;
        this.lifetime = lifetime;
    }

    public String issue(Agent agent) {
        return Jwt.issuer(AgentTokenVerifier.ISSUER)
                .subject(agent.id.toString())
                .claim(AgentTokenVerifier.AGENT_ID, agent.id.toString())
                .claim(AgentTokenVerifier.CUSTOMER_ID, agent.customerId.toString())
                .claim("permission", agent.permission)
                .claim("username", agent.username)
                .expiresIn(lifetime)
                .jws().algorithm(SignatureAlgorithm.HS256)
                .sign(secret.key());
    }

    public Duration lifetime() {
        return lifetime;
    }
}
