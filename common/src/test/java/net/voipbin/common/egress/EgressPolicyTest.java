package net.voipbin.common.egress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The egress rule table: what a customer's URL may reach, and the reason a refusal names. */
class EgressPolicyTest {

    /** Names as an attacker would point them (DNS they control), plus one public name. */
    private static final Map<String, String> DNS = Map.of(
            "internal.attacker.example", "10.1.2.3",
            "metadata.attacker.example", "169.254.169.254",
            "six.attacker.example", "fd00:ec2::254",
            "hooks.customer.example", "93.184.216.34");

    private final EgressPolicy policy = new EgressPolicy(null, List.of(80, 443, 8080, 8443), List.of("127.0.0.1/32"),
            EgressPolicyTest::resolve);

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String address = DNS.get(host);
        if (address != null) {
            return new InetAddress[] {InetAddress.getByName(address)};
        }
        if (host.matches("[0-9a-fA-F:.]+")) {
            return InetAddress.getAllByName(host); // a literal: no lookup
        }
        throw new UnknownHostException(host);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.2:9000/                     | loopback",
            "http://[::1]/                              | loopback",
            "http://[::ffff:127.0.0.2]/                 | loopback",
            "http://2130706434/                         | loopback",
            "http://0.0.0.0/                            | this-network",
            "http://169.254.169.254/latest/meta-data/   | link-local (cloud metadata)",
            "http://metadata.attacker.example/          | link-local (cloud metadata)",
            "http://10.0.0.1/                           | private (RFC 1918)",
            "http://internal.attacker.example/          | private (RFC 1918)",
            "http://172.31.255.255/                     | private (RFC 1918)",
            "http://192.168.1.1/                        | private (RFC 1918)",
            "http://100.64.0.1/                         | carrier-grade NAT",
            "http://[fd00:ec2::254]/                    | unique-local",
            "http://six.attacker.example/               | unique-local",
            "http://[fe80::1]/                          | link-local",
            "http://224.0.0.1/                          | multicast",
            "http://255.255.255.255/                    | reserved (and broadcast)",
    })
    void anAddressOutsideThePublicInternetIsRefusedWithItsReason(String url, String reason) {
        EgressRefusedException refused = assertThrows(EgressRefusedException.class, () -> policy.check(url).await().indefinitely());
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ftp://hooks.customer.example/     | only http and https",
            "file:///etc/passwd                | only http and https",
            "gopher://hooks.customer.example/  | only http and https",
            "http:/relative                    | names no host",
            "''                                | empty",
            "http://user:pass@hooks.customer.example/ | credentials",
            "http://hooks.customer.example:22/ | port 22 is not allowed",
            "https://hooks.customer.example:6379/ | port 6379 is not allowed",
            "http://nowhere.example/           | does not resolve",
    })
    void aUrlOfTheWrongShapeIsRefused(String url, String reason) {
        EgressRefusedException refused = assertThrows(EgressRefusedException.class, () -> policy.check(url).await().indefinitely());
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    @Test
    void aPublicHostIsReachedAtTheAddressItWasCheckedAt() throws Exception {
        EgressTarget target = policy.check("https://hooks.customer.example/v1/hook?x=1").await().indefinitely();
        assertEquals(InetAddress.getByName("93.184.216.34"), target.address());
        assertEquals("hooks.customer.example", target.host());
        assertEquals(443, target.port());
        assertTrue(target.ssl());
        assertEquals("/v1/hook?x=1", target.requestUri());
        assertEquals(8080, policy.check("http://hooks.customer.example:8080").await().indefinitely().port());
        assertEquals("/", policy.check("http://hooks.customer.example:8080").await().indefinitely().requestUri());
    }

    @Test
    void anAllowedNetworkIsReachableOnAnyPortButOnlyThatNetwork() {
        EgressTarget local = policy.resolve(URI.create("http://127.0.0.1:41234/hook"));
        assertEquals(41234, local.port());
        assertThrows(EgressRefusedException.class, () -> policy.resolve(URI.create("http://127.0.0.2:41234/hook")));
    }

    @Test
    void aBlockIsWrittenAsAnAddressNeverAName() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("localhost/8"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        Cidr block = Cidr.parse("172.16.0.0/12");
        assertTrue(block.contains(address("172.31.0.1")));
        assertTrue(!block.contains(address("172.32.0.1")));
        assertTrue(!block.contains(address("::1")));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
