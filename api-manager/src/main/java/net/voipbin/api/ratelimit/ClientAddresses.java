package net.voipbin.api.ratelimit;

import net.voipbin.common.egress.Cidr;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client a request's limits are keyed by. The peer address is the client unless it is one of the trusted
 * proxies ({@code voipbin.api.rate-limit.trusted-proxies}); then {@code X-Forwarded-For} is read from the right,
 * where each trusted proxy appended the address it saw, and the first hop that is not a trusted proxy is the
 * client. Everything left of it was written by that client and is never believed: rotating the first entry
 * changes nothing. An IPv6 client is keyed by its /64 (one subscriber's allocation; keying single addresses
 * would give every host 2^64 buckets).
 */
public final class ClientAddresses {

    private final List<Cidr> trustedProxies;

    public ClientAddresses(List<String> trustedProxies) {
        List<Cidr> parsed = new ArrayList<>();
        for (String block : trustedProxies) {
            if (!block.isBlank()) {
                parsed.add(Cidr.parse(block));
            }
        }
        this.trustedProxies = List.copyOf(parsed);
    }

    /**
     * The key of the client behind {@code peer} (the TCP peer's address text) given every {@code X-Forwarded-For}
     * header value in arrival order; {@code "unknown"} without a peer.
     */
    public String clientKey(String peer, List<String> forwardedFor) {
        InetAddress hop = parse(peer);
        if (hop == null) {
            return peer == null || peer.isBlank() ? "unknown" : peer;
        }
        if (trusted(hop) && forwardedFor != null && !forwardedFor.isEmpty()) {
            List<String> hops = new ArrayList<>();
            for (String header : forwardedFor) {
                for (String entry : header.split(",")) {
                    hops.add(entry.trim());
                }
            }
            for (int i = hops.size() - 1; i >= 0 && trusted(hop); i--) {
                InetAddress next = parse(hops.get(i));
                if (next == null) {
                    // Not an address: nobody we trust wrote it, so the last trusted hop is all we know.
                    break;
                }
                hop = next;
            }
        }
        return key(hop);
    }

    boolean trusted(InetAddress address) {
        for (Cidr block : trustedProxies) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** IPv4 as written; IPv4-mapped IPv6 as its IPv4; other IPv6 as its /64 ({@code 2001:db8:1:2::/64}). */
    static String key(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        byte[] prefix = new byte[16];
        System.arraycopy(b, 0, prefix, 0, 8);
        try {
            String text = InetAddress.getByAddress(prefix).getHostAddress();
            return compress(text) + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code 2001:db8:1:2:0:0:0:0} → {@code 2001:db8:1:2::}. */
    private static String compress(String full) {
        String[] groups = full.split(":");
        int keep = groups.length;
        while (keep > 0 && groups[keep - 1].equals("0")) {
            keep--;
        }
        if (keep == groups.length) {
            return full;
        }
        return String.join(":", java.util.Arrays.copyOf(groups, keep)) + "::";
    }

    /** A literal IPv4 or IPv6 address (brackets and a zone id allowed), never a name lookup; else null. */
    static InetAddress parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.startsWith("[") && t.contains("]")) {
            t = t.substring(1, t.indexOf(']'));
        }
        int zone = t.indexOf('%');
        if (zone >= 0) {
            t = t.substring(0, zone);
        }
        boolean ipv4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = t.contains(":") && t.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            InetAddress address = InetAddress.getByName(t);
            if (address instanceof Inet6Address) {
                byte[] b = address.getAddress();
                boolean mapped = true;
                for (int i = 0; i < 10; i++) {
                    mapped &= b[i] == 0;
                }
                if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                }
            }
            return address;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
