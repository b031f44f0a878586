package dev.personaltracker.calendar.time;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * ISO weeks (Monday 00:00 to the next Monday 00:00 in a zone) as instants, the windows a host plans in: a week is
 * 7 local days, so 167 or 169 hours in a week with a DST change.
 */
public final class Weeks {

    private Weeks() {
    }

    /**
     * Gets the ISO week that contains a local date.
     *
     * @param date  any day of the week, not null
     * @param zone  the zone whose Mondays bound the week, not null
     * @return the week, from its Monday's start to the next Monday's start, not null
     */
    public static Interval containing(LocalDate date, ZoneId zone) {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(zone, "zone");
        LocalDate monday = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return Interval.of(monday.atStartOfDay(zone).toInstant(), monday.plusWeeks(1).atStartOfDay(zone).toInstant());
    }

    /**
     * Gets the ISO week that contains an instant, in a zone.
     *
     * @param instant  the instant, not null
     * @param zone  the zone, not null
     * @return the week, not null
     */
    public static Interval containing(Instant instant, ZoneId zone) {
        Objects.requireNonNull(instant, "instant");
        return containing(instant.atZone(Objects.requireNonNull(zone, "zone")).toLocalDate(), zone);
    }

    /**
     * Gets this week, as a clock says, in a zone.
     *
     * @param clock  the clock, not null
     * @param zone  the zone, not null
     * @return the week containing the clock's now, not null
     */
    public static Interval current(Clock clock, ZoneId zone) {
        return containing(Objects.requireNonNull(clock, "clock").instant(), zone);
    }

    /**
     * Gets next week, as a clock says, in a zone: the week after the one containing the clock's now.
     *
     * @param clock  the clock, not null
     * @param zone  the zone, not null
     * @return next week, not null
     */
    public static Interval next(Clock clock, ZoneId zone) {
        LocalDate today = Objects.requireNonNull(clock, "clock").instant().atZone(Objects.requireNonNull(zone, "zone"))
                .toLocalDate();
        return containing(today.plusWeeks(1), zone);
    }
}
