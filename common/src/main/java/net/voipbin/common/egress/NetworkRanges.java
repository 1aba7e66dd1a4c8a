package net.voipbin.common.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The address blocks no request made on a customer's behalf may reach, and why. A customer controls the URL
 * (fetch, webhooks), so without this table our own services, the cloud's metadata endpoint and the operator's
 * private network would answer the internet through us (SSRF). IPv4-mapped and NAT64-less IPv6 forms are
 * judged as the IPv4 address they carry, so {@code ::ffff:127.0.0.1} is loopback too.
 */
public final class NetworkRanges {

    /** One blocked block and the reason a refusal names. */
    public record Blocked(Cidr block, String reason) {
    }

    static final List<Blocked> BLOCKED = List.of(
            blocked("0.0.0.0/8", "this-network (0.0.0.0/8)"),
            blocked("10.0.0.0/8", "private (RFC 1918)"),
            blocked("100.64.0.0/10", "carrier-grade NAT (RFC 6598)"),
            blocked("127.0.0.0/8", "loopback"),
            // 169.254.169.254 (cloud metadata) sits in this block.
            blocked("169.254.0.0/16", "link-local (cloud metadata)"),
            blocked("172.16.0.0/12", "private (RFC 1918)"),
            blocked("192.0.0.0/24", "IETF protocol assignments"),
            blocked("192.0.2.0/24", "documentation (TEST-NET-1)"),
            blocked("192.168.0.0/16", "private (RFC 1918)"),
            blocked("198.18.0.0/15", "benchmarking (RFC 2544)"),
            blocked("198.51.100.0/24", "documentation (TEST-NET-2)"),
            blocked("203.0.113.0/24", "documentation (TEST-NET-3)"),
            blocked("224.0.0.0/4", "multicast"),
            blocked("240.0.0.0/4", "reserved (and broadcast)"),
            blocked("::/128", "unspecified"),
            blocked("::1/128", "loopback"),
            blocked("64:ff9b:1::/48", "local-use NAT64"),
            blocked("100::/64", "discard-only"),
            blocked("2001:db8::/32", "documentation"),
            // fd00:ec2::254 (AWS metadata over IPv6) sits in this block.
            blocked("fc00::/7", "unique-local (cloud metadata)"),
            blocked("fe80::/10", "link-local"),
            blocked("fec0::/10", "site-local"),
            blocked("ff00::/8", "multicast"));

    private NetworkRanges() {
    }

    /** Why {@code address} must not be reached, or empty when it is a public address. */
    public static Optional<String> refusal(InetAddress address) {
        InetAddress judged = embeddedIpv4(address);
        for (Blocked b : BLOCKED) {
            if (b.block().contains(judged)) {
                return Optional.of(b.reason());
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}), IPv4-compatible or NAT64 address. */
    static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        boolean mapped = allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = allZero(b, 0, 12) && !allZero(b, 12, 16) && !(allZero(b, 12, 15) && b[15] == 1);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12);
        if (!mapped && !compatible && !nat64) {
            return address;
        }
        try {
            return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Blocked blocked(String cidr, String reason) {
        return new Blocked(Cidr.parse(cidr), reason);
    }
}
