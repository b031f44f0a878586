package dev.personaltracker.calendar.benchmarks;

import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic benchmark data shared by the benchmarks: one year of busy time in Europe/Berlin, the work
 * hours to take away and the study hours to keep.
 * <p>
 * The busy intervals are what a provider would hand over for many calendars at once (a team's or a
 * building's rooms): {@code n} intervals with random starts, to the second, anywhere in the year, in random
 * order, so they overlap and touch and must be normalized. Their lengths are uniform between one second and
 * twice a mean chosen so that about half of the year is busy whatever {@code n} is
 * ({@code mean = 0.7 * year / n}, at most a quarter of the year): the free time left has about as many pieces as the input, so every stage
 * of a pipeline grows with {@code n}.
 * <p>
 * The same seed gives the same data. This class is immutable and thread-safe.
 */
public final class BusyCalendars {

    /** The zone of the work and study hours. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    /** The year 2026 in {@link #ZONE}, from local midnight to local midnight. */
    public static final Interval YEAR = Interval.of(
            LocalDate.of(2026, 1, 1).atStartOfDay(ZONE).toInstant(),
            LocalDate.of(2027, 1, 1).atStartOfDay(ZONE).toInstant());

    /** Monday to Friday 09:00-17:00 in {@link #ZONE}. */
    public static final WeeklyHours WORK_HOURS = WeeklyHours.builder(ZONE)
            .addWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .build();

    /** Every day 07:00-22:00 in {@link #ZONE}. */
    public static final WeeklyHours STUDY_HOURS = WeeklyHours.builder(ZONE)
            .addEveryDay(LocalTime.of(7, 0), LocalTime.of(22, 0))
            .build();

    /** The seed the benchmarks use. */
    public static final long SEED = 20260302L;

    private BusyCalendars() {
    }

    /**
     * Obtains {@code n} busy intervals in {@link #YEAR}, in random order.
     *
     * @param n  how many intervals, positive
     * @param seed  the seed of the random generator
     * @return a new mutable list of {@code n} intervals, not null
     */
    public static List<Interval> busy(int n, long seed) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive, but was " + n);
        }
        SplittableRandom random = new SplittableRandom(seed);
        long yearSeconds = YEAR.duration().getSeconds();
        long maxLength = Math.min(yearSeconds / 2, Math.max(2, (long) (2 * 0.7 * yearSeconds / n)));
        Instant start = YEAR.start();
        List<Interval> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long length = 1 + random.nextLong(maxLength);
            long offset = random.nextLong(yearSeconds - length);
            out.add(Interval.of(start.plusSeconds(offset), Duration.ofSeconds(length)));
        }
        return out;
    }

    /**
     * Obtains the work hours of {@link #YEAR} as instants.
     *
     * @return the work hours inside the year, not null
     */
    public static IntervalSet workHoursOfYear() {
        return WORK_HOURS.within(YEAR);
    }

    /**
     * Obtains the study hours of {@link #YEAR} as instants.
     *
     * @return the study hours inside the year, not null
     */
    public static IntervalSet studyHoursOfYear() {
        return STUDY_HOURS.within(YEAR);
    }
}
