package net.voipbin.api.auth;

import jakarta.inject.Inject;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import net.voipbin.api.config.ApiConfig;
import org.jboss.logging.Logger;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;

/**
 * The HS256 secret that signs agent tokens and verifies them ({@code voipbin.api.jwt.key}). A secret
 * shorter than 32 bytes (HS256's key size, so also an empty one) stops the service at start; the
 * development default starts with a warning so that a checkout runs without setup. Made at start
 * ({@code @Startup}) so that a bad secret fails the deployment, not the first login.
 */
@Startup
@Singleton
public class JwtSecret {

    private static final Logger LOG = Logger.getLogger(JwtSecret.class);
    static final int MIN_BYTES = 32;

    private final SecretKey key;

    @Inject
    public JwtSecret(ApiConfig config) {
        this(config.jwt().key());
    }

    JwtSecret(String secret) {
        byte[] bytes = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalStateException("voipbin.api.jwt.key must be at least " + MIN_BYTES + " bytes");
        }
        if (ApiConfig.Jwt.DEVELOPMENT_KEY.equals(secret)) {
            LOG.warn("voipbin.api.jwt.key is the development default: refused in production (ApiDefaults)");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    public SecretKey key() {
        return key;
    }
}
