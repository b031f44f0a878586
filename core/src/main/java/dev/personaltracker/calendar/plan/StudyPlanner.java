package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;

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
     * Proposes new study sessions inside a window, for the single goal of the preferences.
     *
     * @param window  the span to plan in, not null
     * @param busy  everything the person cannot study in (meetings, work hours, ...), not null
     * @param existing  sessions already scheduled, all of the single goal, in any order, not null, no null element;
     *     they are kept, count toward their days' caps and weeks' goals, and new sessions keep the break from them
     * @return the plan: new sessions only, ascending, with the shortfall and a summary per ISO week, not null
     * @throws IllegalArgumentException if the preferences hold several goals (pass a {@link Schedule} then); the
     *     message names them
     */
    public StudyPlan propose(Interval window, IntervalSet busy, List<Interval> existing) {
        Objects.requireNonNull(existing, "existing");
        return propose(window, busy, singleGoal(existing, "existing"));
    }

    /**
     * Proposes new study sessions inside a window for every goal of the preferences.
     *
     * @param window  the span to plan in, not null
     * @param busy  everything the person cannot study in (meetings, work hours, ...), not null
     * @param existing  sessions already scheduled, each with its goal, not null; they are kept, count toward their
     *     goal and their days' caps, and new sessions keep the break from them
     * @return the plan: new sessions only, ascending, each with its goal; the shortfall per goal and in total; a
     *     summary per goal and per ISO week, not null
     */
    public StudyPlan propose(Interval window, IntervalSet busy, Schedule existing) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(busy, "busy");
        Objects.requireNonNull(existing, "existing");
        PlanningCalendar cal = new PlanningCalendar(prefs, window, busy);
        StudyPlan plan = new Proposer(cal, existing).run();
        LOG.debug("Proposed {} sessions for {} goals in {} weeks of {}, shortfall {}", plan.sessions().size(),
                plan.goals().size(), cal.grid.weeks(), window, plan.shortfall());
        return plan;
    }

    /**
     * Checks scheduled sessions of the single goal against the current busy time and moves only those that now
     * break a rule.
     *
     * @param window  the span whose busy time is known, not null
     * @param busy  everything the person cannot study in, not null
     * @param scheduled  the sessions scheduled so far, all of the single goal, in any order, not null, no null element
     * @return each scheduled session kept, moved (same length, same ISO week) or dropped, not null
     * @throws IllegalArgumentException if the preferences hold several goals (pass a {@link Schedule} then); the
     *     message names them
     */
    public Reconciliation reconcile(Interval window, IntervalSet busy, List<Interval> scheduled) {
        Objects.requireNonNull(scheduled, "scheduled");
        return reconcile(window, busy, singleGoal(scheduled, "scheduled"));
    }

    /**
     * Checks scheduled sessions against the current busy time and moves only those that now break a rule, each
     * within its own goal and ISO week.
     *
     * @param window  the span whose busy time is known, not null
     * @param busy  everything the person cannot study in, not null
     * @param scheduled  the sessions scheduled so far, each with its goal, not null
     * @return each scheduled session kept, moved or dropped, with the time dropped per goal and week, not null
     */
    public Reconciliation reconcile(Interval window, IntervalSet busy, Schedule scheduled) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(busy, "busy");
        Objects.requireNonNull(scheduled, "scheduled");
        Reconciliation r = new Rescheduler(new PlanningCalendar(prefs, window, busy)).run(scheduled);
        LOG.debug("Reconciled {} sessions in {}: {} moved, {} dropped", scheduled.sessions().size(), window,
                r.moved().size(), r.droppedSessions().size());
        return r;
    }

    /** the List form: every session belongs to the only goal */
    private Schedule singleGoal(List<Interval> sessions, String name) {
        List<StudyGoal> goals = prefs.goals();
        if (goals.size() != 1) {
            throw new IllegalArgumentException("the List<Interval> form of " + name + " needs preferences with a single"
                    + " goal, but they hold " + goals.stream().map(StudyGoal::id).toList()
                    + ": pass a Schedule of ScheduledSession.of(goalId, interval) instead");
        }
        for (int i = 0; i < sessions.size(); i++) {
            Objects.requireNonNull(sessions.get(i), name + "[" + i + "]");
        }
        return Schedule.of(goals.get(0).id(), sessions);
    }

    @Override
    public String toString() {
        return "StudyPlanner[" + prefs + "]";
    }
}
