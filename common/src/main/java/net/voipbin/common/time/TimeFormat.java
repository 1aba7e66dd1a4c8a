package net.voipbin.common.time;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** API time format: ISO 8601 UTC with microseconds ({@code 2026-11-24T10:15:30.123456Z}). */
public final class TimeFormat {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private TimeFormat() {
    }

    /** The time as the API prints it; empty for "not yet" (proto has no null; JSON renders null). */
    public static String format(Instant time) {
        return time == null ? "" : FORMAT.format(time);
    }

    public static Instant parse(String value) {
        return value == null || value.isEmpty() ? null : Instant.parse(value);
    }

    /** Now, truncated to what DATETIME(6) stores, so a written value reads back equal. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
