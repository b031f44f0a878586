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
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of {@link StudyPlanner#propose} with several goals (one with a deadline, DST weeks included): every
 * shared and per-goal rule, the stated objective against brute force, the shortfall per goal, determinism.
 */
class StudyGoalsPropertiesTest {

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 150)
    void propose_everyGoalWeekStepEqualsTheBruteForceOptimum(@ForAll("seeds") long seed) {
        GoalInstances.Multi in = GoalInstances.small(seed);
        StudyPlan plan = StudyPlanner.create(in.prefs()).propose(in.window(), in.busy(), in.existing());
        Statistics.label("sessions placed").collect(plan.sessions().size());
        GoalOracle.assertEveryStepOptimal(in, plan);
        assertLegal(in, plan);
    }

    @Property(tries = 60)
    void propose_obeysEveryRuleWithSeveralGoalsOnLargerCalendars(@ForAll("seeds") long seed) {
        GoalInstances.Multi in = GoalInstances.larger(seed);
        StudyPlan plan = StudyPlanner.create(in.prefs()).propose(in.window(), in.busy(), in.existing());
        assertLegal(in, plan);
    }

    @Property(tries = 60)
    void propose_reportsEachGoalsShortfallAndDeadlineStatus(@ForAll("seeds") long seed) {
        GoalInstances.Multi in = GoalInstances.larger(seed);
        StudyPlan plan = StudyPlanner.create(in.prefs()).propose(in.window(), in.busy(), in.existing());
        assertShortfalls(in, plan);
    }

    /** Each goal's shortfall, per week and in total, and a deadline goal's status, recomputed from the sessions. */
    static void assertShortfalls(GoalInstances.Multi in, StudyPlan plan) {
        Rules rules = new Rules(in.prefs(), in.window(), in.busy());
        Duration sum = Duration.ZERO;
        assertThat(plan.goals()).extracting(GoalSummary::goalId)
                .containsExactlyElementsOf(in.prefs().goals().stream().map(StudyGoal::id).toList());
        for (StudyGoal goal : in.prefs().goals()) {
            GoalSummary s = plan.goal(goal.id()).orElseThrow();
            List<Interval> mine = GoalOracle.mine(plan, goal.id());
            List<Interval> own = GoalOracle.of(in.existing().sessions(), goal.id());
            Duration placed = mine.stream().map(Interval::duration).reduce(Duration.ZERO, Duration::plus);
            assertThat(s.placed()).isEqualTo(placed);
            assertThat(s.weeks().stream().map(WeekSummary::placed).reduce(Duration.ZERO, Duration::plus)).isEqualTo(placed);
            Duration expected;
            if (goal.isDeadline()) {
                Instant due = goal.due().orElseThrow();
                long e = own.stream().mapToLong(i -> GoalOracle.overlap(i, in.window().start(), due)).sum();
                assertThat(s.existing()).isEqualTo(Duration.ofSeconds(e));
                expected = max(Duration.ZERO, goal.amount().minus(s.existing()).minus(placed));
                DeadlineStatus d = s.deadline().orElseThrow();
                assertThat(d.planned()).isEqualTo(s.existing().plus(placed));
                assertThat(d.missing()).isEqualTo(expected);
                // a due with a fraction of a second counts as the whole second before it
                assertThat(d.onTrack()).isEqualTo(!d.planned().minus(d.pace()).isNegative()
                        && Instant.ofEpochSecond(due.getEpochSecond()).isAfter(in.window().start()));
                if (!due.isAfter(in.window().end())) {
                    assertThat(d.pace()).isEqualTo(goal.amount());
                }
                assertThat(d.summary()).startsWith(Shortfalls.hours(d.planned()) + " of " + Shortfalls.hours(goal.amount())
                        + " planned before");
                Statistics.label("deadline on track").collect(d.onTrack());
            } else {
                Map<LocalDate, Duration> ownWeeks = GoalOracle.countedPerWeek(rules, own);
                Map<LocalDate, Duration> placedWeeks = rules.perWeek(mine);
                expected = Duration.ZERO;
                for (WeekSummary w : s.weeks()) {
                    Duration e = ownWeeks.getOrDefault(w.weekStart(), Duration.ZERO);
                    Duration p = placedWeeks.getOrDefault(w.weekStart(), Duration.ZERO);
                    assertThat(w.existing()).isEqualTo(e);
                    assertThat(w.placed()).isEqualTo(p);
                    Duration missing = max(Duration.ZERO, goal.amount().minus(e).minus(p));
                    assertThat(w.shortfall()).isEqualTo(missing);
                    assertThat(w.reasons().isEmpty()).isEqualTo(missing.isZero());
                    expected = expected.plus(missing);
                }
                assertThat(s.deadline()).isEmpty();
            }
            assertThat(s.shortfall()).isEqualTo(expected);
            assertThat(plan.shortfall(goal.id())).isEqualTo(expected);
            sum = sum.plus(expected);
        }
        assertThat(plan.shortfall()).isEqualTo(sum);
    }

    @Property(tries = 40)
    void propose_isDeterministicWhateverTheOrderOfExistingSessions(@ForAll("seeds") long seed) {
        GoalInstances.Multi in = GoalInstances.larger(seed);
        StudyPlan first = StudyPlanner.create(in.prefs()).propose(in.window(), in.busy(), in.existing());
        List<ScheduledSession> reversed = new ArrayList<>(in.existing().sessions());
        Collections.reverse(reversed);
        StudyPlan second = StudyPlanner.create(in.prefs()).propose(in.window(), IntervalSet.of(in.busy().intervals()),
                Schedule.of(reversed));
        assertThat(second).isEqualTo(first);
    }

    @Property(tries = 40)
    void propose_addsNoWeeklyTimeWhenItsOwnSessionsAreGivenBack(@ForAll("seeds") long seed) {
        GoalInstances.Multi in = GoalInstances.larger(seed);
        StudyPlanner planner = StudyPlanner.create(in.prefs());
        StudyPlan first = planner.propose(in.window(), in.busy(), in.existing());
        List<ScheduledSession> all = new ArrayList<>(in.existing().sessions());
        first.sessions().forEach(s -> all.add(ScheduledSession.of(s.goalId(), s.interval())));
        StudyPlan again = planner.propose(in.window(), in.busy(), Schedule.of(all));
        for (StudyGoal g : in.prefs().goals()) {
            if (!g.isDeadline()) {
                // every week of a weekly goal was at its optimum given the goals before it: nothing more fits
                assertThat(again.sessions(g.id())).as("goal %s\n%s", g.id(), in).isEmpty();
                assertThat(again.shortfall(g.id())).isEqualTo(first.shortfall(g.id()));
            }
        }
    }

    @Property(tries = 40)
    void propose_withOneGoalEqualsTheListFormUnderAnyId(@ForAll("seeds") long seed) {
        Instances.Instance in = Instances.weeks(seed);
        StudyPlan list = StudyPlanner.create(in.prefs()).propose(in.window(), in.busy(), in.existing());
        StudyPreferences renamed = copyWithGoal(in.prefs(), StudyGoal.weekly("algebra", in.prefs().weeklyGoal()));
        StudyPlan schedule = StudyPlanner.create(renamed).propose(in.window(), in.busy(), Schedule.of("algebra", in.existing()));
        assertThat(schedule.sessions()).extracting(ProposedSession::interval)
                .containsExactlyElementsOf(list.sessions().stream().map(ProposedSession::interval).toList());
        assertThat(schedule.sessions()).allMatch(s -> s.goalId().equals("algebra"));
        assertThat(schedule.weeks()).isEqualTo(list.weeks());
        assertThat(schedule.shortfall("algebra")).isEqualTo(list.shortfall());
    }

    @Property(tries = 60)
    void propose_spreadsADeadlineEvenlyOverTheWeeksWhenFreeTimeAllows(@ForAll("seeds") long seed) {
        // one deadline goal, lots of free time: the time done by the end of each week follows the even pace
        GoalInstances.Multi base = GoalInstances.larger(seed);
        StudyGoal exam = base.prefs().goals().stream().filter(StudyGoal::isDeadline).findFirst().orElseThrow();
        Instant due = exam.due().orElseThrow();
        if (!due.isBefore(base.window().end())) {
            due = base.window().end();
        }
        StudyGoal small = StudyGoal.byDeadline("exam", Duration.ofMinutes(30L * (1 + Math.floorMod(seed, 12))), due);
        StudyPreferences prefs = copyWithGoal(base.prefs(), small);
        StudyPlan plan = StudyPlanner.create(prefs).propose(base.window(), IntervalSet.empty(), Schedule.empty());
        if (!plan.shortfall("exam").isZero()) {
            Statistics.label("spread").collect("short of free time");
            return;
        }
        Statistics.label("spread").collect("checked");
        Rules rules = new Rules(prefs, base.window(), IntervalSet.empty());
        long total = small.amount().getSeconds();
        long spanAll = Duration.between(base.window().start(), due).getSeconds();
        long g = prefs.granularity().getSeconds();
        // the rest rule moves a week's time by less than one shortest session (on the grid) either way
        long shortest = GoalOracle.ceilDiv(prefs.minSession().getSeconds(), g) * g;
        long done = 0;
        boolean caughtUp = true;
        for (WeekSummary w : plan.goal("exam").orElseThrow().weeks()) {
            done += w.placed().getSeconds();
            // a week whose free time could not hold its share is caught up by the later ones, which then stay
            // below the even pace until the due
            caughtUp &= w.goalMet();
            Instant end = GoalOracle.min(rules.weekInterval(w.weekStart()).end(), due);
            long pace = Math.floorDiv(total * Duration.between(base.window().start(), end).getSeconds(), spanAll);
            if (caughtUp) {
                assertThat(done).as("week %s behind the even pace %s by a session", w.weekStart(), pace)
                        .isGreaterThan(pace - shortest);
            }
            assertThat(done).as("week %s ahead of the even pace %s by two steps and a session", w.weekStart(), pace)
                    .isLessThan(pace + 2 * g + shortest);
        }
        assertThat(done).isEqualTo(total);
        Statistics.label("a week caught up").collect(!caughtUp);
    }

    static StudyPreferences copyWithGoal(StudyPreferences p, StudyGoal goal) {
        StudyPreferences.Builder b = StudyPreferences.builder(p.zone()).studyHours(p.studyHours()).maxPerDay(p.maxPerDay())
                .buffer(p.buffer()).breakBetweenSessions(p.breakBetweenSessions()).granularity(p.granularity())
                .sessionLength(p.minSession(), p.maxSession()).goals(goal);
        p.preferredHours().ifPresent(b::preferredHours);
        return b.build();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Every shared rule over all goals, each goal's own rules, and no goal above its target. */
    static void assertLegal(GoalInstances.Multi in, StudyPlan plan) {
        StudyPreferences prefs = in.prefs();
        Rules shared = new Rules(prefs, in.window(), in.busy());
        List<Interval> existing = in.existing().intervals();
        List<Interval> all = new ArrayList<>(existing);
        Instant previous = Instant.MIN;
        for (ProposedSession s : plan.sessions()) {
            StudyGoal goal = prefs.goal(s.goalId()).orElseThrow(() -> new AssertionError("unknown goal " + s));
            Rules own = new Rules(GoalOracle.forGoal(prefs, goal), in.window(), in.busy());
            assertThat(own.aloneViolations(s.interval())).as("%s\n%s", s, in).isEmpty();
            goal.due().ifPresent(due -> assertThat(s.interval().end()).as("%s after due\n%s", s, in).isBeforeOrEqualTo(due));
            assertThat(s.interval().start()).isAfterOrEqualTo(previous);
            previous = s.interval().start();
            all.add(s.interval());
        }
        List<String> before = shared.setViolations(existing, false);
        List<String> after = shared.setViolations(all, false);
        after.removeAll(before);
        assertThat(after).as("%s", in).isEmpty();
        for (StudyGoal goal : prefs.goals()) {
            List<Interval> own = GoalOracle.of(in.existing().sessions(), goal.id());
            List<Interval> mine = GoalOracle.mine(plan, goal.id());
            if (goal.isDeadline()) {
                Instant due = goal.due().orElseThrow();
                long e = own.stream().mapToLong(i -> GoalOracle.overlap(i, in.window().start(), due)).sum();
                long p = mine.stream().mapToLong(i -> i.duration().getSeconds()).sum();
                assertThat(p == 0 || e + p <= goal.amount().getSeconds()).as("goal %s above its total\n%s", goal.id(), in)
                        .isTrue();
            } else {
                Map<LocalDate, Duration> ownWeeks = shared.perWeek(own);
                List<Interval> both = new ArrayList<>(own);
                both.addAll(mine);
                for (Map.Entry<LocalDate, Duration> w : shared.perWeek(both).entrySet()) {
                    Duration limit = max(goal.amount(), ownWeeks.getOrDefault(w.getKey(), Duration.ZERO));
                    assertThat(w.getValue()).as("goal %s week %s\n%s", goal.id(), w.getKey(), in).isLessThanOrEqualTo(limit);
                }
            }
        }
    }
}
