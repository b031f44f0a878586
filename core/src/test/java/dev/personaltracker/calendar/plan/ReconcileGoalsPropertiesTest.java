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

        // every session is in exactly one list, with its goal
        List<ScheduledSession> accounted = new ArrayList<>(rec.keptSessions());
        rec.moved().forEach(m -> accounted.add(ScheduledSession.of(m.goalId(), m.from())));
        accounted.addAll(rec.droppedSessions());
        assertThat(accounted).containsExactlyInAnyOrderElementsOf(scheduled);

        Rules shared = new Rules(prefs, in.window(), busy);
        List<Interval> result = new ArrayList<>(rec.kept());
        rec.moved().forEach(m -> result.add(m.to()));
        assertThat(shared.setViolations(result, false)).as("%s", in).isEmpty();
        for (ScheduledSession s : scheduled) {
            Rules own = rules(prefs, s.goalId(), in.window(), busy);
            boolean legal = own.aloneViolations(s.interval()).isEmpty();
            assertThat(rec.keptSessions().contains(s)).as("%s legal %s", s, legal).isEqualTo(legal);
        }
        for (Move m : rec.moved()) {
            StudyGoal goal = prefs.goal(m.goalId()).orElseThrow();
            Rules own = rules(prefs, m.goalId(), in.window(), busy);
            assertThat(own.aloneViolations(m.to())).as("move %s", m).isEmpty();
            goal.due().ifPresent(due -> assertThat(m.to().end()).isBeforeOrEqualTo(due));
            assertThat(Rules.monday(own.day(m.to().start()))).as("%s left its ISO week", m)
                    .isEqualTo(Rules.monday(own.day(m.from().start())));
            List<Interval> others = new ArrayList<>(result);
            others.remove(m.to());
            List<Interval> first = ReconcilePropertiesTest.stages(own, preferred(prefs, goal, in.window()), m.from(),
                    fits(shared, others, goal)).stream().filter(l -> !l.isEmpty()).findFirst().orElseThrow();
            assertThat(first).as("%s is not in the first stage with a free slot %s", m, first).contains(m.to());
            for (Interval cand : first) {
                assertThat(distance(m.from(), cand)).as("%s passed over %s", m, cand).isGreaterThanOrEqualTo(distance(m.from(), m.to()));
            }
        }
        Map<String, Duration> droppedTime = new HashMap<>();
        for (ScheduledSession d : rec.droppedSessions()) {
            StudyGoal goal = prefs.goal(d.goalId()).orElseThrow();
            Rules own = rules(prefs, d.goalId(), in.window(), busy);
            for (List<Interval> stage : ReconcilePropertiesTest.stages(own, preferred(prefs, goal, in.window()), d.interval(),
                    fits(shared, result, goal))) {
                assertThat(stage).as("%s dropped although its week had a free slot", d).isEmpty();
            }
            droppedTime.merge(d.goalId() + "@" + Rules.monday(own.day(d.interval().start())), d.interval().duration(), Duration::plus);
        }
        Map<String, Duration> reported = new HashMap<>();
        rec.shortfalls().forEach(t -> reported.put(t.goalId() + "@" + t.weekStart(), t.time()));
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

    private static Rules rules(StudyPreferences prefs, String goalId, Interval window, IntervalSet busy) {
        return new Rules(GoalOracle.forGoal(prefs, prefs.goal(goalId).orElseThrow()), window, busy);
    }

    private static IntervalSet preferred(StudyPreferences prefs, StudyGoal goal, Interval window) {
        return goal.preferredHours().or(prefs::preferredHours).map(p -> p.within(window)).orElse(IntervalSet.empty());
    }

    /** break from every other session, the shared day cap, and the goal's due (no goal target: a move keeps its week) */
    private static Predicate<Interval> fits(Rules shared, List<Interval> others, StudyGoal goal) {
        Map<LocalDate, Duration> days = shared.perDay(others);
        Instant due = goal.due().orElse(Instant.MAX);
        return c -> shared.keepsBreak(c, others) && !c.end().isAfter(due)
                && days.getOrDefault(shared.day(c.start()), Duration.ZERO).plus(c.duration()).compareTo(shared.prefs.maxPerDay()) <= 0;
    }

    private static long distance(Interval from, Interval to) {
        return Math.abs(Duration.between(from.start(), to.start()).getSeconds());
    }
}
