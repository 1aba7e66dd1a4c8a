package net.voipbin.webhook.service;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Signing against the Standard Webhooks spec's published example (its libraries' own test vector). */
class WebhookSignerTest {

    static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long SPEC_TIMESTAMP = 1614265330;
    static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void matchesTheSpecsExampleByteForByte() {
        assertEquals(SPEC_SIGNATURE, WebhookSigner.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY));
    }

    @Test
    void headersCarryIdTimestampAndBothSignatures() {
        Map<String, String> h = WebhookSigner.headers(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);
        assertEquals(SPEC_ID, h.get("webhook-id"));
        assertEquals("1614265330", h.get("webhook-timestamp"));
        assertEquals(SPEC_SIGNATURE, h.get("webhook-signature"));
        // Reference-compatible header: hex HMAC-SHA256 keyed by the secret as given, over the body alone.
        assertEquals("sha256=" + hexHmac(SPEC_SECRET, SPEC_BODY), h.get("X-VoIPBIN-Signature"));
    }

    @Test
    void anyChangeOfIdTimestampOrBodyChangesTheSignature() {
        assertNotEquals(SPEC_SIGNATURE, WebhookSigner.sign(SPEC_SECRET, SPEC_ID + "x", SPEC_TIMESTAMP, SPEC_BODY));
        assertNotEquals(SPEC_SIGNATURE, WebhookSigner.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY));
        assertNotEquals(SPEC_SIGNATURE, WebhookSigner.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP,
                "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSecretWithoutThePrefixIsUsedRaw() {
        assertEquals("raw".length(), WebhookSigner.key("raw").length);
        assertEquals(24, WebhookSigner.key(SPEC_SECRET).length, "whsec_ + base64 of 24 bytes");
    }

    private static String hexHmac(String key, byte[] body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
