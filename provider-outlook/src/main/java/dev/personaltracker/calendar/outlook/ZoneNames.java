package dev.personaltracker.calendar.outlook;

import dev.personaltracker.calendar.zone.WindowsZones;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Resolves the time-zone names Graph sends (Windows names such as {@code Pacific Standard Time}, IANA ids, and
 * Exchange's {@code tzone://Microsoft/Utc}) to {@link ZoneId}s through core's {@link WindowsZones} table.
 */
final class ZoneNames {

    private ZoneNames() {
    }

    /** @return the zone, empty if the name is blank or neither a known Windows name nor a zone id */
    static Optional<ZoneId> resolve(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        if (name.trim().equalsIgnoreCase("tzone://Microsoft/Utc")) {
            return Optional.of(ZoneOffset.UTC);
        }
        try {
            return Optional.of(WindowsZones.resolve(name));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
