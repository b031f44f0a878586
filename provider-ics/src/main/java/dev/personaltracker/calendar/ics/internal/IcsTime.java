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
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the instants whose ids have four-digit years. */
    long FIRST_SECOND_OF_0000 = -62_167_219_200L;
    long LAST_SECOND_OF_9999 = 253_402_300_799L;

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
            int y = date.getYear();
            if (y < 0 || y > 9999) {
                return date.format(DATE_BASIC);
            }
            StringBuilder b = new StringBuilder(8);
            return digits(digits(digits(b, y, 4), date.getMonthValue(), 2), date.getDayOfMonth(), 2).toString();
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
            long second = time.toEpochSecond();
            if (second < FIRST_SECOND_OF_0000 || second > LAST_SECOND_OF_9999) {
                return UTC_BASIC.format(time.toInstant());
            }
            // one id per instance of every series: written by hand, as UTC_BASIC would, for speed
            LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
            StringBuilder b = new StringBuilder(16);
            digits(digits(digits(b, t.getYear(), 4), t.getMonthValue(), 2), t.getDayOfMonth(), 2).append('T');
            return digits(digits(digits(b, t.getHour(), 2), t.getMinute(), 2), t.getSecond(), 2).append('Z')
                    .toString();
        }
    }

    /** Appends {@code value} (0 to 9999 for width 4, 0 to 99 for width 2) with leading zeros. */
    private static StringBuilder digits(StringBuilder b, int value, int width) {
        for (int scale = width == 4 ? 1000 : 10; scale > 0; scale /= 10) {
            b.append((char) ('0' + value / scale % 10));
        }
        return b;
    }
}
