package net.voipbin.api.auth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import net.voipbin.api.config.ApiConfig;
import net.voipbin.api.model.Agent;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Agent tokens through smallrye-jwt, without Quarkus: what is accepted and what is refused. */
class AgentTokenVerifierTest {

    static final String SECRET = "unit-test-secret-unit-test-secret-unit-test-secret-0123456789-abcdef";
    final JwtSecret secret = new JwtSecret(SECRET);
    final AgentTokenVerifier verifier = new AgentTokenVerifier(new DefaultJWTParser(), secret);
    final UUID agentId = UUID.randomUUID();
    final UUID customerId = UUID.randomUUID();

    JwtClaimsBuilder claims() {
        return Jwt.issuer("voipbin-api").subject(agentId.toString())
                .claim("agent_id", agentId.toString()).claim("customer_id", customerId.toString())
                .claim("permission", 32).claim("username", "alice");
    }

    String hs256(JwtClaimsBuilder claims, String key) {
        return claims.jws().algorithm(SignatureAlgorithm.HS256).signWithSecret(key);
    }

    @Test
    void aTokenOfTheIssuerIsValidAndNamesItsAgentAndCustomer() {
        Agent agent = new Agent();
        agent.id = agentId;
        agent.customerId = customerId;
        agent.permission = 32;
        agent.username = "alice";
        String token = new AgentTokenIssuer(secret, Duration.ofDays(7)).issue(agent);
        AgentTokenVerifier.AgentClaims claims = verifier.verify(token);
        assertNotNull(claims);
        assertEquals(agentId, claims.agentId());
        assertEquals(customerId, claims.customerId());
        // A token made elsewhere with the same secret and the claims the API reads is valid too (no sub needed).
        assertNotNull(verifier.verify(hs256(Jwt.issuer("voipbin-api").claim("agent_id", agentId.toString())
                .claim("customer_id", customerId.toString()).expiresIn(60), SECRET)));
    }

    @Test
    void anExpiredTokenIsRefusedWithoutGrace() {
        assertNull(verifier.verify(hs256(claims().issuedAt(Instant.now().minusSeconds(120))
                .expiresAt(Instant.now().minusSeconds(1)), SECRET)));
        assertNotNull(verifier.verify(hs256(claims().expiresAt(Instant.now().plusSeconds(30)), SECRET)));
    }

    @Test
    void aWrongSignatureIsRefused() {
        assertNull(verifier.verify(hs256(claims().expiresIn(3600), "another-secret-another-secret-another-secret-01")));
        String token = hs256(claims().expiresIn(3600), SECRET);
        // The same signature over another payload (a customer id swapped in) does not verify.
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(customerId.toString(), UUID.randomUUID().toString());
        String swapped = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertNull(verifier.verify(swapped));
        assertNull(verifier.verify(parts[0] + "." + parts[1] + ".AAAA" + parts[2].substring(4)));
    }

    @Test
    void anyAlgorithmButHs256IsRefused() throws Exception {
        assertNull(verifier.verify(claims().expiresIn(3600).jws().algorithm(SignatureAlgorithm.HS384).signWithSecret(SECRET)),
                "HS384 with the right secret");
        assertNull(verifier.verify(claims().expiresIn(3600).jws().algorithm(SignatureAlgorithm.HS512).signWithSecret(SECRET)),
                "HS512 with the right secret");
        var rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        assertNull(verifier.verify(claims().expiresIn(3600).jws().algorithm(SignatureAlgorithm.RS256)
                .sign(rsa.generateKeyPair().getPrivate())), "RS256");
        // alg none: a valid payload with no signature at all.
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = "{\"iss\":\"voipbin-api\",\"agent_id\":\"" + agentId + "\",\"customer_id\":\"" + customerId
                + "\",\"exp\":" + (Instant.now().getEpochSecond() + 3600) + "}";
        String none = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".";
        assertNull(verifier.verify(none), "alg none");
    }

    @Test
    void otherIssuerMissingClaimsNoExpiryOrGarbageAreRefused() {
        assertNull(verifier.verify(hs256(claims().issuer("someone-else").expiresIn(3600), SECRET)), "issuer");
        assertNull(verifier.verify(hs256(Jwt.issuer("voipbin-api").claim("agent_id", agentId.toString())
                .expiresIn(3600), SECRET)), "no customer_id");
        assertNull(verifier.verify(hs256(Jwt.issuer("voipbin-api").claim("agent_id", "not-a-uuid")
                .claim("customer_id", customerId.toString()).expiresIn(3600), SECRET)), "agent_id not a UUID");
        // smallrye-jwt-build always adds exp, so this one is signed by hand.
        assertNull(verifier.verify(handSignedHs256("{\"iss\":\"voipbin-api\",\"agent_id\":\"" + agentId
                + "\",\"customer_id\":\"" + customerId + "\",\"iat\":" + Instant.now().getEpochSecond() + "}")), "no exp");
        assertNotNull(verifier.verify(handSignedHs256("{\"iss\":\"voipbin-api\",\"agent_id\":\"" + agentId
                + "\",\"customer_id\":\"" + customerId + "\",\"iat\":" + Instant.now().getEpochSecond()
                + ",\"exp\":" + (Instant.now().getEpochSecond() + 60) + "}")), "the same signed by hand, with exp");
        assertNull(verifier.verify("not.a.jwt"));
        assertNull(verifier.verify(""));
        assertNull(verifier.verify(null));
        assertNull(verifier.verify("vb_abcdefabcdefabcdefabcdefabcdefab"));
    }

    static String handSignedHs256(String payload) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String signed = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signed + "." + b64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aShortOrEmptySecretIsRefusedAtStart() {
        assertThrows(IllegalStateException.class, () -> new JwtSecret(""));
        assertThrows(IllegalStateException.class, () -> new JwtSecret((String) null));
        assertThrows(IllegalStateException.class, () -> new JwtSecret("x".repeat(31)));
        assertNotNull(new JwtSecret("x".repeat(32)).key());
        assertNotNull(new JwtSecret(ApiConfig.Jwt.DEVELOPMENT_KEY).key(), "the development default starts (with a warning)");
    }
}
