package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.spi.CalendarAccess;
import dev.personaltracker.calendar.spi.CalendarInfo;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A CalDAV calendar collection as the server describes it: more than {@link CalendarInfo} carries (its colour and
 * whether it supports incremental sync).
 *
 * @param id  the collection's path on the server, such as {@code /dav/calendars/user/me@example.com/work/}, not blank
 * @param name  its display name ({@code DAV:displayname}), else the last path segment, not null
 * @param color  its colour ({@code calendar-color}, usually {@code #RRGGBB} or {@code #RRGGBBAA}), if set
 * @param access  what the account may do, from {@code current-user-privilege-set}: {@link CalendarAccess#WRITER}
 *                with write privileges, {@link CalendarAccess#READER} with read, {@link CalendarAccess#FREE_BUSY}
 *                with only {@code read-free-busy}, not null
 * @param zone  its time zone ({@code calendar-timezone}), if set and known
 * @param syncCollection  true if the collection supports the {@code sync-collection} report (RFC 6578)
 * @param owner  the absolute URL of the principal owning the collection ({@code DAV:owner}), if the server names
 *               one: for a calendar shared with the account, the sharer, whose {@code PARTSTAT} decides invitations
 */
public record CaldavCalendar(String id, String name, Optional<String> color, CalendarAccess access,
                             Optional<ZoneId> zone, boolean syncCollection, Optional<String> owner) {

    /**
     * A calendar whose owner is not known (treated as the account's own).
     *
     * @param id  the collection's path, not blank
     * @param name  its display name, not null
     * @param color  its colour, if set, not null
     * @param access  what the account may do, not null
     * @param zone  its time zone, if known, not null
     * @param syncCollection  true if it supports {@code sync-collection}
     * @throws IllegalArgumentException if the id is blank
     */
    public CaldavCalendar(String id, String name, Optional<String> color, CalendarAccess access,
                          Optional<ZoneId> zone, boolean syncCollection) {
        this(id, name, color, access, zone, syncCollection, Optional.empty());
    }

    /**
     * Validates the components.
     *
     * @param id  the collection's path, not blank
     * @param name  its display name, not null
     * @param color  its colour, if set, not null
     * @param access  what the account may do, not null
     * @param zone  its time zone, if known, not null
     * @param syncCollection  true if it supports {@code sync-collection}
     * @param owner  the owning principal's URL, if known, not null
     * @throws IllegalArgumentException if the id is blank
     */
    public CaldavCalendar {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(owner, "owner");
    }

    /**
     * Describes this calendar in the provider-neutral form.
     *
     * @param primary  whether it is the account's main calendar
     * @return the calendar info, not null
     */
    public CalendarInfo toInfo(boolean primary) {
        return new CalendarInfo(id, name, primary, access, zone);
    }
}
