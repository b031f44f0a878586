package dev.personaltracker.calendar.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Recurring wall-clock hours per weekday in one zone, for example Monday to Friday 09:00-17:00 Europe/Berlin.
 * <p>
 * Local times resolve exactly as {@link ZonedDateTime#of(LocalDate, LocalTime, ZoneId)} resolves them:
 * a time in a DST gap moves forward by the gap's length, a time in an overlap takes the earlier offset.
 * <p>
 * This class is immutable and thread-safe.
 */
public final class WeeklyHours {

    private final ZoneId zone;
    private final List<Range> ranges;

    private record Range(DayOfWeek day, LocalTime from, LocalTime to) {
        /** true if the range ends on the next local day (to == MIDNIGHT means 24:00 of the same day) */
        boolean crossesMidnight() {
            return to.equals(LocalTime.MIDNIGHT) || to.isBefore(from);
        }
    }

    private WeeklyHours(ZoneId zone, List<Range> ranges) {
        this.zone = zone;
        this.ranges = List.copyOf(ranges);
    }

    /**
     * Starts building weekly hours in the given zone.
     *
     * @param zone  the zone the wall-clock times are in, not null
     * @return a new builder, not null
     */
    public static Builder builder(ZoneId zone) {
        return new Builder(Objects.requireNonNull(zone, "zone"));
    }

    /** @return the zone the wall-clock times are read in, not null */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Obtains these hours inside a window, as instants.
     *
     * @param window  the window, not null
     * @return the hours that fall inside the window, clipped to it, not null
     */
    public IntervalSet within(Interval window) {
        Objects.requireNonNull(window, "window");
        // start a day early so that a range that began the day before still counts
        LocalDate first = window.start().atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = window.end().atZone(zone).toLocalDate();
        List<Interval> out = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (Range r : ranges) {
                if (r.day != d.getDayOfWeek()) {
                    continue;
                }
                var s = ZonedDateTime.of(d, r.from, zone).toInstant();
                var e = ZonedDateTime.of(r.crossesMidnight() ? d.plusDays(1) : d, r.to, zone).toInstant();
                if (s.isBefore(e)) {
                    Interval.of(s, e).intersection(window).ifPresent(out::add);
                }
            }
        }
        return IntervalSet.of(out);
    }

    @Override
    public String toString() {
        return "WeeklyHours" + ranges + " in " + zone;
    }

    /** A mutable, single-thread builder of {@link WeeklyHours}. */
    public static final class Builder {
        private final ZoneId zone;
        private final List<Range> ranges = new ArrayList<>();

        private Builder(ZoneId zone) {
            this.zone = zone;
        }

        /**
         * Adds a range of hours on one weekday.
         * {@code to == LocalTime.MIDNIGHT} ends at 24:00 of that day; otherwise {@code to} before
         * {@code from} runs past midnight into the next day (22:00-02:00).
         *
         * @param day  the weekday the range starts on, not null
         * @param from  the local start time, not null
         * @param to  the local end time, not null, not equal to {@code from}
         * @return this builder
         * @throws IllegalArgumentException if {@code to} equals {@code from}
         */
        public Builder add(DayOfWeek day, LocalTime from, LocalTime to) {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.equals(from)) {
                throw new IllegalArgumentException("WeeklyHours range on " + day + " must not start and end at the same time, but from=to="
                        + from + " (use 00:00 to LocalTime.MIDNIGHT for a whole day)");
            }
            ranges.add(new Range(day, from, to));
            return this;
        }

        /** @return the weekly hours, not null */
        public WeeklyHours build() {
            return new WeeklyHours(zone, ranges);
        }
    }
}
