package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine of {@link StudyPlanner#reconcile}: judge each scheduled session, then move the broken ones inside their
 * own ISO week: same day in the goal's preferred hours, same day anywhere, then the week's other days (preferred
 * hours first), nearest first at every stage.
 */
final class Rescheduler {

    private final PlanningCalendar cal;
    private final SlotGrid grid;
    private final Map<String, GoalSpec> goals = new HashMap<>();
    /** the rules of a session whose goal the preferences do not hold: the preferences' lengths, no due */
    private final GoalSpec fallback;
    /** usable slots: cal.mask minus the break around every accepted session */
    private final boolean[] free;
    private final long[] perDay;
    private final List<Interval> accepted = new ArrayList<>();

    Rescheduler(PlanningCalendar cal) {
        this.cal = cal;
        this.grid = cal.grid;
        this.free = cal.mask.clone();
        this.perDay = new long[grid.days];
        for (GoalSpec g : GoalSpec.ranked(cal)) {
            goals.put(g.id, g);
        }
        this.fallback = GoalSpec.unknown(cal);
    }

    Reconciliation run(Schedule scheduled) {
        List<ScheduledSession> kept = new ArrayList<>();
        List<ScheduledSession> broken = new ArrayList<>();
        // sessions outside the window are not judged, but the judged ones keep their distance from them
        for (ScheduledSession s : scheduled.sessions()) {
            if (!cal.window.encloses(s.interval())) {
                accept(s.interval());
                kept.add(s);
            }
        }
        for (ScheduledSession s : scheduled.sessions()) {
            if (!cal.window.encloses(s.interval())) {
                continue;
            }
            Interval i = s.interval();
            if (fitsAlone(i, spec(s)) && keepsBreak(i) && withinDayCap(i)) {
                accept(i);
                kept.add(s);
            } else {
                broken.add(s);
            }
        }
        List<Move> moved = new ArrayList<>();
        List<ScheduledSession> dropped = new ArrayList<>();
        Map<LocalDate, Map<String, Duration>> lost = new TreeMap<>();
        for (ScheduledSession s : broken) {
            Interval to = nearestLegal(s.interval(), spec(s));
            if (to == null) {
                dropped.add(s);
                LocalDate monday = mondayOf(s.interval());
                lost.computeIfAbsent(monday, m -> new TreeMap<>()).merge(s.goalId(), s.interval().duration(), Duration::plus);
            } else {
                accept(to);
                moved.add(new Move(s.goalId(), s.interval(), to));
            }
        }
        kept.sort(null);
        List<DroppedTime> shortfalls = new ArrayList<>();
        lost.forEach((monday, perGoal) -> perGoal.forEach((goal, time) -> shortfalls.add(new DroppedTime(goal, monday, time))));
        return new Reconciliation(kept, moved, dropped, shortfalls);
    }

    private LocalDate mondayOf(Interval s) {
        int d = grid.dayOf(s.start().getEpochSecond());
        return Shortfalls.monday(grid, Math.max(0, Math.min(grid.days - 1, d)) / 7);
    }

    private GoalSpec spec(ScheduledSession s) {
        return goals.getOrDefault(s.goalId(), fallback);
    }

    private void accept(Interval s) {
        accepted.add(s);
        grid.markOverlapping(free, SlotGrid.floorSeconds(s.start()) - cal.breakSeconds,
                SlotGrid.ceilSeconds(s.end()) + cal.breakSeconds, false);
        grid.addPerDay(perDay, s.start(), s.end());
    }

    /** the per-session rules: grid, one local day, the goal's lengths, its due, and every slot usable */
    private boolean fitsAlone(Interval s, GoalSpec g) {
        if (s.start().getNano() != 0 || s.end().getNano() != 0) {
            return false;
        }
        long a = s.start().getEpochSecond();
        long b = s.end().getEpochSecond();
        int d = grid.dayOf(a);
        if (d < 0 || d >= grid.days || (a - grid.dayStart[d]) % cal.g != 0 || (b - a) % cal.g != 0 || b > g.due) {
            return false;
        }
        int k = (int) ((a - grid.dayStart[d]) / cal.g);
        int len = (int) ((b - a) / cal.g);
        if (len < g.minSlots || len > g.maxSlots || k + len > grid.slots(d)) {
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
        grid.addPerDay(mine, s.start(), s.end());
        for (int d = 0; d < grid.days; d++) {
            if (mine[d] > 0 && perDay[d] + mine[d] > cal.maxPerDaySeconds) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the legal slot of the same length in the session's own ISO week, by the documented order: same day
     *     in preferred hours, same day, other days in preferred hours, other days; nearest the old start at each
     *     stage, ties to the earlier; null if none
     */
    private Interval nearestLegal(Interval s, GoalSpec g) {
        long length = s.end().getEpochSecond() - s.start().getEpochSecond();
        if (s.end().getNano() != s.start().getNano() || length % cal.g != 0) {
            return null;
        }
        int len = (int) (length / cal.g);
        if (len < g.minSlots || len > g.maxSlots) {
            return null;
        }
        long old = s.start().getEpochSecond();
        int home = grid.dayOf(old);
        int week = home / 7;
        for (int stage = 0; stage < 4; stage++) {
            boolean preferredOnly = stage % 2 == 0;
            if (preferredOnly && g.prefSeconds == null) {
                continue;
            }
            long[] best = {Long.MAX_VALUE, -1, -1};
            for (int d = 7 * week; d < 7 * week + 7; d++) {
                if ((d == home) == (stage < 2)) {
                    scanDay(d, len, old, g, preferredOnly, best);
                }
            }
            if (best[1] >= 0) {
                return cal.interval((int) best[1], (int) best[2], len);
            }
        }
        return null;
    }

    /** Updates best = {distance, day, slot} with the nearest legal start on day d (ties: the earlier). */
    private void scanDay(int d, int len, long old, GoalSpec g, boolean preferredOnly, long[] best) {
        long need = len * cal.g;
        if (perDay[d] + need > cal.maxPerDaySeconds) {
            return;
        }
        int n = grid.slots(d);
        int run = 0;
        for (int k = n - 1; k >= 0; k--) {
            int i = grid.base[d] + k;
            run = free[i] ? run + 1 : 0;
            if (run < len) {
                continue;
            }
            long start = grid.slotStart(d, k);
            if (start + need > g.due || preferredOnly && !allPreferred(g, i, len)) {
                continue;
            }
            long dist = Math.abs(start - old);
            // scanning backwards: a tie with a later start loses to this earlier one
            if (dist < best[0] || (dist == best[0] && start < grid.slotStart((int) best[1], (int) best[2]))) {
                best[0] = dist;
                best[1] = d;
                best[2] = k;
            }
        }
    }

    private boolean allPreferred(GoalSpec g, int from, int len) {
        for (int i = from; i < from + len; i++) {
            if (g.prefSeconds[i] != cal.g) {
                return false;
            }
        }
        return true;
    }
}
