package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of {@link StudyPlanner} on the edges of several goals ({@link GoalInstances#edge}): dues before, at and
 * after the window, inside its first day, at local midnight, on DST days, with fractions of a second; existing sessions
 * after their goal's due, of unknown goals, across the window's start, off the grid. Every rule, every step against
 * the brute force, the shortfall per goal, reconcile's documented order; and the deadline's catch-up promise.
 */
class StudyGoalsEdgePropertiesTest {

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 150)
    void propose_onEdgesEveryGoalWeekStepEqualsTheBruteForceOptimum(@ForAll("seeds") long seed) {
        GoalInstances.Multi in = GoalInstances.edge(seed, true);
        StudyPlan plan = StudyPlanner.create(in.prefs()).propose(in.window(), in.busy(), in.existing());
        StudyGoalsPropertiesTest.assertLegal(in, plan);
        GoalOracle.assertEveryStepOptimal(in, plan);
        StudyGoalsPropertiesTest.assertShortfalls(in, plan);
    }

    @Property(tries = 60)
    void propose_onEdgesObeysEveryRuleAndReportsEachShortfallOnLargerCalendars(@ForAll("seeds") long seed) {
        GoalInstances.Multi in = GoalInstances.edge(seed, false);
        StudyPlan plan = StudyPlanner.create(in.prefs()).propose(in.window(), in.busy(), in.existing());
        StudyGoalsPropertiesTest.assertLegal(in, plan);
        StudyGoalsPropertiesTest.assertShortfalls(in, plan);
    }

    /**
     * A week that fell short is caught up by the later ones, and no week leaves a rest that no session can hold: with
     * sessions of one length {@code L} (one to three grid steps), a total of whole sessions, the due inside the window
     * and no break to couple two weeks, a deadline goal gets its whole total whenever the weeks, each alone, can hold
     * it; otherwise all they can hold. Each week's capacity is measured independently, as a weekly goal of the same
     * total in a window that ends at the due.
     */
    @Property(tries = 80)
    void propose_aDeadlineGetsAllTheTimeTheWeeksCanHold(@ForAll("seeds") long seed) {
        GoalInstances.Multi base = GoalInstances.larger(seed);
        Random r = new Random(seed);
        StudyPreferences p = base.prefs();
        Duration length = p.granularity().multipliedBy(1 + r.nextInt(3));
        StudyPreferences.Builder b = StudyPreferences.builder(p.zone()).studyHours(p.studyHours())
                .maxPerDay(p.maxPerDay().compareTo(length) < 0 ? length : p.maxPerDay())
                .buffer(p.buffer()).breakBetweenSessions(Duration.ZERO).granularity(p.granularity())
                .sessionLength(length, length);
        p.preferredHours().ifPresent(b::preferredHours);
        assertGetsWhatTheWeeksHold(b, base, r, length.multipliedBy(2 + r.nextInt(12)), base.busy());
    }

    /**
     * No week leaves a rest the later weeks cannot hold: with sessions of {@code m} to {@code 2m} grid steps (two or
     * three steps at least), study hours every day, busy time, no break or buffer to couple two weeks, and the due
     * inside the window, a deadline goal gets its whole total whenever the weeks can hold it together, that is, whenever it is a sum of one total from each
     * week that the week, alone, can place exactly. A week's totals can have holes (two two-hour gaps on one day, a
     * three-hour cap, sessions of 90 minutes to 3 hours: 1.5, 2 and 3 hours fit, 2.5 hours does not), so that is not
     * the same as the sum of what each week can hold at most. Before, a week took its even share and left the last
     * week a rest shorter than a session ("15 min short" on an empty calendar), or a rest that fell in such a hole.
     */
    @Property(tries = 500)
    void propose_aDeadlineLeavesNoRestTheLaterWeeksCannotHold(@ForAll("seeds") long seed) {
        GoalInstances.Multi base = GoalInstances.larger(seed);
        Random r = new Random(seed);
        StudyPreferences p = base.prefs();
        Duration step = p.granularity();
        Duration min = step.multipliedBy(2 + r.nextInt(2));
        StudyPreferences.Builder b = StudyPreferences.builder(p.zone()).studyHours(p.studyHours())
                .maxPerDay(min.multipliedBy(2)).buffer(Duration.ZERO).breakBetweenSessions(Duration.ZERO)
                .granularity(step).sessionLength(min, min.multipliedBy(2));
        int totalSteps = 4 + r.nextInt(30);
        Instant due = dueInside(base, r);
        StudyPreferences prefs = b.goals(StudyGoal.byDeadline("exam", step.multipliedBy(totalSteps), due)).build();
        StudyPlan plan = StudyPlanner.create(prefs).propose(base.window(), base.busy(), Schedule.empty());

        // what each week of [window start, due) can place exactly, as a weekly goal of k steps shows
        List<Set<Integer>> perWeek = new ArrayList<>();
        for (int k = 1; k <= totalSteps; k++) {
            List<WeekSummary> weeks = StudyPlanner.create(b.goals(StudyGoal.weekly("exam", step.multipliedBy(k))).build())
                    .propose(Interval.of(base.window().start(), due), base.busy(), Schedule.empty())
                    .goal("exam").orElseThrow().weeks();
            for (int w = 0; w < weeks.size(); w++) {
                if (perWeek.size() <= w) {
                    perWeek.add(new TreeSet<>(Set.of(0)));
                }
                if (weeks.get(w).placed().equals(step.multipliedBy(k))) {
                    perWeek.get(w).add(k);
                }
            }
        }
        Set<Integer> together = new TreeSet<>(Set.of(0));
        for (Set<Integer> week : perWeek) {
            Set<Integer> sums = new TreeSet<>();
            together.forEach(a -> week.forEach(c -> sums.add(a + c)));
            together = sums;
        }
        boolean holds = together.contains(totalSteps);
        Statistics.label("the weeks hold the total").collect(holds);
        int shortest = (int) (min.getSeconds() / step.getSeconds());
        Statistics.label("a week's totals have a hole").collect(perWeek.stream().anyMatch(t -> IntStream
                .rangeClosed(shortest, ((TreeSet<Integer>) t).last()).anyMatch(k -> !t.contains(k))));
        if (holds) {
            assertThat(plan.planned()).as("due %s total %s steps, totals per week %s, plan %s\n%s", due, totalSteps,
                    perWeek, plan.goals().get(0).weeks(), prefs).isEqualTo(step.multipliedBy(totalSteps));
        }
    }

    /** a due inside base's window, at least a quarter of the way in */
    private static Instant dueInside(GoalInstances.Multi base, Random r) {
        Instant ws = base.window().start();
        long span = Duration.between(ws, base.window().end()).getSeconds();
        return ws.plusSeconds(span / 4 + (long) (r.nextDouble() * span * 3 / 4));
    }

    /**
     * Plans one deadline goal of {@code total} due inside base's window and asserts it gets the least of its total
     * and what the weeks, each alone, can hold at most (with sessions of one length, every multiple of it up to a
     * week's most fits the week, so the weeks hold together exactly what their most adds up to).
     */
    private static void assertGetsWhatTheWeeksHold(StudyPreferences.Builder b, GoalInstances.Multi base, Random r,
            Duration total, IntervalSet busy) {
        Instant ws = base.window().start();
        Instant due = dueInside(base, r);
        StudyPreferences prefs = b.goals(StudyGoal.byDeadline("exam", total, due)).build();
        StudyPlan plan = StudyPlanner.create(prefs).propose(base.window(), busy, Schedule.empty());
        StudyPlan capacity = StudyPlanner.create(b.goals(StudyGoal.weekly("exam", total)).build())
                .propose(Interval.of(ws, due), busy, Schedule.empty());

        boolean allFits = capacity.planned().compareTo(total) >= 0;
        Statistics.label("the weeks hold the total").collect(allFits);
        Statistics.label("a week fell short").collect(plan.goal("exam").orElseThrow().weeks().stream().anyMatch(w -> !w.goalMet()));
        assertThat(plan.planned()).as("due %s total %s, capacity per week %s, plan %s\n%s", due, total,
                capacity.weeks().stream().map(WeekSummary::placed).toList(), plan.goals().get(0).weeks(), prefs)
                .isEqualTo(allFits ? total : capacity.planned());
    }

    @Property(tries = 60)
    void reconcile_onEdgesMovesEachSessionInTheDocumentedOrderInsideItsWeek(@ForAll("seeds") long seed) {
        GoalInstances.Multi in = GoalInstances.edge(seed, seed % 2 == 0);
        StudyPreferences prefs = in.prefs();
        StudyPlan plan = StudyPlanner.create(prefs).propose(in.window(), in.busy(), in.existing());
        List<ScheduledSession> scheduled = new ArrayList<>(in.existing().sessions());
        plan.sessions().forEach(s -> scheduled.add(ScheduledSession.of(s.goalId(), s.interval())));
        Random r = new Random(seed);
        // sessions of another goal at the same time as a planned one
        for (int i = 0; i < r.nextInt(3) && !plan.sessions().isEmpty(); i++) {
            ProposedSession s = plan.sessions().get(r.nextInt(plan.sessions().size()));
            scheduled.add(ScheduledSession.of(prefs.goals().get(r.nextInt(prefs.goals().size())).id(), s.interval()));
        }
        IntervalSet busy = in.busy().union(Instances.randomIntervals(r, in.window().start(), in.window().end(),
                2 + r.nextInt(15), 180));

        Reconciliation rec = StudyPlanner.create(prefs).reconcile(in.window(), busy, Schedule.of(scheduled));
        Statistics.label("moved").collect(rec.moved().size());

        ReconcileGoalsPropertiesTest.assertMovedInTheDocumentedOrder(prefs, in.window(), busy, scheduled, rec);
    }
}
