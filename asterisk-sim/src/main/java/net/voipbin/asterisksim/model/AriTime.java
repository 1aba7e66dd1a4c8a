package net.voipbin.asterisksim.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** ARI's time format ({@code 2026-11-24T10:15:30.123+0000}). */
public final class AriTime {
    public static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private AriTime() {
    }

    public static String now() {
        return FORMAT.format(Instant.now());
    }
}
