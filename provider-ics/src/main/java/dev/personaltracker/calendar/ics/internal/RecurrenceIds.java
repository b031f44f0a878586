package dev.personaltracker.calendar.ics.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Set;

/**
 * The EXDATEs or RECURRENCE-IDs of one series, to match its occurrences against, tolerant of DATE / DATE-TIME
 * mismatches and of floating values on a zoned series.
 */
final class RecurrenceIds {
    private final ZoneId personZone;
    private final Set<Instant> instants = new HashSet<>();
    private final Set<LocalDate> allDayIds = new HashSet<>();
    /** DATE ids on a timed series: they name every instance on that local date. */
    private final Set<LocalDate> days = new HashSet<>();
    /** floating DATE-TIME ids on a timed series: they name the instance at that local time in its own zone. */
    private final Set<LocalDateTime> locals = new HashSet<>();

    RecurrenceIds(ZoneId personZone) {
        this.personZone = personZone;
    }

    /**
     * @param t  an EXDATE or RECURRENCE-ID value
     * @param seriesAllDay  true if the series is all-day
     * @param noTzid  true if the value had no TZID parameter (floating, unless written in UTC)
     */
    void add(IcsTime t, boolean seriesAllDay, boolean noTzid) {
        if (t instanceof IcsTime.Moment m) {
            if (seriesAllDay) {
                allDayIds.add(m.time().withZoneSameInstant(personZone).toLocalDate());
            } else if (noTzid && !m.time().getZone().equals(ZoneOffset.UTC)) {
                locals.add(m.local());
            } else {
                instants.add(m.time().toInstant());
            }
        } else if (seriesAllDay) {
            allDayIds.add(((IcsTime.Day) t).date());
        } else {
            days.add(((IcsTime.Day) t).date());
        }
    }

    boolean contains(IcsTime occurrence) {
        if (occurrence instanceof IcsTime.Day d) {
            return allDayIds.contains(d.date());
        }
        ZonedDateTime t = ((IcsTime.Moment) occurrence).time();
        return (!instants.isEmpty() && instants.contains(t.toInstant()))
                || (!days.isEmpty() && days.contains(t.toLocalDate()))
                || (!locals.isEmpty() && locals.contains(((IcsTime.Moment) occurrence).local()));
    }
}
