package net.voipbin.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.api.ApiConfig;
import net.voipbin.api.model.Agent;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Agent tokens: HS256 JWTs (signed with smallrye-jwt-build, verified here with the same key) with
 * claims {@code sub}/{@code agent_id}, {@code customer_id}, {@code permission}, {@code username}, {@code exp}.
 */
@ApplicationScoped
public class JwtService {

    private static final Logger LOG = Logger.getLogger(JwtService.class);
    static final String ISSUER = "voipbin-api";

    private final ApiConfig config;
    private final ObjectMapper mapper;
    private final byte[] key;

    public JwtService(ApiConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
        this.key = config.jwt().key().getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) {
            throw new IllegalStateException("voipbin.api.jwt.key must be at least 32 bytes");
        }
        if (config.jwt().key().startsWith("voipbin-development-")) {
            LOG.warn("voipbin.api.jwt.key is the development default: set VOIPBIN_API_JWT_KEY in production");
        }
    }

    public String issue(Agent agent) {
        return Jwt.issuer(ISSUER)
                .subject(agent.id.toString())
                .claim("agent_id", agent.id.toString())
                .claim("customer_id", agent.customerId.toString())
                .claim("permission", agent.permission)
                .claim("username", agent.username)
                .expiresIn(config.jwt().lifetime())
                .jws().algorithm(SignatureAlgorithm.HS256)
                .signWithSecret(config.jwt().key());
    }

    /** The identity in a valid, unexpired token; null for anything else (forged, expired, malformed). */
    public Identity verify(String token) {
        try {
            String[] parts = token.split("\\.");
            if (parts.length != 3) {
                return null;
            }
            Base64.Decoder decoder = Base64.getUrlDecoder();
            JsonNode header = mapper.readTree(decoder.decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asText())) {
                return null;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!MessageDigest.isEqual(expected, decoder.decode(parts[2]))) {
                return null;
            }
            JsonNode claims = mapper.readTree(decoder.decode(parts[1]));
            if (!claims.path("exp").canConvertToLong() || claims.path("exp").asLong() <= Instant.now().getEpochSecond()
                    || !ISSUER.equals(claims.path("iss").asText())) {
                return null;
            }
            return new Identity(Identity.Kind.AGENT,
                    UUID.fromString(claims.path("customer_id").asText()),
                    UUID.fromString(claims.path("agent_id").asText()), null,
                    claims.path("permission").asLong(), claims.path("username").asText());
        } catch (Exception e) {
            return null;
        }
    }
}
