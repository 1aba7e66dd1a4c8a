package net.voipbin.webhook.service;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signing of outgoing requests, so receivers can check they come from us and are fresh:
 * <ul>
 * <li>Standard Webhooks (standardwebhooks.com): {@code webhook-id}, {@code webhook-timestamp} (epoch seconds) and
 * {@code webhook-signature} = {@code v1,} + base64 HMAC-SHA256 over {@code id.timestamp.body}, verifiable with the
 * spec's official libraries. The key is the secret's bytes after {@code whsec_} base64-decoded when the secret has
 * that prefix (the spec's own secret format), otherwise the secret's UTF-8 bytes (the libraries' "raw" key form).</li>
 * <li>{@code X-VoIPBIN-Signature: sha256=<hex HMAC-SHA256(secret, body)>}, what the reference sends, keyed by the
 * secret's UTF-8 bytes as given, so existing receivers keep verifying.</li>
 * </ul>
 */
public final class WebhookSigner {

    public static final String SECRET_PREFIX = "whsec_";

    private WebhookSigner() {
    }

    /** The headers of one signed attempt, in the order they are sent. */
    public static Map<String, String> headers(String secret, String id, long timestampSeconds, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("webhook-id", id);
        h.put("webhook-timestamp", Long.toString(timestampSeconds));
        h.put("webhook-signature", sign(secret, id, timestampSeconds, body));
        h.put("X-VoIPBIN-Signature", "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body)));
        return h;
    }

    /** {@code v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>}. */
    public static String sign(String secret, String id, long timestampSeconds, byte[] body) {
        byte[] prefix = (id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(hmac(key(secret), signed));
    }

    static byte[] key(String secret) {
        if (secret.startsWith(SECRET_PREFIX)) {
            return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
