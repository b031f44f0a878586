package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.text.LocalText;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A person's free time in a window, with what fills the rest: the busy intervals of every connected account, each
 * with its source, and the work hours. Free time is the window minus busy time minus work hours; the person's own
 * study sessions do not count as busy.
 * <p>
 * To answer "why is this slot busy?", ask {@link #busyAt(Instant)} and {@link #isWorkHours(Instant)}.
 * <p>
 * This class is immutable and thread-safe.
 */
public final class FreeTime {

    private final Interval window;
    private final List<BusyInterval> busyIntervals;
    private final IntervalSet busy;
    private final IntervalSet workHours;
    private final IntervalSet free;
    private final ReadReport reads;

    private FreeTime(Interval window, List<BusyInterval> busyIntervals, IntervalSet workHours, ReadReport reads) {
        this.window = window;
        this.busyIntervals = busyIntervals;
        this.busy = IntervalSet.of(busyIntervals.stream().map(BusyInterval::interval).toList());
        this.workHours = workHours;
        this.free = busy.union(workHours).complement(window);
        this.reads = reads;
    }

    /**
     * Obtains the free time of a window.
     *
     * @param window  the window, not null
     * @param busyIntervals  the busy intervals of every account, any order, not null
     * @param workHours  the work hours inside the window, not null
     * @return the free time, not null
     */
    public static FreeTime of(Interval window, List<BusyInterval> busyIntervals, IntervalSet workHours) {
        return of(window, busyIntervals, workHours, ReadReport.none());
    }

    /**
     * Obtains the free time of a window, with how each account was read.
     *
     * @param window  the window, not null
     * @param busyIntervals  the busy intervals of every account, any order, not null
     * @param workHours  the work hours inside the window, not null
     * @param reads  how each account's busy time was read, not null
     * @return the free time, not null
     */
    public static FreeTime of(Interval window, List<BusyInterval> busyIntervals, IntervalSet workHours,
                              ReadReport reads) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(reads, "reads");
        Objects.requireNonNull(workHours, "workHours");
        List<BusyInterval> sorted = new ArrayList<>(Objects.requireNonNull(busyIntervals, "busyIntervals"));
        sorted.sort((a, b) -> a.interval().compareTo(b.interval()));
        return new FreeTime(window, List.copyOf(sorted), workHours.intersection(IntervalSet.of(window)), reads);
    }

    /**
     * Gets how each account's busy time was read: fresh, from its last synced snapshot (and how old), or not at all
     * (and why). When an account failed and the host's {@link PartialReadPolicy} planned over it, its time counts as
     * free here although its busy state is unknown: {@link ReadReport#unknown()} names it.
     *
     * @return the report, not null
     */
    public ReadReport reads() {
        return reads;
    }

    /**
     * Gets the window.
     *
     * @return the window, not null
     */
    public Interval window() {
        return window;
    }

    /**
     * Gets the free time: the window minus busy time and work hours.
     *
     * @return the free time, not null
     */
    public IntervalSet free() {
        return free;
    }

    /**
     * Gets the busy time of every connected account, merged.
     *
     * @return the busy time, not null
     */
    public IntervalSet busy() {
        return busy;
    }

    /**
     * Gets the work hours inside the window.
     *
     * @return the work hours, not null
     */
    public IntervalSet workHours() {
        return workHours;
    }

    /**
     * Gets everything that is not free: busy time and work hours.
     *
     * @return the blocked time, not null
     */
    public IntervalSet blocked() {
        return busy.union(workHours);
    }

    /**
     * Gets the busy intervals with their sources (provider, account, calendar, event).
     *
     * @return the busy intervals, sorted by start, not null
     */
    public List<BusyInterval> busyIntervals() {
        return busyIntervals;
    }

    /**
     * Finds the busy intervals that cover an instant: the answer to "why is this slot busy?".
     *
     * @param instant  the instant, not null
     * @return the intervals containing it, sorted by start, empty if none (the slot may still be work hours)
     */
    public List<BusyInterval> busyAt(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return busyIntervals.stream().filter(b -> b.interval().contains(instant)).toList();
    }

    /**
     * Finds the busy intervals that overlap a span.
     *
     * @param span  the span, not null
     * @return the intervals overlapping it, sorted by start, not null
     */
    public List<BusyInterval> busyDuring(Interval span) {
        Objects.requireNonNull(span, "span");
        return busyIntervals.stream().filter(b -> b.interval().overlaps(span)).toList();
    }

    /**
     * Checks if an instant lies in the work hours.
     *
     * @param instant  the instant, not null
     * @return true if it is a work hour
     */
    public boolean isWorkHours(Instant instant) {
        return workHours.contains(Objects.requireNonNull(instant, "instant"));
    }

    /**
     * Splits the free time by local calendar day in a zone; days of the window without free time map to an empty
     * set.
     *
     * @param zone  the zone whose days to use, not null
     * @return the free time per day, ascending by date, not null
     */
    public Map<LocalDate, IntervalSet> freeByDay(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        Map<LocalDate, IntervalSet> byDay = new TreeMap<>();
        LocalDate last = window.end().minusNanos(1).atZone(zone).toLocalDate();
        for (LocalDate day = window.start().atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            Instant from = day.atStartOfDay(zone).toInstant();
            Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
            byDay.put(day, free.intersection(IntervalSet.of(Interval.of(from, to))));
        }
        return byDay;
    }

    /**
     * Describes the free time for a person, one line per local day in their zone, with human durations:
     * <pre>
     * Mon 9 Mar: 07:00-09:00, 17:00-22:00 (7 h free)
     * Sun 15 Mar: none (0 min free)
     * </pre>
     *
     * @param zone  the person's zone, not null
     * @return the text, one line per day of the window, not null
     */
    public String describe(ZoneId zone) {
        LocalText text = LocalText.in(zone);
        StringBuilder out = new StringBuilder();
        for (Map.Entry<LocalDate, IntervalSet> day : freeByDay(zone).entrySet()) {
            out.append(text.date(day.getKey())).append(": ").append(text.times(day.getValue())).append(" (")
                    .append(LocalText.duration(day.getValue().totalDuration())).append(" free)\n");
        }
        return out.toString();
    }

    /** @return the window and the total free time */
    @Override
    public String toString() {
        return "FreeTime[" + window + ", free " + free.totalDuration() + ", " + busyIntervals.size() + " busy intervals"
                + (reads.complete() ? "" : ", " + reads.failed().size() + " accounts not read fresh") + "]";
    }
}
