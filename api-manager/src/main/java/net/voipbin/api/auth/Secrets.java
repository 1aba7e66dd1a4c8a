package net.voipbin.api.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Password hashing (bcrypt) and access key generation/hashing (random 32 chars, SHA-256). */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String ACCESSKEY_PREFIX = "vb_";

    private Secrets() {
    }

    /** The bcrypt cost production requires at least (OWASP's current minimum is 10; 12 is our floor). */
    public static final int MIN_PRODUCTION_BCRYPT_COST = 12;

    /** A bcrypt hash of {@code password} at {@code cost} ({@code voipbin.api.password.bcrypt-cost}). */
    public static String hashPassword(String password, int cost) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    /** The cost a stored bcrypt hash ({@code $2a$10$...}) was made with; 0 when it is not one. */
    public static int bcryptCost(String hash) {
        if (hash == null || hash.length() < 7 || hash.charAt(0) != '$' || hash.charAt(3) != '$') {
            return 0;
        }
        try {
            return Integer.parseInt(hash.substring(4, 6));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public static boolean passwordMatches(String password, String hash) {
        try {
            Password stored = ModularCrypt.decode(hash);
            // Elytron's own provider, named: it need not be installed in the JVM (plain unit tests).
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT,
                    WildFlyElytronPasswordProvider.getInstance());
            Password restored = factory.translate(stored);
            return factory.verify(restored, password.toCharArray());
        } catch (Exception e) {
            return false;
        }
    }

    public static String newAccesskey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return ACCESSKEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes); // 3 + 32 chars
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
