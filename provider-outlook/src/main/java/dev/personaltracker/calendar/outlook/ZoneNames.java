package dev.personaltracker.calendar.outlook;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Resolves the time-zone names Graph sends (Windows names such as {@code Pacific Standard Time}, or IANA ids) to
 * {@link ZoneId}s through core's {@code WindowsZones} table.
 */
final class ZoneNames {

    private static final Method RESOLVE = findResolve();

    private ZoneNames() {
    }

    /** @return the zone, empty if the name is neither a known Windows name nor an IANA id */
    static Optional<ZoneId> resolve(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        if (name.equalsIgnoreCase("UTC") || name.equalsIgnoreCase("tzone://Microsoft/Utc")) {
            return Optional.of(ZoneOffset.UTC);
        }
        if (RESOLVE != null) {
            try {
                return Optional.of((ZoneId) RESOLVE.invoke(null, name));
            } catch (InvocationTargetException | IllegalAccessException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(ZoneId.of(name));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    // TEMPORARY until core's zone.WindowsZones lands on main: then this becomes a direct call.
    private static Method findResolve() {
        try {
            return Class.forName("dev.personaltracker.calendar.zone.WindowsZones").getMethod("resolve", String.class);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
