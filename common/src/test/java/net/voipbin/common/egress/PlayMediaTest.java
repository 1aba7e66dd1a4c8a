package net.voipbin.common.egress;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlayMediaTest {

    private static void allowed(String uri) {
        assertEquals(java.util.Optional.empty(), PlayMedia.refusal(uri), uri);
    }

    private static void refused(String uri, String part) {
        String reason = PlayMedia.refusal(uri).orElseThrow(() -> new AssertionError(uri + " was allowed"));
        assertTrue(reason.contains(part), uri + ": " + reason);
    }

    @Test
    void soundsTonesDigitsRecordingsAndPublicHttpsMayBePlayed() {
        allowed("sound:hello-world");
        allowed("sound:custom/menu.main");
        allowed("tone:ring;tonezone=fr");
        allowed("digits:12#*");
        allowed("number:42");
        allowed("characters:abc1");
        allowed("recording:call_0190a1b2-0000-7000-8000-000000000001_0190a1b2-0000-7000-8000-000000000002");
        allowed("https://media.example.com/a.wav");
        allowed("https://93.184.215.14/a.wav");
        assertEquals(PlayMedia.Kind.RECORDING, PlayMedia.kind(" recording:x"));
        assertEquals(PlayMedia.Kind.HTTPS, PlayMedia.kind("HTTPS://a.example/x"));
        assertEquals(PlayMedia.Kind.ASTERISK, PlayMedia.kind("sound:beep"));
    }

    @Test
    void everythingAsteriskWouldOpenOnTheCustomersBehalfIsRefused() {
        refused("http://media.example.com/a.wav", "only https");
        refused("http://127.0.0.1/ari", "only https");
        refused("https://169.254.169.254/latest/meta-data/", "link-local");
        refused("https://127.0.0.1/a.wav", "loopback");
        refused("https://10.1.2.3/a.wav", "private");
        refused("https://[::1]/a.wav", "loopback");
        refused("https://user:pw@media.example.com/a.wav", "credentials");
        refused("sound:../../etc/passwd", "no ..");
        refused("sound:/etc/passwd", "sound name");
        refused("recording:../x", "recording name");
        refused("file:///etc/passwd", "may be played");
        refused("tts:hello", "may be played");
        refused("", "empty");
    }
}
