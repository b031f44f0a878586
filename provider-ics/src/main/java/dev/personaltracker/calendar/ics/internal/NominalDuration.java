package dev.personaltracker.calendar.ics.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.time.temporal.TemporalUnit;
import java.time.temporal.UnsupportedTemporalTypeException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An iCalendar DURATION value (RFC 5545 3.3.6) read as the RFC means it: weeks and days are nominal (a day over the
 * DST change is 23 or 25 hours), hours, minutes and seconds exact, the days added first. ical4j reads
 * {@code P1DT2H} as 26 exact hours; {@link #parse} gives a {@link Period} for days only, a {@link Duration} for a
 * time only, and this amount for both.
 *
 * @param days  the nominal part
 * @param time  the exact part
 */
record NominalDuration(Period days, Duration time) implements TemporalAmount {

    private static final Pattern DURATION = Pattern.compile(
            "([+-])?P(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");

    /**
     * @param text  a DURATION value, such as {@code PT1H}, {@code P1D}, {@code -P1DT2H}, {@code P2W}
     * @return a {@link Period} (weeks and days only), a {@link Duration} (time only) or a {@link NominalDuration}
     * @throws DateTimeException if the text is no DURATION
     */
    static TemporalAmount parse(String text) {
        Matcher m = DURATION.matcher(text.strip().toUpperCase(Locale.ROOT));
        if (!m.matches() || text.strip().endsWith("T")) {
            throw new DateTimeException("not an iCalendar DURATION");
        }
        int sign = "-".equals(m.group(1)) ? -1 : 1;
        boolean hasDays = m.group(2) != null || m.group(3) != null;
        boolean hasTime = m.group(4) != null || m.group(5) != null || m.group(6) != null;
        if (!hasDays && !hasTime) {
            throw new DateTimeException("an iCalendar DURATION without a value");
        }
        Period days = Period.ofDays(Math.multiplyExact(sign, Math.addExact(Math.multiplyExact(7, number(m, 2)),
                number(m, 3))));
        Duration time = Duration.ofHours(number(m, 4)).plusMinutes(number(m, 5)).plusSeconds(number(m, 6))
                .multipliedBy(sign);
        if (!hasTime) {
            return days;
        }
        return hasDays ? new NominalDuration(days, time) : time;
    }

    private static int number(Matcher m, int group) {
        return m.group(group) == null ? 0 : Integer.parseInt(m.group(group));
    }

    /** @return true if the amount goes backwards */
    boolean isNegative() {
        return days.isNegative() || time.isNegative();
    }

    /** @return the length as whole days, for an all-day event (the time part rounded down) */
    Period asDays() {
        return Period.ofDays(Math.toIntExact(days.getDays() + time.toDays()));
    }

    @Override
    public long get(TemporalUnit unit) {
        if (unit == ChronoUnit.DAYS) {
            return days.getDays();
        }
        if (unit == ChronoUnit.SECONDS) {
            return time.getSeconds();
        }
        throw new UnsupportedTemporalTypeException("unit " + unit);
    }

    @Override
    public List<TemporalUnit> getUnits() {
        return List.of(ChronoUnit.DAYS, ChronoUnit.SECONDS);
    }

    @Override
    public Temporal addTo(Temporal temporal) {
        return temporal.plus(days).plus(time);
    }

    @Override
    public Temporal subtractFrom(Temporal temporal) {
        return temporal.minus(time).minus(days);
    }
}
