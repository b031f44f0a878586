package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;

import java.time.Instant;
import java.util.List;

/**
 * One planning problem laid on the slot grid: which slots are usable and how study time already falls
 * on the days. Shared by {@link StudyPlanner#propose} and {@link StudyPlanner#reconcile}.
 */
final class PlanningCalendar {

    final StudyPreferences prefs;
    final Interval window;
    final SlotGrid grid;
    /** slot usable: inside the window and study hours, clear of busy time padded by the buffer */
    final boolean[] mask;
    final long g;
    final long breakSeconds;
    final long maxPerDaySeconds;

    PlanningCalendar(StudyPreferences prefs, Interval window, IntervalSet busy) {
        this.prefs = prefs;
        this.window = window;
        this.g = prefs.granularity().toSeconds();
        this.grid = SlotGrid.covering(window, prefs.zone(), g);
        this.breakSeconds = seconds(prefs.breakBetweenSessions());
        this.maxPerDaySeconds = prefs.maxPerDay().getSeconds();
        this.mask = new boolean[grid.slotCount()];
        for (Interval s : prefs.studyHours().within(window)) {
            grid.markInside(mask, SlotGrid.ceilSeconds(s.start()), SlotGrid.floorSeconds(s.end()), true);
        }
        long buffer = seconds(prefs.buffer());
        for (Interval b : busy) {
            block(b.start(), b.end(), buffer);
        }
    }

    /** a duration in whole seconds, rounded up (a margin that is a bit longer is still kept) */
    static long seconds(java.time.Duration d) {
        return d.getNano() == 0 ? d.getSeconds() : d.getSeconds() + 1;
    }

    /** Makes unusable every slot closer than {@code margin} seconds to {@code [start, end)}. */
    void block(Instant start, Instant end, long margin) {
        grid.markOverlapping(mask, SlotGrid.floorSeconds(start) - margin, SlotGrid.ceilSeconds(end) + margin, false);
    }

    /** @return per grid day, the seconds of the given sessions inside it */
    long[] secondsPerDay(List<Interval> sessions) {
        long[] perDay = new long[grid.days];
        for (Interval s : sessions) {
            grid.addPerDay(perDay, s.start(), s.end());
        }
        return perDay;
    }

    /** @return how many slots a day may still take under maxPerDay, given its study seconds */
    int dayCap(int d, long studiedSeconds) {
        long left = maxPerDaySeconds - studiedSeconds;
        return (int) Math.max(0, Math.min(grid.slots(d), Math.floorDiv(left, g)));
    }

    Interval interval(int day, int k, int length) {
        long s = grid.slotStart(day, k);
        return Interval.of(Instant.ofEpochSecond(s), Instant.ofEpochSecond(s + length * g));
    }
}
