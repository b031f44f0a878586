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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of {@link StudyPlanner#reconcile(Interval, IntervalSet, Schedule)} with several goals (one a deadline,
 * DST weeks included): a plan of all goals, then new busy time lands.
 */
class ReconcileGoalsPropertiesTest {

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 60)
    void reconcile_movesEachSessionInsideItsGoalAndIsoWeekInTheDocumentedOrder(@ForAll("seeds") long seed) {
        GoalInstances.Multi in = GoalInstances.larger(seed);
        StudyPreferences prefs = in.prefs();
        StudyPlan plan = StudyPlanner.create(prefs).propose(in.window(), in.busy(), Schedule.empty());
        List<ScheduledSession> scheduled = plan.sessions().stream().map(s -> ScheduledSession.of(s.goalId(), s.interval())).toList();
        Random r = new Random(seed ^ 0x5DEECE66DL);
        IntervalSet busy = in.busy().union(Instances.randomIntervals(r, in.window().start(), in.window().end(),
                3 + r.nextInt(20), 120));

        Reconciliation rec = StudyPlanner.create(prefs).reconcile(in.window(), busy, Schedule.of(scheduled));
        Statistics.label("moved").collect(rec.moved().size());
        Statistics.label("dropped").collect(rec.droppedSessions().size());

        for (ScheduledSession s : scheduled) {
            boolean legal = rules(prefs, s.goalId(), in.window(), busy).aloneViolations(s.interval()).isEmpty();
            assertThat(rec.keptSessions().contains(s)).as("%s legal %s", s, legal).isEqualTo(legal);
        }
        assertMovedInTheDocumentedOrder(prefs, in.window(), busy, scheduled, rec);
    }

    /**
     * Asserts every promise of reconcile that holds whatever the input: each session in exactly one list with its
     * goal; the sessions kept inside the window legal; every move legal for its goal, in its own ISO week, by its due,
     * in the first stage with a free slot and nearest there (ties to the earlier); every drop with no free slot in
     * its week; the time dropped reported per goal and week. A goal the preferences do not hold has their lengths.
     */
    static void assertMovedInTheDocumentedOrder(StudyPreferences prefs, Interval window, IntervalSet busy,
            List<ScheduledSession> scheduled, Reconciliation rec) {
        List<ScheduledSession> accounted = new ArrayList<>(rec.keptSessions());
        rec.moved().forEach(m -> accounted.add(ScheduledSession.of(m.goalId(), m.from())));
        accounted.addAll(rec.droppedSessions());
        assertThat(accounted).containsExactlyInAnyOrderElementsOf(scheduled);
        List<Interval> result = new ArrayList<>(rec.kept());
        rec.moved().forEach(m -> result.add(m.to()));
        Rules shared = new Rules(prefs, window, busy);
        for (ScheduledSession k : rec.keptSessions()) {
            if (window.encloses(k.interval())) {
                assertThat(rules(prefs, k.goalId(), window, busy).aloneViolations(k.interval())).as("kept %s", k).isEmpty();
                assertThat(k.interval().end()).isBeforeOrEqualTo(due(prefs, k.goalId()));
            }
        }
        for (Move m : rec.moved()) {
            Rules own = rules(prefs, m.goalId(), window, busy);
            assertThat(own.aloneViolations(m.to())).as("move %s", m).isEmpty();
            assertThat(Rules.monday(own.day(m.to().start()))).as("%s left its ISO week", m)
                    .isEqualTo(Rules.monday(own.day(m.from().start())));
            List<Interval> others = new ArrayList<>(result);
            others.remove(m.to());
            Predicate<Interval> fit = fits(shared, others, due(prefs, m.goalId()));
            assertThat(fit.test(m.to())).as("move %s breaks a shared rule", m).isTrue();
            List<Interval> first = ReconcilePropertiesTest.stages(own, preferred(prefs, m.goalId(), window), m.from(), fit)
                    .stream().filter(l -> !l.isEmpty()).findFirst().orElseThrow();
            assertThat(first).as("%s is not in the first stage with a free slot %s", m, first).contains(m.to());
            long moved = distance(m.from(), m.to());
            for (Interval c : first) {
                long d = distance(m.from(), c);
                assertThat(d < moved || d == moved && c.start().isBefore(m.to().start())).as("%s passed over %s", m, c)
                        .isFalse();
            }
        }
        Map<String, Duration> droppedTime = new HashMap<>();
        for (ScheduledSession d : rec.droppedSessions()) {
            Rules own = rules(prefs, d.goalId(), window, busy);
            for (List<Interval> stage : ReconcilePropertiesTest.stages(own, preferred(prefs, d.goalId(), window),
                    d.interval(), fits(shared, result, due(prefs, d.goalId())))) {
                assertThat(stage).as("%s dropped although its week had a free slot", d).isEmpty();
            }
            droppedTime.merge(d.goalId() + "@" + Rules.monday(own.day(d.interval().start())), d.interval().duration(), Duration::plus);
        }
        Map<String, Duration> reported = new HashMap<>();
        rec.shortfalls().forEach(t -> reported.merge(t.goalId() + "@" + t.weekStart(), t.time(), Duration::plus));
        assertThat(reported).isEqualTo(droppedTime);
    }

    @Property(tries = 30)
    void reconcile_changesNothingWhenBusyTimeIsUnchanged(@ForAll("seeds") long seed) {
        GoalInstances.Multi in = GoalInstances.larger(seed);
        StudyPlan plan = StudyPlanner.create(in.prefs()).propose(in.window(), in.busy(), in.existing());
        List<ScheduledSession> all = new ArrayList<>(in.existing().sessions());
        plan.sessions().forEach(s -> all.add(ScheduledSession.of(s.goalId(), s.interval())));
        List<ScheduledSession> planned = plan.sessions().stream().map(s -> ScheduledSession.of(s.goalId(), s.interval())).toList();
        Reconciliation rec = StudyPlanner.create(in.prefs()).reconcile(in.window(), in.busy(), Schedule.of(all));
        // the new sessions were legal next to the existing ones, so they stay; existing ones may have been off-grid
        assertThat(rec.keptSessions()).containsAll(planned.stream().filter(s -> in.window().encloses(s.interval())).toList());
    }

    /** the rules of a goal's sessions; a goal the preferences do not hold has the preferences' lengths */
    private static Rules rules(StudyPreferences prefs, String goalId, Interval window, IntervalSet busy) {
        return new Rules(prefs.goal(goalId).map(g -> GoalOracle.forGoal(prefs, g)).orElse(prefs), window, busy);
    }

    private static Instant due(StudyPreferences prefs, String goalId) {
        return prefs.goal(goalId).flatMap(StudyGoal::due).orElse(Instant.MAX);
    }

    private static IntervalSet preferred(StudyPreferences prefs, String goalId, Interval window) {
        return prefs.goal(goalId).flatMap(StudyGoal::preferredHours).or(prefs::preferredHours).map(p -> p.within(window))
                .orElse(IntervalSet.empty());
    }

    /** break from every other session, the shared day cap, and the goal's due (no goal target: a move keeps its week) */
    private static Predicate<Interval> fits(Rules shared, List<Interval> others, Instant due) {
        Map<LocalDate, Duration> days = shared.perDay(others);
        return c -> shared.keepsBreak(c, others) && !c.end().isAfter(due)
                && days.getOrDefault(shared.day(c.start()), Duration.ZERO).plus(c.duration()).compareTo(shared.prefs.maxPerDay()) <= 0;
    }

    private static long distance(Interval from, Interval to) {
        return Math.abs(Duration.between(from.start(), to.start()).getSeconds());
    }
}
