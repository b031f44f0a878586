package dev.personaltracker.calendar.ics.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * An iCalendar DATE or DATE-TIME value with its zone resolved: an all-day {@link Day} (read as a local day in the
 * person's zone) or a {@link Moment} (UTC, a TZID zone, or, for a floating time, the person's zone).
 */
sealed interface IcsTime permits IcsTime.Day, IcsTime.Moment {

    DateTimeFormatter UTC_BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    DateTimeFormatter DATE_BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    /**
     * @param personZone  the zone all-day dates are read in
     * @return the instant this value starts at
     */
    Instant instant(ZoneId personZone);

    /** @return the value as a recurrence id: {@code yyyyMMdd} for a day, {@code yyyyMMddTHHmmssZ} (UTC) otherwise */
    String recurrenceId();

    /** An all-day date. */
    record Day(LocalDate date) implements IcsTime {
        @Override
        public Instant instant(ZoneId personZone) {
            return date.atStartOfDay(personZone).toInstant();
        }

        @Override
        public String recurrenceId() {
            return date.format(DATE_BASIC);
        }
    }

    /**
     * A point in time with the zone its local time belongs to (recurrences keep that local time across DST).
     *
     * @param time  the instant in its zone
     * @param local  the local time as written, which differs from {@code time}'s in a DST gap (02:30 written,
     *     03:30 meant): a series recurs at the written time
     */
    record Moment(ZonedDateTime time, LocalDateTime local) implements IcsTime {

        /** @param time  the instant in its zone, written as its own local time */
        Moment(ZonedDateTime time) {
            this(time, time.toLocalDateTime());
        }

        @Override
        public Instant instant(ZoneId personZone) {
            return time.toInstant();
        }

        @Override
        public String recurrenceId() {
            return UTC_BASIC.format(time.toInstant());
        }
    }
}
