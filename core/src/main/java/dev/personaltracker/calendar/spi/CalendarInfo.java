package dev.personaltracker.calendar.spi;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A calendar an account can see.
 *
 * @param id  the provider's calendar id, not blank
 * @param name  a display name, not null
 * @param primary  true for the account's main calendar
 * @param access  what the account may do with it, not null
 * @param zone  the calendar's time zone, if the provider says
 */
public record CalendarInfo(String id, String name, boolean primary, CalendarAccess access, Optional<ZoneId> zone) {

    /**
     * Validates the components.
     *
     * @param id  the provider's calendar id, not blank
     * @param name  a display name, not null
     * @param primary  true for the account's main calendar
     * @param access  what the account may do with it, not null
     * @param zone  the calendar's time zone, if the provider says
     */
    public CalendarInfo {
        Require.nonBlank(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(zone, "zone");
    }

    /** @return true if study sessions can be written to this calendar */
    public boolean writable() {
        return access == CalendarAccess.OWNER || access == CalendarAccess.WRITER;
    }
}
