package dev.personaltracker.calendar.time;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Recurring wall-clock hours per weekday in one zone, for example Monday to Friday 09:00-17:00 Europe/Berlin.
 * <p>
 * The hours are a set of {@linkplain Range ranges}, each on one weekday; a day may hold several ranges,
 * and a range may run past midnight into the next day (22:00-02:00). {@link LocalTime#MIDNIGHT} as the end
 * of a range means 24:00, the end of its day, so 00:00-MIDNIGHT is the whole day.
 * <p>
 * {@link #within(Interval)} turns the hours into instants. Each range is resolved on each date it recurs on:
 * its start as {@code ZonedDateTime.of(date, from, zone)} and its end as
 * {@code ZonedDateTime.of(endDate, to, zone)}, where {@code endDate} is the next day when the range ends at
 * {@code MIDNIGHT} or runs past midnight, else the same date. So exactly as {@link ZonedDateTime#of} resolves:
 * <ul>
 * <li>a local time in a DST gap moves forward by the length of the gap (02:30 on a spring-forward day in
 *     Europe/Berlin is 03:30 CEST), so a 09:00-17:00 range is still 8 hours long unless it spans the change;</li>
 * <li>a local time in a DST overlap takes the earlier offset (02:30 on an autumn day in Europe/Berlin is
 *     02:30 CEST, the first of the two), so a range across the change is an hour longer;</li>
 * <li>a range whose resolved end is not after its resolved start (possible only when its times fall into a
 *     gap, for example 02:30-03:00 on a spring-forward day in Europe/Berlin) holds nothing on that date.</li>
 * </ul>
 * A range that began before a window and is still running inside it counts for its part inside the window.
 * <p>
 * This class is immutable and thread-safe.
 */
public final class WeeklyHours {

    /** Sorted by day, then from, then to; no duplicates. */
    private static final Comparator<Range> ORDER = Comparator.comparing(Range::day)
            .thenComparing(Range::from)
            .thenComparing(r -> r.to().equals(LocalTime.MIDNIGHT) ? LocalTime.MAX : r.to())
            .thenComparing(Range::to);

    private final ZoneId zone;
    private final List<Range> ranges;
    private final Map<DayOfWeek, List<Range>> byDay;

    private WeeklyHours(ZoneId zone, Set<Range> ranges) {
        this.zone = zone;
        this.ranges = List.copyOf(ranges);
        Map<DayOfWeek, List<Range>> map = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            map.put(day, this.ranges.stream().filter(r -> r.day() == day).collect(Collectors.toUnmodifiableList()));
        }
        this.byDay = map;
    }

    /**
     * Starts building weekly hours in the given zone.
     *
     * @param zone  the zone the wall-clock times are read in, not null
     * @return a new builder with no ranges, not null
     */
    public static Builder builder(ZoneId zone) {
        return new Builder(Objects.requireNonNull(zone, "zone"));
    }

    //-----------------------------------------------------------------------
    /**
     * Gets the zone the wall-clock times are read in.
     *
     * @return the zone, not null
     */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Gets all ranges, sorted by weekday, then start, then end; duplicates added twice appear once.
     *
     * @return the ranges, unmodifiable, not null
     */
    public List<Range> ranges() {
        return ranges;
    }

    /**
     * Gets the ranges that start on one weekday, sorted by start, then end.
     * A range that runs past midnight is listed under the day it starts on.
     *
     * @param day  the weekday, not null
     * @return the ranges starting on {@code day}, unmodifiable, empty if none, not null
     */
    public List<Range> ranges(DayOfWeek day) {
        return byDay.get(Objects.requireNonNull(day, "day"));
    }

    /**
     * Checks if these hours hold no range at all.
     *
     * @return true if there is no range, so that {@link #within(Interval)} is always empty
     */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /**
     * Obtains these hours inside a window, as instants.
     * <p>
     * Each range is resolved on every date it recurs on, as the class documentation describes, and clipped
     * to the window; a range that began before the window (for example the day before, running past
     * midnight) counts for its part inside the window. Overlapping or touching results coalesce. Runs in
     * time linear in the number of days in the window.
     *
     * @param window  the window, not null
     * @return the hours that fall inside the window, clipped to it, not null
     * @throws java.time.DateTimeException if the window reaches beyond the dates {@link LocalDate} supports
     */
    public IntervalSet within(Interval window) {
        Objects.requireNonNull(window, "window");
        if (ranges.isEmpty()) {
            return IntervalSet.empty();
        }
        // Two days early: a range from the day before runs into the window, and a DST gap at midnight can push
        // the end of a range from two days before past midnight too. One day late: in an overlap across
        // midnight, the window's end can have the earlier local date while the next date has already begun.
        LocalDate first = window.start().atZone(zone).toLocalDate().minusDays(2);
        LocalDate last = window.end().atZone(zone).toLocalDate().plusDays(1);
        List<Interval> out = new ArrayList<>();
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            for (Range r : byDay.get(date.getDayOfWeek())) {
                Instant s = ZonedDateTime.of(date, r.from(), zone).toInstant();
                Instant e = ZonedDateTime.of(r.endsNextDay() ? date.plusDays(1) : date, r.to(), zone).toInstant();
                if (s.isBefore(e)) {
                    Interval.of(s, e).intersection(window).ifPresent(out::add);
                }
            }
        }
        return IntervalSet.of(out);
    }

    //-----------------------------------------------------------------------
    /**
     * Checks if these hours equal another object: the same zone and the same ranges, in any order of adding.
     * <p>
     * Ranges are compared as given, not by the instants they cover: 09:00-12:00 plus 12:00-17:00 is not
     * equal to 09:00-17:00, although both cover the same hours.
     *
     * @param obj  the object to compare to, null returns false
     * @return true if {@code obj} is weekly hours with the same zone and ranges
     */
    @Override
    public boolean equals(Object obj) {
        return obj == this
                || (obj instanceof WeeklyHours other && zone.equals(other.zone) && ranges.equals(other.ranges));
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * zone.hashCode() + ranges.hashCode();
    }

    /**
     * Returns the ranges and the zone as text, for example
     * {@code WeeklyHours[MONDAY 09:00-17:00, FRIDAY 22:00-02:00] in Europe/Berlin}.
     *
     * @return the text, not null
     */
    @Override
    public String toString() {
        return "WeeklyHours" + ranges + " in " + zone;
    }

    //-----------------------------------------------------------------------
    /**
     * One range of wall-clock hours that starts on a weekday.
     * <p>
     * {@code to} equal to {@link LocalTime#MIDNIGHT} ends the range at 24:00 of its day; otherwise {@code to}
     * before {@code from} runs past midnight into the next day. This record is immutable and thread-safe.
     *
     * @param day  the weekday the range starts on, not null
     * @param from  the local start time, inclusive, not null
     * @param to  the local end time, exclusive, not null, not equal to {@code from} unless both are 00:00
     *  (which is the whole day)
     */
    public record Range(DayOfWeek day, LocalTime from, LocalTime to) {

        /**
         * Creates a range, validating it.
         *
         * @param day  the weekday the range starts on, not null
         * @param from  the local start time, inclusive, not null
         * @param to  the local end time, exclusive, not null
         * @throws NullPointerException if any component is null
         * @throws IllegalArgumentException if {@code to} equals {@code from} and is not {@code MIDNIGHT}
         */
        public Range {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.equals(from) && !to.equals(LocalTime.MIDNIGHT)) {
                throw new IllegalArgumentException("WeeklyHours range on " + day + " must not start and end at the same time,"
                        + " but from=" + from + " and to=" + to + " (for the whole day use 00:00 to LocalTime.MIDNIGHT)");
            }
        }

        /**
         * Checks if this range ends on the day after it starts: it ends at {@code MIDNIGHT} (24:00) or
         * runs past midnight.
         *
         * @return true if the end is resolved on the next date
         */
        public boolean endsNextDay() {
            return to.equals(LocalTime.MIDNIGHT) || to.isBefore(from);
        }

        /**
         * Gets the wall-clock length of this range, ignoring DST changes.
         *
         * @return the length, more than zero and at most 24 hours, not null
         */
        public Duration wallClockLength() {
            Duration d = Duration.between(from, to);
            return endsNextDay() ? d.plusDays(1) : d;
        }

        /**
         * Returns the range as text, for example {@code MONDAY 09:00-17:00} or {@code FRIDAY 22:00-24:00}.
         *
         * @return the text, not null
         */
        @Override
        public String toString() {
            return day + " " + from + "-" + (to.equals(LocalTime.MIDNIGHT) ? "24:00" : to.toString());
        }
    }

    //-----------------------------------------------------------------------
    /**
     * A builder of {@link WeeklyHours}. Mutable and not thread-safe; what it builds is immutable.
     */
    public static final class Builder {
        private final ZoneId zone;
        private final Set<Range> ranges = new TreeSet<>(ORDER);

        private Builder(ZoneId zone) {
            this.zone = zone;
        }

        /**
         * Adds a range of hours on one weekday.
         * {@code to == LocalTime.MIDNIGHT} ends at 24:00 of that day; otherwise {@code to} before
         * {@code from} runs past midnight into the next day (22:00-02:00). 00:00 to {@code MIDNIGHT} is
         * the whole day.
         *
         * @param day  the weekday the range starts on, not null
         * @param from  the local start time, not null
         * @param to  the local end time, not null, not equal to {@code from} unless it is {@code MIDNIGHT}
         * @return this builder
         * @throws NullPointerException if an argument is null; the message names it
         * @throws IllegalArgumentException if {@code to} equals {@code from} and is not {@code MIDNIGHT};
         *  the message names the day and both times
         */
        public Builder add(DayOfWeek day, LocalTime from, LocalTime to) {
            ranges.add(new Range(day, from, to));
            return this;
        }

        /**
         * Adds the same range of hours on several weekdays.
         *
         * @param days  the weekdays, not null, no null element
         * @param from  the local start time, not null
         * @param to  the local end time, not null, as for {@link #add(DayOfWeek, LocalTime, LocalTime)}
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException as for {@link #add(DayOfWeek, LocalTime, LocalTime)}
         */
        public Builder addDays(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
            Objects.requireNonNull(days, "days");
            for (DayOfWeek day : days) {
                add(day, from, to);
            }
            return this;
        }

        /**
         * Adds the same range of hours on Monday to Friday.
         *
         * @param from  the local start time, not null
         * @param to  the local end time, not null, as for {@link #add(DayOfWeek, LocalTime, LocalTime)}
         * @return this builder
         */
        public Builder addWeekdays(LocalTime from, LocalTime to) {
            return addDays(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), from, to);
        }

        /**
         * Adds the same range of hours on every day of the week.
         *
         * @param from  the local start time, not null
         * @param to  the local end time, not null, as for {@link #add(DayOfWeek, LocalTime, LocalTime)}
         * @return this builder
         */
        public Builder addEveryDay(LocalTime from, LocalTime to) {
            return addDays(EnumSet.allOf(DayOfWeek.class), from, to);
        }

        /**
         * Builds the weekly hours from the ranges added so far. The builder can be used further.
         *
         * @return the weekly hours, not null
         */
        public WeeklyHours build() {
            return new WeeklyHours(zone, ranges);
        }
    }
}
