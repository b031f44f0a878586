package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;

/**
 * Proposes study sessions that reach a person's goals (weekly courses, exams with a due date), and moves as few as
 * possible when the calendar changes.
 *
 * <h2>Rules every session obeys (legality)</h2>
 * A session {@code [s, e)} of goal {@code G} is legal when
 * <ul>
 * <li>it lies inside the window and inside {@code studyHours};</li>
 * <li>it keeps at least {@code buffer} from every busy interval: {@code e <= busyStart - buffer} or
 *     {@code s >= busyEnd + buffer};</li>
 * <li>its length is in {@code [min, max]} of {@code G} (the goal's own session lengths, else the preferences');</li>
 * <li>it lies on the <em>grid</em>: its start and end are local midnight plus whole multiples of
 *     {@code granularity}, counted in elapsed time from that day's midnight
 *     ({@link java.time.LocalDate#atStartOfDay(java.time.ZoneId)}); on a DST day the grid therefore runs
 *     on elapsed time, not wall time (after Lord Howe's 30-minute shift an hour grid sits at :30 wall time),
 *     and a final step that the day's length cannot hold (23.5 hours with an hour grid) is not used;</li>
 * <li>it never crosses local midnight: each session belongs to exactly one local day;</li>
 * <li>it keeps at least {@code breakBetweenSessions} from every other session, new or existing, of any goal, also
 *     across midnight and across the boundary of two ISO weeks;</li>
 * <li>the study on its local day, existing sessions and sessions of every goal included, stays within
 *     {@code maxPerDay};</li>
 * <li>no goal gets more than its target: the study of a weekly goal in an ISO week stays within its time per week;
 *     a deadline goal's study in {@code [window start, due)} stays within its total, and each of its sessions ends at
 *     or before its due. An existing session counts toward its own goal (and toward no goal if the preferences do
 *     not hold its goal id) with the part of it that lies inside the day, week or span counted, exactly and then
 *     rounded up to a whole second (a session from 18:00:00.5 to 19:00:00.5 counts one hour).</li>
 * </ul>
 *
 * <h2>Objective of {@link #propose propose}</h2>
 * <b>Rank.</b> Goals are planned one after the other: higher {@link StudyGoal#priority() priority} first; at equal
 * priority deadline goals before weekly goals, and among deadline goals the earlier due first; remaining ties in
 * the order given to {@link StudyPreferences.Builder#goals(StudyGoal...)}.
 * <p>
 * <b>Steps.</b> Each goal is planned week by week over the ISO weeks the window touches (a deadline goal only over
 * the weeks holding part of {@code [window start, min(due, window end))}), earliest first. A <em>step</em> is one
 * goal in one week. Each step sees as fixed every session placed before it: the existing sessions, every new
 * session of the goals ranked above (in all weeks), and the goal's own new sessions of earlier weeks. Within the
 * step, among all legal placements of new sessions of that goal in that week, the planner picks,
 * lexicographically:
 * <ol>
 * <li>the greatest total time, up to the step's <em>target</em> (a multiple of {@code granularity});</li>
 * <li>then the most time inside the goal's preferred hours (its own, else the preferences'; measured to the
 *     second);</li>
 * <li>then the most local days of the week holding study of this goal, existing or new (spaced practice beats
 *     cramming);</li>
 * <li>then the earliest study: the least sum, over every placed granularity step, of its distance from the week's
 *     start.</li>
 * </ol>
 * Each step is solved exactly: a dynamic program per local day over the grid (state: slot, steps placed), a
 * knapsack over the week's days up to the target, and, where a break across midnight could bind, an enumeration of
 * how the break splits between the two days. Remaining ties break toward placing a session as early and as long as
 * possible.
 * <p>
 * <b>Targets.</b> A weekly goal's target in a week is its time per week less its existing time in that week. A
 * deadline goal's time is <em>spread</em> over the weeks before its due (spaced practice, neither crammed into the
 * last days nor all front-loaded). With {@code T} its total, all times in seconds, and, for week {@code w}:
 * <ul>
 * <li>{@code span(w)}: the elapsed time of {@code [window start, min(due, window end))} inside the week;
 *     {@code beyond}: the elapsed time of {@code [window end, due)} (zero if the due lies inside the window);</li>
 * <li>{@code E(w)}: the goal's existing time inside the week and {@code [window start, due)}; {@code E(>w)}: that of
 *     the later weeks planned and of the time after the last week planned, up to the due;</li>
 * <li>{@code need(w) = T - } the goal's existing and new time in the earlier weeks;</li>
 * <li>{@code even(w) = min(need(w), ceil_g(need(w) * span(w) / (span(w) + span(later weeks) + beyond)))}, the
 *     quotient rounded up to the second and then up to a multiple of {@code granularity};</li>
 * <li>{@code free(w) = need(w) - E(w) - E(>w)}, never negative;</li>
 * <li>{@code floor(w) = free(w) - } the sum, over the later weeks inside the window, of the most time the goal could
 *     place in each of them alone (given what was fixed when the goal's planning began), or zero if the due lies
 *     after the window's end;</li>
 * <li>target {@code = max(0, min(free(w), max(even(w) - E(w), floor(w))))};</li>
 * <li>the <em>rest rule</em>: with {@code full(w)} = {@code free(w)} rounded down to a multiple of
 *     {@code granularity}, if a later week inside the window remains and the week's optimum for the target leaves a
 *     rest {@code full(w) - placed} above zero that the later weeks cannot hold together (one shorter than the goal's
 *     shortest session, or one that is no sum of one total from each later week that the week, alone, can place
 *     exactly, given what was fixed when the goal's planning began; with the due after the window's end, any rest
 *     of at least a shortest session counts as held), the target becomes the total nearest {@code placed} among
 *     those the week can place that leave a rest the later weeks can hold ({@code full(w)} itself leaves none); of
 *     two as near, the greater; if there is none, it stays.</li>
 * </ul>
 * So each week takes its share of what is left in proportion to its time before the due; a week that fell short
 * raises {@code need} for the following weeks, which catch the missing time up, again spread evenly; and a week
 * takes more than its share only for what the later weeks cannot hold; and, by the rest rule, the total nearest its
 * share that leaves the later weeks a rest they can place, so that no time is lost to a rest no session or sum of
 * sessions fits. Inside a week, objective 3 spreads the time over the days.
 * <p>
 * The optimality claim, exactly: every step is optimal by the order above given what is fixed before it. With a
 * single goal this is the claim for the single weekly goal as it always was. The brute-force oracles in the tests
 * check every step on small instances with two or three goals, one of them a deadline, over 1 to 3 weeks including
 * DST weeks. The sequential rank is not the joint optimum of all goals at once: measured by brute force on 1,000
 * random tiny instances (see {@code docs/planner.md}), the plan equals the joint optimum (the greatest placed time
 * per goal, lexicographically in rank order) in 98.8% of the instances whose dues lie inside the window, with a mean
 * gap of 0.24 minutes of placed time (worst 60 minutes); a due after the window's end is paced on purpose and
 * differs from the joint optimum by design.
 *
 * <h2>Weeks, the window and the shortfall</h2>
 * The weeks planned are the ISO weeks (Monday 00:00 in the zone) the window touches. Slots outside the window
 * are never used, but existing sessions anywhere in such a week count toward a weekly goal. A week only partly
 * inside the window still counts a weekly goal's whole time per week: what the window's edge cuts off is shortfall,
 * reported with {@link ShortfallReason#WINDOW_EDGE}. {@link StudyPlan#goals()} explains each goal:
 * a weekly goal's shortfall is the sum over these weeks of {@code perWeek - existing - placed}, each never negative;
 * a deadline goal's shortfall is {@code T - existing - placed}, never negative (if its due lies after the window's
 * end this includes the time left for after the window; {@link DeadlineStatus} says whether it is on track).
 * {@link StudyPlan#shortfall()} is the sum over the goals, {@link StudyPlan#shortfall(String)} one goal's,
 * {@link StudyPlan#weeks()} explains each week (summed over the goals when there are several).
 * A window cannot be empty ({@link Interval} has a start strictly before its end); study hours without any
 * range are refused by {@link StudyPreferences.Builder#build()}.
 * <p>
 * Rules are checked to the second: a buffer or break with a fraction of a second counts as the next whole
 * second; a due with a fraction of a second counts as the whole second before it.
 *
 * <h2>{@link #reconcile Reconcile}</h2>
 * Scheduled sessions are judged in ascending order. A session wholly inside the window is <em>broken</em>
 * when it fails one of the per-session rules above (study hours, buffer, its goal's lengths, grid, midnight, its
 * goal's due), or when it comes closer than the break to a session kept before it, or when it would push its day
 * over {@code maxPerDay}. Sessions not wholly inside the window are outside what is judged: they are kept and
 * count for breaks and caps. Goal targets are not used to judge kept sessions.
 * <p>
 * Broken sessions are then moved, in ascending order of their old start, keeping their length and their goal,
 * and always inside their own ISO week (the week of the old start), to the first of these that has a legal slot
 * (given every kept and already moved session; inside the window; ending by the goal's due):
 * <ol>
 * <li>the slot of the old start's local day, wholly inside the goal's preferred hours, whose start is nearest the
 *     old start;</li>
 * <li>the slot of that day whose start is nearest the old start;</li>
 * <li>the slot on another day of the same ISO week, wholly inside the goal's preferred hours, whose start is
 *     nearest the old start;</li>
 * <li>the slot on another day of the same ISO week whose start is nearest the old start.</li>
 * </ol>
 * Ties go to the earlier slot. A move never leaves its week, so it never adds time to a week or a goal. A session
 * with no legal slot left in its own week is dropped, and its time is reported per goal and week in
 * {@link Reconciliation#shortfalls()}. Because later moves only take slots away, no slot of an earlier stage, or
 * strictly nearer in the same stage, was legal at the end either.
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
