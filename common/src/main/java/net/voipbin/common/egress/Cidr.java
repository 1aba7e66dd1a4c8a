package net.voipbin.common.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block ({@code 10.0.0.0/8}, {@code fc00::/7}); a bare address is its own /32 or /128. */
public record Cidr(byte[] network, int prefixLength, String text) {

    public static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!address.matches("[0-9A-Fa-f:.]+")) {
            // InetAddress.getByName would resolve a name here: a block is always written as an address.
            throw new IllegalArgumentException("not an address block: " + text);
        }
        byte[] network;
        try {
            network = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address block: " + text, e);
        }
        int bits = network.length * 8;
        int prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix out of range: " + text);
        }
        return new Cidr(network, prefix, trimmed);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (candidate[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
