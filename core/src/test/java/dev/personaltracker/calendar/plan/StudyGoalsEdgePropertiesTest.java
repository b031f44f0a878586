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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;

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
        Instant ws = base.window().start();
        long span = Duration.between(ws, base.window().end()).getSeconds();
        Instant due = ws.plusSeconds(span / 4 + (long) (r.nextDouble() * span * 3 / 4));
        StudyPreferences p = base.prefs();
        Duration length = p.granularity().multipliedBy(1 + r.nextInt(3));
        Duration total = length.multipliedBy(2 + r.nextInt(12));
        StudyPreferences.Builder b = StudyPreferences.builder(p.zone()).studyHours(p.studyHours())
                .maxPerDay(p.maxPerDay().compareTo(length) < 0 ? length : p.maxPerDay())
                .buffer(p.buffer()).breakBetweenSessions(Duration.ZERO).granularity(p.granularity())
                .sessionLength(length, length);
        p.preferredHours().ifPresent(b::preferredHours);
        StudyPreferences prefs = b.goals(StudyGoal.byDeadline("exam", total, due)).build();
        StudyPlan plan = StudyPlanner.create(prefs).propose(base.window(), base.busy(), Schedule.empty());
        StudyPlan capacity = StudyPlanner.create(b.goals(StudyGoal.weekly("exam", total)).build())
                .propose(Interval.of(ws, due), base.busy(), Schedule.empty());

        Duration expected = capacity.planned().compareTo(total) < 0 ? capacity.planned() : total;
        assertThat(plan.planned()).as("due %s total %s, capacity per week %s, plan %s\n%s", due, total,
                capacity.weeks().stream().map(WeekSummary::placed).toList(), plan.goals().get(0).weeks(), prefs).isEqualTo(expected);
        boolean fellShort = plan.goal("exam").orElseThrow().weeks().stream().anyMatch(w -> !w.goalMet());
        Statistics.label("a week fell short").collect(fellShort);
        Statistics.label("total met").collect(expected.equals(total));
    }

    /**
     * No week leaves a rest that no session can hold: with sessions of {@code m} to {@code 2m} grid steps (two or
     * three steps at least), study hours every day, no busy time and the due inside the window, a deadline goal gets
     * its whole total whenever the weeks, each alone, can hold it. Before, a week took its even share and left the
     * last week a rest shorter than a session ("15 min short" on an empty calendar).
     */
    @Property(tries = 80)
    void propose_aDeadlineLeavesNoRestShorterThanASession(@ForAll("seeds") long seed) {
        GoalInstances.Multi base = GoalInstances.larger(seed);
        Random r = new Random(seed);
        Instant ws = base.window().start();
        long span = Duration.between(ws, base.window().end()).getSeconds();
        Instant due = ws.plusSeconds(span / 3 + (long) (r.nextDouble() * span * 2 / 3));
        StudyPreferences p = base.prefs();
        Duration min = p.granularity().multipliedBy(2 + r.nextInt(2));
        Duration total = p.granularity().multipliedBy(4 + r.nextInt(30));
        StudyPreferences.Builder b = StudyPreferences.builder(p.zone()).studyHours(p.studyHours())
                .maxPerDay(min.multipliedBy(2)).buffer(Duration.ZERO).breakBetweenSessions(Duration.ZERO)
                .granularity(p.granularity()).sessionLength(min, min.multipliedBy(2));
        StudyPreferences prefs = b.goals(StudyGoal.byDeadline("exam", total, due)).build();
        StudyPlan plan = StudyPlanner.create(prefs).propose(base.window(), IntervalSet.empty(), Schedule.empty());
        StudyPlan capacity = StudyPlanner.create(b.goals(StudyGoal.weekly("exam", total)).build())
                .propose(Interval.of(ws, due), IntervalSet.empty(), Schedule.empty());

        Statistics.label("weeks").collect(plan.goals().get(0).weeks().size());
        if (capacity.planned().compareTo(total) >= 0) {
            assertThat(plan.planned()).as("due %s, capacity per week %s, plan %s\n%s", due,
                    capacity.weeks().stream().map(WeekSummary::placed).toList(), plan.goals().get(0).weeks(), prefs)
                    .isEqualTo(total);
        }
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

        List<ScheduledSession> accounted = new ArrayList<>(rec.keptSessions());
        rec.moved().forEach(m -> accounted.add(ScheduledSession.of(m.goalId(), m.from())));
        accounted.addAll(rec.droppedSessions());
        assertThat(accounted).containsExactlyInAnyOrderElementsOf(scheduled);
        List<Interval> result = new ArrayList<>(rec.kept());
        rec.moved().forEach(m -> result.add(m.to()));
        Rules shared = new Rules(prefs, in.window(), busy);
        for (ScheduledSession k : rec.keptSessions()) {
            if (in.window().encloses(k.interval())) {
                assertThat(rules(prefs, k.goalId(), in.window(), busy).aloneViolations(k.interval())).as("kept %s", k).isEmpty();
                assertThat(k.interval().end()).isBeforeOrEqualTo(due(prefs, k.goalId()));
            }
        }
        for (Move m : rec.moved()) {
            Rules own = rules(prefs, m.goalId(), in.window(), busy);
            assertThat(own.aloneViolations(m.to())).as("move %s", m).isEmpty();
            assertThat(Rules.monday(own.day(m.to().start()))).as("%s left its ISO week", m)
                    .isEqualTo(Rules.monday(own.day(m.from().start())));
            List<Interval> others = new ArrayList<>(result);
            others.remove(m.to());
            Predicate<Interval> fit = fits(shared, others, due(prefs, m.goalId()));
            assertThat(fit.test(m.to())).as("move %s breaks a shared rule", m).isTrue();
            List<Interval> first = ReconcilePropertiesTest.stages(own, preferred(prefs, m.goalId(), in.window()), m.from(), fit)
                    .stream().filter(l -> !l.isEmpty()).findFirst().orElseThrow();
            assertThat(first).as("%s is not in the first stage with a free slot", m).contains(m.to());
            long moved = distance(m.from(), m.to());
            for (Interval c : first) {
                long d = distance(m.from(), c);
                assertThat(d < moved || d == moved && c.start().isBefore(m.to().start())).as("%s passed over %s", m, c).isFalse();
            }
        }
        Map<String, Duration> dropped = new TreeMap<>();
        for (ScheduledSession d : rec.droppedSessions()) {
            Rules own = rules(prefs, d.goalId(), in.window(), busy);
            for (List<Interval> stage : ReconcilePropertiesTest.stages(own, preferred(prefs, d.goalId(), in.window()),
                    d.interval(), fits(shared, result, due(prefs, d.goalId())))) {
                assertThat(stage).as("%s dropped although its week had a free slot", d).isEmpty();
            }
            dropped.merge(d.goalId() + "@" + Rules.monday(own.day(d.interval().start())), d.interval().duration(), Duration::plus);
        }
        Map<String, Duration> reported = new TreeMap<>();
        rec.shortfalls().forEach(t -> reported.merge(t.goalId() + "@" + t.weekStart(), t.time(), Duration::plus));
        assertThat(reported).isEqualTo(dropped);
    }

    /** the rules of a goal's sessions; a goal the preferences do not hold has the preferences' lengths */
    private static Rules rules(StudyPreferences prefs, String goalId, Interval window, IntervalSet busy) {
        Optional<StudyGoal> goal = prefs.goal(goalId);
        return new Rules(goal.map(g -> GoalOracle.forGoal(prefs, g)).orElse(prefs), window, busy);
    }

    private static Instant due(StudyPreferences prefs, String goalId) {
        return prefs.goal(goalId).flatMap(StudyGoal::due).orElse(Instant.MAX);
    }

    private static IntervalSet preferred(StudyPreferences prefs, String goalId, Interval window) {
        return prefs.goal(goalId).flatMap(StudyGoal::preferredHours).or(prefs::preferredHours).map(p -> p.within(window))
                .orElse(IntervalSet.empty());
    }

    private static Predicate<Interval> fits(Rules shared, List<Interval> others, Instant due) {
        Map<LocalDate, Duration> days = shared.perDay(others);
        return c -> shared.keepsBreak(c, others) && !c.end().isAfter(due)
                && days.getOrDefault(shared.day(c.start()), Duration.ZERO).plus(c.duration()).compareTo(shared.prefs.maxPerDay()) <= 0;
    }

    private static long distance(Interval from, Interval to) {
        return Math.abs(Duration.between(from.start(), to.start()).getSeconds());
    }
}
