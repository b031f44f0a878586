package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;

import java.util.ArrayList;
import java.util.List;

/** The engine of {@link StudyPlanner#reconcile}: judge each scheduled session, then move the broken ones. */
final class Rescheduler {

    private final PlanningCalendar cal;
    private final SlotGrid grid;
    /** usable slots: cal.mask minus the break around every accepted session */
    private final boolean[] free;
    private final long[] perDay;
    private final List<Interval> accepted = new ArrayList<>();

    Rescheduler(PlanningCalendar cal) {
        this.cal = cal;
        this.grid = cal.grid;
        this.free = cal.mask.clone();
        this.perDay = new long[grid.days];
    }

    Reconciliation run(List<Interval> scheduled) {
        List<Interval> sorted = new ArrayList<>(scheduled);
        sorted.sort(null);
        List<Interval> kept = new ArrayList<>();
        List<Interval> broken = new ArrayList<>();
        // sessions outside the window are not judged, but the judged ones keep their distance from them
        for (Interval s : sorted) {
            if (!cal.window.encloses(s)) {
                accept(s);
                kept.add(s);
            }
        }
        for (Interval s : sorted) {
            if (!cal.window.encloses(s)) {
                continue;
            }
            if (fitsAlone(s) && keepsBreak(s) && withinDayCap(s)) {
                accept(s);
                kept.add(s);
            } else {
                broken.add(s);
            }
        }
        List<Move> moved = new ArrayList<>();
        List<Interval> dropped = new ArrayList<>();
        for (Interval s : broken) {
            Interval to = nearestLegal(s);
            if (to == null) {
                dropped.add(s);
            } else {
                accept(to);
                moved.add(new Move(s, to));
            }
        }
        kept.sort(null);
        return new Reconciliation(kept, moved, dropped);
    }

    private void accept(Interval s) {
        accepted.add(s);
        grid.markOverlapping(free, SlotGrid.floorSeconds(s.start()) - cal.breakSeconds,
                SlotGrid.ceilSeconds(s.end()) + cal.breakSeconds, false);
        grid.addPerDay(perDay, SlotGrid.floorSeconds(s.start()), SlotGrid.ceilSeconds(s.end()));
    }

    /** the per-session rules: grid, one local day, length, and every slot usable */
    private boolean fitsAlone(Interval s) {
        if (s.start().getNano() != 0 || s.end().getNano() != 0) {
            return false;
        }
        long a = s.start().getEpochSecond();
        long b = s.end().getEpochSecond();
        int d = grid.dayOf(a);
        if (d < 0 || d >= grid.days || (a - grid.dayStart[d]) % cal.g != 0 || (b - a) % cal.g != 0) {
            return false;
        }
        int k = (int) ((a - grid.dayStart[d]) / cal.g);
        int len = (int) ((b - a) / cal.g);
        if (len < cal.minSlots || len > cal.maxSlots || k + len > grid.slots(d)) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (!cal.mask[grid.base[d] + k + i]) {
                return false;
            }
        }
        return true;
    }

    private boolean keepsBreak(Interval s) {
        for (Interval o : accepted) {
            if (s.start().isBefore(o.end().plusSeconds(cal.breakSeconds))
                    && o.start().isBefore(s.end().plusSeconds(cal.breakSeconds))) {
                return false;
            }
        }
        return true;
    }

    private boolean withinDayCap(Interval s) {
        long[] mine = new long[grid.days];
        grid.addPerDay(mine, SlotGrid.floorSeconds(s.start()), SlotGrid.ceilSeconds(s.end()));
        for (int d = 0; d < grid.days; d++) {
            if (mine[d] > 0 && perDay[d] + mine[d] > cal.maxPerDaySeconds) {
                return false;
            }
        }
        return true;
    }

    /** @return the legal slot of the same length nearest the old start, same local day first; null if none */
    private Interval nearestLegal(Interval s) {
        long length = s.end().getEpochSecond() - s.start().getEpochSecond();
        if (s.end().getNano() != s.start().getNano() || length % cal.g != 0) {
            return null;
        }
        int len = (int) (length / cal.g);
        if (len < cal.minSlots || len > cal.maxSlots) {
            return null;
        }
        long old = s.start().getEpochSecond();
        int home = grid.dayOf(old);
        long[] best = {Long.MAX_VALUE, -1, -1};
        scanDay(home, len, old, best);
        if (best[1] < 0) {
            for (int d = 0; d < grid.days; d++) {
                if (d != home) {
                    scanDay(d, len, old, best);
                }
            }
        }
        return best[1] < 0 ? null : cal.interval((int) best[1], (int) best[2], len);
    }

    /** Updates best = {distance, day, slot} with the nearest legal start on day d (ties: the earlier). */
    private void scanDay(int d, int len, long old, long[] best) {
        long need = len * cal.g;
        if (perDay[d] + need > cal.maxPerDaySeconds) {
            return;
        }
        int w = d / 7;
        long week = 0;
        for (int i = 7 * w; i < 7 * w + 7; i++) {
            week += perDay[i];
        }
        if (week + need > cal.goalSeconds) {
            return;
        }
        int n = grid.slots(d);
        int run = 0;
        for (int k = n - 1; k >= 0; k--) {
            run = free[grid.base[d] + k] ? run + 1 : 0;
            if (run >= len) {
                long start = grid.slotStart(d, k);
                long dist = Math.abs(start - old);
                // scanning backwards: a tie with a later start loses to this earlier one
                if (dist < best[0] || (dist == best[0] && start < grid.slotStart((int) best[1], (int) best[2]))) {
                    best[0] = dist;
                    best[1] = d;
                    best[2] = k;
                }
            }
        }
    }
}
