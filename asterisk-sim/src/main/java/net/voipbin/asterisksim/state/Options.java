package net.voipbin.asterisksim.state;

import net.voipbin.asterisksim.model.AriException;

import java.util.List;
import java.util.Map;

/** Reading ARI request parameters (query or JSON body, merged by the REST layer) and endpoint strings. */
final class Options {
    private Options() {
    }

    static String str(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> l) {
            return l.isEmpty() ? null : String.valueOf(l.get(0));
        }
        return String.valueOf(v);
    }

    static long parseLong(String v, String name) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new AriException(400, "Invalid " + name);
        }
    }

    static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static List<String> splitArgs(String appArgs) {
        if (appArgs == null || appArgs.isEmpty()) {
            return List.of();
        }
        return List.of(appArgs.split(",", -1));
    }

    /** {@code PJSIP/+15551234567@trunk}, {@code PJSIP/call-out/sip:+1555@host:5060} → {@code +15551234567}. */
    static String endpointNumber(String endpoint) {
        String r = endpoint.substring(endpoint.lastIndexOf('/') + 1);
        if (r.startsWith("sip:")) {
            r = r.substring(4);
        } else if (r.startsWith("sips:")) {
            r = r.substring(5);
        }
        int at = r.indexOf('@');
        if (at >= 0) {
            r = r.substring(0, at);
        }
        int semi = r.indexOf(';');
        return semi >= 0 ? r.substring(0, semi) : r;
    }

    /** {@code PJSIP/call-out/sip:+1555@pstn-a;transport=udp} → {@code pstn-a}; null without a host. */
    static String endpointHost(String endpoint) {
        String r = endpoint.substring(endpoint.lastIndexOf('/') + 1);
        int at = r.indexOf('@');
        if (at < 0) {
            return null;
        }
        r = r.substring(at + 1);
        int end = r.length();
        for (char c : new char[]{';', ':', '>'}) {
            int i = r.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return r.substring(0, end);
    }
}
