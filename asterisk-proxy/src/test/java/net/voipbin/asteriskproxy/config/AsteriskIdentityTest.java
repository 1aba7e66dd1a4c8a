package net.voipbin.asteriskproxy.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without a configured id the proxy takes a MAC address, formatted as Asterisk's default entity id. */
class AsteriskIdentityTest {

    @Test
    void fallsBackToAMacAddressOfThisHost() {
        String id = AsteriskIdentity.macAddress("no-such-interface");
        assertTrue(id.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"), id);
    }
}
