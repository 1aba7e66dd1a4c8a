package net.voipbin.asteriskproxy.config;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The id of the Asterisk this proxy fronts: configured, or else the MAC address of
 * {@code asterisk-proxy.interface-name} (lowercase, colon-separated), as the reference does;
 * Asterisk's default entity id is that MAC, so it matches the {@code asterisk_id} of its events.
 */
@ApplicationScoped
public class AsteriskIdentity {

    private final String id;

    public AsteriskIdentity(AsteriskProxyConfig config) {
        this.id = config.asteriskId().filter(s -> !s.isBlank())
                .orElseGet(() -> macAddress(config.interfaceName()));
    }

    public String id() {
        return id;
    }

    public static String macAddress(String interfaceName) {
        try {
            NetworkInterface named = NetworkInterface.getByName(interfaceName);
            if (named != null && named.getHardwareAddress() != null) {
                return format(named.getHardwareAddress());
            }
            for (NetworkInterface candidate : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!candidate.isLoopback() && candidate.getHardwareAddress() != null
                        && candidate.getHardwareAddress().length == 6) {
                    return format(candidate.getHardwareAddress());
                }
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot read network interfaces for the Asterisk id", e);
        }
        throw new IllegalStateException("no asterisk-proxy.asterisk-id configured and no interface with a MAC address");
    }

    private static String format(byte[] mac) {
        return HexFormat.ofDelimiter(":").formatHex(mac).toLowerCase(Locale.ROOT);
    }
}
