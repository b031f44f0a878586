package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Proposes study sessions that reach a weekly goal, and moves as few as possible when the calendar changes.
 *
 * <h2>Rules every session obeys (legality)</h2>
 * A session {@code [s, e)} is legal when
 * <ul>
 * <li>it lies inside the window and inside {@code studyHours};</li>
 * <li>it keeps at least {@code buffer} from every busy interval: {@code e <= busyStart - buffer} or
 *     {@code s >= busyEnd + buffer};</li>
 * <li>its length is in {@code [min, max]};</li>
 * <li>it lies on the <em>grid</em>: its start and end are local midnight plus whole multiples of
 *     {@code granularity}, counted in elapsed time from that day's midnight
 *     ({@link java.time.LocalDate#atStartOfDay(java.time.ZoneId)}); on a DST day the grid therefore runs
 *     on elapsed time, not wall time (after Lord Howe's 30-minute shift an hour grid sits at :30 wall time),
 *     and a final step that the day's length cannot hold (23.5 hours with an hour grid) is not used;</li>
 * <li>it never crosses local midnight: each session belongs to exactly one local day;</li>
 * <li>it keeps at least {@code breakBetweenSessions} from every other session, new or existing, also
 *     across midnight and across the boundary of two ISO weeks;</li>
 * <li>the study on its local day, existing sessions included, stays within {@code maxPerDay}, and the study
 *     in its ISO week stays within {@code weeklyGoal}. An existing session counts toward a day or a week
 *     with the part of it that lies inside that day or week.</li>
 * </ul>
 *
 * <h2>Objective of {@link #propose propose}</h2>
 * The ISO weeks the window touches are planned one after the other, earliest first; each later week sees
 * the earlier weeks' new sessions as fixed (this only matters for a break across the Sunday midnight).
 * Within a week, among all legal placements of new sessions given the fixed ones, the planner picks,
 * lexicographically:
 * <ol>
 * <li>the greatest total time, up to the goal left after existing sessions (a multiple of
 *     {@code granularity});</li>
 * <li>then the most time inside {@code preferredHours} (measured to the second);</li>
 * <li>then the most local days holding study, existing or new (spaced practice beats cramming);</li>
 * <li>then the earliest study: the least sum, over every placed granularity step, of its distance from
 *     the week's start.</li>
 * </ol>
 * This optimum is exact: a dynamic program per local day over the grid (state: slot, steps placed),
 * a knapsack over the week's days up to the goal, and, where a break across midnight could bind, an
 * enumeration of how the break splits between the two days. Remaining ties break toward placing a session
 * as early and as long as possible.
 * <p>
 * The optimality claim, exactly: for every ISO week, given the existing sessions and the sessions proposed
 * for earlier weeks, no legal placement of new sessions in that week has a greater total, and none with the
 * same total is better by the order above. The brute-force oracle in the tests checks this on small weeks.
 *
 * <h2>Weeks, the window and the shortfall</h2>
 * The weeks planned are the ISO weeks (Monday 00:00 in the zone) the window touches. Slots outside the window
 * are never used, but existing sessions anywhere in such a week count toward its goal. A week only partly
 * inside the window still counts its whole goal: what the window's edge cuts off is shortfall, reported with
 * {@link ShortfallReason#WINDOW_EDGE}. {@link StudyPlan#shortfall()} sums, over these weeks,
 * {@code goal - existing - placed}, each never negative; {@link StudyPlan#weeks()} explains each week.
 * A window cannot be empty ({@link Interval} has a start strictly before its end); study hours without any
 * range are refused by {@link StudyPreferences.Builder#build()}.
 * <p>
 * Rules are checked to the second: a buffer or break with a fraction of a second counts as the next whole
 * second.
 *
 * <h2>{@link #reconcile Reconcile}</h2>
 * Scheduled sessions are judged in ascending order. A session wholly inside the window is <em>broken</em>
 * when it fails one of the per-session rules above (study hours, buffer, length, grid, midnight), or when it
 * comes closer than the break to a session kept before it, or when it would push its day over
 * {@code maxPerDay}. Sessions not wholly inside the window are outside what is judged: they are kept and
 * count for breaks and caps. The weekly goal is not used to judge kept sessions.
 * Broken sessions are then moved, in ascending order of their old start, keeping their length, to the legal
 * slot (given every kept and already moved session, the weekly goal included) whose start is nearest the
 * old start on the old start's local day, or, if that day has none, nearest the old start on any other day
 * of the window; ties go to the earlier slot. A session with no legal slot is dropped. Because later moves
 * only take slots away, no slot strictly nearer than a move's target was legal at the end either.
 * <p>
 * Both methods are deterministic: the same input gives the same output.
 * This class is immutable and thread-safe.
 */
public final class StudyPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(StudyPlanner.class);

    private final StudyPreferences prefs;

    private StudyPlanner(StudyPreferences prefs) {
        this.prefs = prefs;
    }

    /**
     * Obtains a planner for the given preferences.
     *
     * @param prefs  the preferences, not null
     * @return the planner, not null
     */
    public static StudyPlanner create(StudyPreferences prefs) {
        return new StudyPlanner(Objects.requireNonNull(prefs, "prefs"));
    }

    /** @return the preferences this planner plans with, not null */
    public StudyPreferences preferences() {
        return prefs;
    }

    /**
     * Proposes new study sessions inside a window.
     *
     * @param window  the span to plan in, not null
     * @param busy  everything the person cannot study in (meetings, work hours, ...), not null
     * @param existing  sessions already scheduled, in any order, not null, no null element; they are kept,
     *     count toward their days' caps and weeks' goals, and new sessions keep the break from them
     * @return the plan: new sessions only, ascending, with the shortfall and a summary per ISO week, not null
     */
    public StudyPlan propose(Interval window, IntervalSet busy, List<Interval> existing) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(busy, "busy");
        Objects.requireNonNull(existing, "existing");
        PlanningCalendar cal = new PlanningCalendar(prefs, window, busy);
        for (int i = 0; i < existing.size(); i++) {
            Interval e = Objects.requireNonNull(existing.get(i), "existing[" + i + "]");
            cal.block(e.start(), e.end(), cal.breakSeconds);
        }
        long[] existingPerDay = cal.secondsPerDay(existing);
        int[] prefSeconds = prefs.preferredHours().map(p -> cal.grid.secondsInside(p.within(window))).orElse(null);
        SlotGrid grid = cal.grid;
        WeekSolver solver = new WeekSolver(grid, cal.mask, prefSeconds, cal.minSlots, cal.maxSlots, cal.breakSeconds);
        boolean[] hasStudy = new boolean[grid.days];
        int[] caps = new int[grid.days];
        for (int d = 0; d < grid.days; d++) {
            hasStudy[d] = existingPerDay[d] > 0;
            caps[d] = cal.dayCap(d, existingPerDay[d]);
        }
        List<ProposedSession> sessions = new ArrayList<>();
        List<WeekSummary> weeks = new ArrayList<>();
        Duration shortfall = Duration.ZERO;
        for (int w = 0; w < grid.weeks(); w++) {
            long existingSeconds = cal.weekSeconds(existingPerDay, w);
            long left = Math.max(0, cal.goalSeconds - existingSeconds);
            int goalSlots = (int) Math.min(Integer.MAX_VALUE / 2, left / cal.g);
            WeekSolver.Result r = solver.solve(w, caps, goalSlots, hasStudy, true);
            long placedSeconds = r.slots() * cal.g;
            Set<ShortfallReason> reasons = placedSeconds < left
                    ? reasons(cal, w, caps, goalSlots, hasStudy, prefSeconds, r.slots(), left)
                    : Set.of();
            for (WeekSolver.Placement p : r.placements()) {
                Interval s = cal.interval(p.day(), p.k(), p.length());
                sessions.add(ProposedSession.of(s));
                // later weeks keep the break from this session (matters across the Sunday midnight)
                cal.block(s.start(), s.end(), cal.breakSeconds);
            }
            Duration weekShort = Duration.ofSeconds(left - placedSeconds);
            shortfall = shortfall.plus(weekShort);
            weeks.add(new WeekSummary(grid.firstDay.plusWeeks(w), prefs.weeklyGoal(), Duration.ofSeconds(existingSeconds),
                    Duration.ofSeconds(placedSeconds), weekShort, reasons));
        }
        sessions.sort(null);
        LOG.debug("Proposed {} sessions in {} weeks of {}, shortfall {}", sessions.size(), grid.weeks(), window, shortfall);
        return new StudyPlan(sessions, shortfall, weeks);
    }

    /** Finds what limited week w by re-solving it with one rule relaxed at a time. */
    private Set<ShortfallReason> reasons(PlanningCalendar cal, int w, int[] caps, int goalSlots, boolean[] hasStudy,
            int[] prefSeconds, int placed, long left) {
        SlotGrid grid = cal.grid;
        Set<ShortfallReason> out = EnumSet.noneOf(ShortfallReason.class);
        long weekStart = grid.dayStart[7 * w];
        long weekEnd = grid.dayStart[7 * w + 7];
        if (!cal.window.encloses(Interval.of(Instant.ofEpochSecond(weekStart), Instant.ofEpochSecond(weekEnd)))) {
            out.add(ShortfallReason.WINDOW_EDGE);
        }
        if (placed == goalSlots) {
            out.add(ShortfallReason.GRANULARITY);
            return out;
        }
        long free = 0;
        for (int i = grid.base[7 * w]; i < grid.base[7 * w + 7]; i++) {
            free += cal.mask[i] ? cal.g : 0;
        }
        if (free < left) {
            out.add(ShortfallReason.NO_FREE_STUDY_HOURS);
        }
        int[] noCap = caps.clone();
        for (int d = 7 * w; d < 7 * w + 7; d++) {
            noCap[d] = grid.slots(d);
        }
        WeekSolver standard = new WeekSolver(grid, cal.mask, null, cal.minSlots, cal.maxSlots, cal.breakSeconds);
        if (standard.solve(w, noCap, goalSlots, hasStudy, false).slots() > placed) {
            out.add(ShortfallReason.DAILY_CAP);
        }
        if (cal.minSlots > 1 && new WeekSolver(grid, cal.mask, null, 1, cal.maxSlots, cal.breakSeconds)
                .solve(w, caps, goalSlots, hasStudy, false).slots() > placed) {
            out.add(ShortfallReason.MIN_LENGTH);
        }
        if (cal.breakSeconds > 0 && new WeekSolver(grid, cal.mask, null, cal.minSlots, cal.maxSlots, 0)
                .solve(w, caps, goalSlots, hasStudy, false).slots() > placed) {
            out.add(ShortfallReason.BREAKS);
        }
        return out;
    }

    /**
     * Checks scheduled sessions against the current busy time and moves only those that now break a rule.
     *
     * @param window  the span whose busy time is known, not null
     * @param busy  everything the person cannot study in, not null
     * @param scheduled  the sessions scheduled so far, in any order, not null, no null element
     * @return each scheduled session kept, moved (same length, nearest legal slot) or dropped, not null
     */
    public Reconciliation reconcile(Interval window, IntervalSet busy, List<Interval> scheduled) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(busy, "busy");
        Objects.requireNonNull(scheduled, "scheduled");
        for (int i = 0; i < scheduled.size(); i++) {
            Objects.requireNonNull(scheduled.get(i), "scheduled[" + i + "]");
        }
        Reconciliation r = new Rescheduler(new PlanningCalendar(prefs, window, busy)).run(scheduled);
        LOG.debug("Reconciled {} sessions in {}: {} moved, {} dropped", scheduled.size(), window, r.moved().size(),
                r.dropped().size());
        return r;
    }

    @Override
    public String toString() {
        return "StudyPlanner[" + prefs + "]";
    }
}
