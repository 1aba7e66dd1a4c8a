package net.voipbin.common.id;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import net.voipbin.common.error.Errors;

import java.util.UUID;

/** Resource ids: UUIDv7, so ids sort by creation time (cursor paging relies on it). */
public final class Ids {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {
    }

    public static UUID newId() {
        return GENERATOR.generate();
    }

    /** Parses a required id, failing with INVALID_ARGUMENT that names {@code field}. */
    public static UUID parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw Errors.invalidArgument(field, "is required");
        }
        try {
            UUID id = UUID.fromString(value.trim());
            if (!id.toString().equalsIgnoreCase(value.trim())) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw Errors.invalidArgument(field, "is not a UUID: " + value);
        }
    }

    /** Parses an optional id: empty means absent. */
    public static UUID parseOptional(String field, String value) {
        return value == null || value.isBlank() ? null : parse(field, value);
    }

    public static String format(UUID id) {
        return id == null ? "" : id.toString();
    }
}
