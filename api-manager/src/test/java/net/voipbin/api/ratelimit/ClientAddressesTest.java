package net.voipbin.api.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClientAddressesTest {

    final ClientAddresses behindProxies = new ClientAddresses(List.of("10.0.0.0/8", "127.0.0.1/32", "2001:db8:ffff::/48"));
    final ClientAddresses noProxy = new ClientAddresses(List.of());

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertEquals("203.0.113.9", noProxy.clientKey("203.0.113.9", List.of("1.2.3.4")));
        assertEquals("203.0.113.9", noProxy.clientKey("203.0.113.9", List.of()));
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertEquals("198.51.100.7", behindProxies.clientKey("198.51.100.7", List.of("1.2.3.4, 10.0.0.1")));
    }

    @Test
    void theRightmostHopThatIsNoTrustedProxyIsTheClient() {
        assertEquals("198.51.100.7", behindProxies.clientKey("10.0.0.5", List.of("198.51.100.7")));
        // the client wrote the left part: rotating it changes nothing
        for (int i = 0; i < 50; i++) {
            assertEquals("198.51.100.7",
                    behindProxies.clientKey("10.0.0.5", List.of("192.0.2." + i + ", 198.51.100.7, 10.1.2.3")));
        }
        // several headers are one list, in order
        assertEquals("198.51.100.7", behindProxies.clientKey("10.0.0.5", List.of("6.6.6.6", "198.51.100.7", "10.9.9.9")));
    }

    @Test
    void onlyTrustedHopsThenTheLeftmostIsTheClient() {
        assertEquals("10.3.3.3", behindProxies.clientKey("127.0.0.1", List.of("10.3.3.3, 10.2.2.2")));
    }

    @Test
    void garbageStopsTheWalkAtTheLastTrustedHop() {
        assertEquals("10.0.0.5", behindProxies.clientKey("10.0.0.5", List.of("not-an-ip")));
        assertEquals("10.2.2.2", behindProxies.clientKey("10.0.0.5", List.of("evil, 10.2.2.2")));
        assertEquals("10.0.0.5", behindProxies.clientKey("10.0.0.5", List.of("example.com")));
        assertEquals("10.0.0.5", behindProxies.clientKey("10.0.0.5", List.of("999.1.1.1")));
    }

    @Test
    void ipv6ClientsAreKeyedByTheirSlash64() {
        assertEquals("2001:db8:1:2::/64", noProxy.clientKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd", List.of()));
        assertEquals("2001:db8:1:2::/64", noProxy.clientKey("2001:db8:1:2::1", List.of()));
        assertEquals("2001:db8:1:3::/64", noProxy.clientKey("2001:db8:1:3::1", List.of()));
        assertEquals("2001:db8:1:2::/64",
                behindProxies.clientKey("2001:db8:ffff::1", List.of("[2001:db8:1:2::99]")));
        // an IPv4-mapped address is its IPv4 client
        assertEquals("198.51.100.7", noProxy.clientKey("::ffff:198.51.100.7", List.of()));
        assertEquals("::/64", noProxy.clientKey("::1", List.of()));
    }

    @Test
    void aTrustedProxyIsWrittenAsABlock() {
        assertThrows(IllegalArgumentException.class, () -> new ClientAddresses(List.of("proxy.example.com")));
        assertThrows(IllegalArgumentException.class, () -> new ClientAddresses(List.of("10.0.0.0/33")));
    }
}
