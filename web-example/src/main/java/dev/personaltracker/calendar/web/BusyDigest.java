package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Busy time for people to read: intervals that overlap or follow each other within a tolerance become one entry with
 * the titles and calendars that make it up (the first few, and how many events in all). A calendar with an endless
 * every-second rule then gives one entry per busy stretch, not one per second, so the Plan page stays small.
 */
final class BusyDigest {

    /** The most titles named in one entry. */
    static final int TITLES = 3;

    private BusyDigest() {
    }

    /**
     * One stretch of busy time.
     *
     * @param interval  from the first event's start to the last event's end
     * @param titles  the first few distinct titles ("Busy" for untitled events)
     * @param calendars  the distinct calendars, as account / calendar
     * @param events  how many events make it up
     */
    record Entry(Interval interval, List<String> titles, List<String> calendars, int events) {

        /** @return the titles as one line, with "and N more" when there are more events than titles shown */
        String title() {
            String shown = String.join(", ", titles);
            int more = events - titles.size();
            return more > 0 && events > 1 ? shown + " and " + more + " more" : shown;
        }

        /** @return the calendars as one line */
        String calendar() {
            return String.join(", ", calendars);
        }
    }

    /**
     * Merges busy intervals.
     *
     * @param busy  the intervals, in any order, not null
     * @param tolerance  the largest gap that still joins two intervals; zero joins only touching ones, not null
     * @return the stretches, sorted by start, not null
     */
    static List<Entry> of(List<BusyInterval> busy, Duration tolerance) {
        List<BusyInterval> sorted = new ArrayList<>(busy);
        sorted.sort(Comparator.comparing((BusyInterval b) -> b.interval().start()));
        List<Entry> out = new ArrayList<>();
        Instant start = null;
        Instant end = null;
        Set<String> titles = new LinkedHashSet<>();
        Set<String> calendars = new LinkedHashSet<>();
        int events = 0;
        for (BusyInterval b : sorted) {
            if (start != null && b.interval().start().isAfter(end.plus(tolerance))) {
                out.add(new Entry(Interval.of(start, end), List.copyOf(titles), List.copyOf(calendars), events));
                start = null;
            }
            if (start == null) {
                start = b.interval().start();
                end = b.interval().end();
                titles.clear();
                calendars.clear();
                events = 0;
            }
            if (b.interval().end().isAfter(end)) {
                end = b.interval().end();
            }
            events++;
            if (titles.size() < TITLES) {
                titles.add(b.source().title().orElse("Busy"));
            }
            if (calendars.size() < TITLES) {
                calendars.add(b.source().accountId() + " / " + b.source().calendarId());
            }
        }
        if (start != null) {
            out.add(new Entry(Interval.of(start, end), List.copyOf(titles), List.copyOf(calendars), events));
        }
        return out;
    }
}
