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

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of {@link StudyPlanner#propose}: every rule, optimality against brute force, determinism. */
class StudyPlannerPropertiesTest {

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 200)
    void propose_equalsBruteForceOptimumOnTinyWeeks(@ForAll("seeds") long seed) {
        Instances.Instance in = Instances.tiny(seed);
        StudyPlan plan = StudyPlanner.create(in.prefs()).propose(in.window(), in.busy(), in.existing());
        Oracle oracle = new Oracle(in);
        Oracle.Score best = oracle.best();
        List<Interval> placed = plan.sessions().stream().map(ProposedSession::interval).toList();
        Oracle.Score mine = oracle.score(placed);
        Statistics.label("placements enumerated").collect(bucket(oracle.placements()));
        Statistics.label("sessions placed").collect(placed.size());

        assertThat(mine.totalSeconds()).as("total (%d placements enumerated)\n%s", oracle.placements(), in)
                .isEqualTo(best.totalSeconds());
        assertThat(mine.preferredSeconds()).as("preferred seconds\n%s", in).isEqualTo(best.preferredSeconds());
        assertThat(mine.daysWithStudy()).as("days with study\n%s", in).isEqualTo(best.daysWithStudy());
        assertThat(mine.positionSum()).as("position sum\n%s", in).isEqualTo(best.positionSum());
        assertLegal(in, plan);
    }

    @Property(tries = 80)
    void propose_isOptimalWeekByWeekAcrossASundayMidnight(@ForAll("seeds") long seed) {
        Instances.Instance in = Instances.tinyAcrossWeeks(seed);
        StudyPlan plan = StudyPlanner.create(in.prefs()).propose(in.window(), in.busy(), in.existing());
        Rules rules = new Rules(in.prefs(), in.window(), in.busy());
        Instant monday = Rules.monday(rules.day(in.window().end().minusNanos(1))).atStartOfDay(in.prefs().zone()).toInstant();
        List<Interval> fixed = new ArrayList<>(in.existing());
        // the documented semantics: each week is optimal given the sessions of the weeks before it
        for (Interval part : List.of(Interval.of(in.window().start(), monday), Interval.of(monday, in.window().end()))) {
            Oracle oracle = new Oracle(new Instances.Instance(in.prefs(), part, in.busy(), fixed));
            List<Interval> mine = plan.sessions().stream().map(ProposedSession::interval).filter(part::encloses).toList();
            assertThat(oracle.score(mine)).as("week of %s\n%s", part, in).isEqualTo(oracle.best());
            fixed.addAll(mine);
        }
        assertLegal(in, plan);
    }

    @Property(tries = 60)
    void propose_obeysEveryRuleOnLargerCalendars(@ForAll("seeds") long seed) {
        Instances.Instance in = Instances.weeks(seed);
        StudyPlan plan = StudyPlanner.create(in.prefs()).propose(in.window(), in.busy(), in.existing());
        assertLegal(in, plan);
    }

    @Property(tries = 60)
    void propose_shortfallIsGoalMinusExistingMinusPlacedPerWeek(@ForAll("seeds") long seed) {
        Instances.Instance in = Instances.weeks(seed);
        StudyPlan plan = StudyPlanner.create(in.prefs()).propose(in.window(), in.busy(), in.existing());
        Rules rules = new Rules(in.prefs(), in.window(), in.busy());
        List<Interval> placed = plan.sessions().stream().map(ProposedSession::interval).toList();
        Map<LocalDate, Duration> placedPerWeek = rules.perWeek(placed);
        Map<LocalDate, Duration> existingPerWeek = rules.perWeek(in.existing());
        Duration sum = Duration.ZERO;
        LocalDate monday = Rules.monday(rules.day(in.window().start()));
        for (WeekSummary w : plan.weeks()) {
            assertThat(w.weekStart()).isEqualTo(monday);
            Duration p = placedPerWeek.getOrDefault(monday, Duration.ZERO);
            Duration e = existingPerWeek.getOrDefault(monday, Duration.ZERO);
            Duration expected = in.prefs().weeklyGoal().minus(e).minus(p);
            expected = expected.isNegative() ? Duration.ZERO : expected;
            assertThat(w.placed()).isEqualTo(p);
            assertThat(w.existing()).isEqualTo(e);
            assertThat(w.shortfall()).isEqualTo(expected);
            if (expected.isZero()) {
                assertThat(w.reasons()).as("reasons for %s", w).isEmpty();
            } else {
                // a shortfall that only rules together cause has no single reason; count how often that happens
                Statistics.label("shortfall explained").collect(!w.reasons().isEmpty());
            }
            if (!rules.weekInterval(monday).start().isBefore(in.window().start())
                    && !rules.weekInterval(monday).end().isAfter(in.window().end())) {
                assertThat(w.reasons()).doesNotContain(ShortfallReason.WINDOW_EDGE);
            } else if (!expected.isZero()) {
                assertThat(w.reasons()).contains(ShortfallReason.WINDOW_EDGE);
            }
            sum = sum.plus(expected);
            monday = monday.plusWeeks(1);
        }
        assertThat(monday).isAfter(rules.day(in.window().end().minusNanos(1)));
        assertThat(plan.shortfall()).isEqualTo(sum);
    }

    @Property(tries = 40)
    void propose_isDeterministic(@ForAll("seeds") long seed) {
        Instances.Instance in = Instances.weeks(seed);
        StudyPlanner planner = StudyPlanner.create(in.prefs());
        StudyPlan first = planner.propose(in.window(), in.busy(), in.existing());
        List<Interval> shuffled = new ArrayList<>(in.existing());
        java.util.Collections.reverse(shuffled);
        StudyPlan second = StudyPlanner.create(in.prefs()).propose(in.window(), IntervalSet.of(in.busy().intervals()), shuffled);
        assertThat(second).isEqualTo(first);
    }

    @Property(tries = 40)
    void propose_placesNothingNewWhenExistingSessionsMeetTheGoal(@ForAll("seeds") long seed) {
        Instances.Instance in = Instances.weeks(seed);
        StudyPlanner planner = StudyPlanner.create(in.prefs());
        StudyPlan first = planner.propose(in.window(), in.busy(), in.existing());
        List<Interval> all = new ArrayList<>(in.existing());
        first.sessions().forEach(s -> all.add(s.interval()));
        StudyPlan again = planner.propose(in.window(), in.busy(), all);
        // every week was already at its optimum, so nothing more fits
        assertThat(again.sessions()).isEmpty();
        assertThat(again.shortfall()).isEqualTo(first.shortfall());
    }

    private static String bucket(long n) {
        return n < 10 ? "<10" : n < 100 ? "<100" : n < 1000 ? "<1000" : n < 10000 ? "<10000" : ">=10000";
    }

    static void assertLegal(Instances.Instance in, StudyPlan plan) {
        Rules rules = new Rules(in.prefs(), in.window(), in.busy());
        List<Interval> all = new ArrayList<>(in.existing());
        Instant previous = Instant.MIN;
        for (ProposedSession s : plan.sessions()) {
            assertThat(rules.aloneViolations(s.interval())).as("%s\n%s", s, in).isEmpty();
            assertThat(s.interval().start()).isAfterOrEqualTo(previous);
            previous = s.interval().start();
            all.add(s.interval());
        }
        // existing sessions may already break rules among themselves; new ones must add no violation
        List<String> before = rules.setViolations(in.existing(), false);
        List<String> after = rules.setViolations(all, false);
        after.removeAll(before);
        assertThat(after).as("%s", in).isEmpty();
        Map<LocalDate, Duration> weeks = rules.perWeek(all);
        Map<LocalDate, Duration> existingWeeks = rules.perWeek(in.existing());
        for (Map.Entry<LocalDate, Duration> e : weeks.entrySet()) {
            Duration limit = max(in.prefs().weeklyGoal(), existingWeeks.getOrDefault(e.getKey(), Duration.ZERO));
            assertThat(e.getValue()).as("week %s\n%s", e.getKey(), in).isLessThanOrEqualTo(limit);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
