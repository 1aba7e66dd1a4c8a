package net.voipbin.call.service;

import net.voipbin.proto.common.v1.Address;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which sources claim a phone number, whatever their type (the part of the toll-fraud rules that needs no database). */
class SourceResolverTest {

    private static Address address(String type, String target) {
        return Address.newBuilder().setType(type).setTarget(target).build();
    }

    @Test
    void aSourceClaimsANumberByTypeOrByItsShape() {
        assertEquals("+14155550100", SourceResolver.callerNumber(address("tel", "+14155550100")));
        assertEquals("anonymous", SourceResolver.callerNumber(address("tel", "anonymous")), "a tel source is always checked");
        assertEquals("+14155550100", SourceResolver.callerNumber(address("sip", "sip:+14155550100@example.com")));
        assertEquals("+14155550100", SourceResolver.callerNumber(address("sip", "+14155550100@example.com")));
        assertEquals("+14155550100", SourceResolver.callerNumber(address("line", "+14155550100")));
        assertNull(SourceResolver.callerNumber(address("sip", "sip:alice@example.com")));
        assertNull(SourceResolver.callerNumber(address("extension", "1001")));
    }

    @Test
    void theUserPartOfASipUri() {
        assertEquals("1001", SourceResolver.sipUser("sip:1001@host"));
        assertEquals("+1555", SourceResolver.sipUser("SIPS:+1555@host;transport=tls"));
        assertNull(SourceResolver.sipUser("host-only"));
    }

    @Test
    void inventoryFeaturesAreTheContractsOnly() {
        assertEquals(List.of("voice"), AvailableNumberService.features(List.of()));
        assertEquals(List.of("sms", "voice"), AvailableNumberService.features(List.of(" SMS", "voice", "sms")));
        assertThrows(RuntimeException.class, () -> AvailableNumberService.features(List.of("teleport")));
    }
}
