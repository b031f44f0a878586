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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of {@link StudyPlanner#reconcile}: scheduled sessions from a legal plan, then new busy time lands. */
class ReconcilePropertiesTest {

    /** A plan made on the old busy time, and the busy time after new meetings landed. */
    record Changed(Instances.Instance before, IntervalSet busyAfter, List<Interval> scheduled) {
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    static Changed changed(long seed) {
        Instances.Instance in = Instances.weeks(seed);
        StudyPlan plan = StudyPlanner.create(in.prefs()).propose(in.window(), in.busy(), List.of());
        Random r = new Random(seed ^ 0x5DEECE66DL);
        List<Interval> scheduled = new ArrayList<>(plan.sessions().stream().map(ProposedSession::interval).toList());
        IntervalSet landed = Instances.randomIntervals(r, in.window().start(), in.window().end(), 3 + r.nextInt(20), 120);
        return new Changed(in, in.busy().union(landed), scheduled);
    }

    @Property(tries = 60)
    void reconcile_keepsEveryLegalSessionUntouchedAndMovesLegally(@ForAll("seeds") long seed) {
        Changed c = changed(seed);
        StudyPreferences prefs = c.before().prefs();
        Interval window = c.before().window();
        Reconciliation r = StudyPlanner.create(prefs).reconcile(window, c.busyAfter(), c.scheduled());
        Rules rules = new Rules(prefs, window, c.busyAfter());
        Statistics.label("moved").collect(r.moved().size());
        Statistics.label("dropped").collect(r.dropped().size());

        // every scheduled session is in exactly one list
        List<Interval> accounted = new ArrayList<>(r.kept());
        r.moved().forEach(m -> accounted.add(m.from()));
        accounted.addAll(r.dropped());
        assertThat(accounted).containsExactlyInAnyOrderElementsOf(c.scheduled());

        // sessions of a legal plan that the new busy time does not touch stay where they are
        for (Interval s : c.scheduled()) {
            if (rules.aloneViolations(s).isEmpty()) {
                assertThat(r.kept()).as("legal session %s", s).contains(s);
            } else {
                assertThat(r.kept()).as("broken session %s", s).doesNotContain(s);
            }
        }

        // the result obeys every rule: kept and moved sessions together
        List<Interval> result = new ArrayList<>(r.kept());
        for (Move m : r.moved()) {
            assertThat(m.to().duration()).isEqualTo(m.from().duration());
            assertThat(rules.aloneViolations(m.to())).as("move %s", m).isEmpty();
            result.add(m.to());
        }
        assertThat(rules.setViolations(result, true)).isEmpty();

        // the move order: same day in preferred hours, same day, other days of the ISO week (preferred first);
        // nearest at every stage; a session is dropped only when its own ISO week has no legal slot left
        IntervalSet preferred = prefs.preferredHours().map(p -> p.within(window)).orElse(IntervalSet.empty());
        for (Move m : r.moved()) {
            List<Interval> others = new ArrayList<>(result);
            others.remove(m.to());
            assertThat(m.goalId()).isEqualTo(StudyPreferences.DEFAULT_GOAL_ID);
            assertThat(Rules.monday(rules.day(m.to().start()))).as("%s left its ISO week", m)
                    .isEqualTo(Rules.monday(rules.day(m.from().start())));
            List<List<Interval>> stages = stages(rules, preferred, m.from(), rules.new Fit(others));
            List<Interval> first = stages.stream().filter(l -> !l.isEmpty()).findFirst().orElseThrow(
                    () -> new AssertionError(m + " moved to a slot no stage holds"));
            assertThat(first).as("%s is not in the first stage with a free slot %s", m, first).contains(m.to());
            for (Interval cand : first) {
                assertThat(distance(m.from(), cand)).as("%s passed over %s", m, cand)
                        .isGreaterThanOrEqualTo(distance(m.from(), m.to()));
            }
        }
        Rules.Fit fit = rules.new Fit(result);
        for (Interval d : r.dropped()) {
            for (List<Interval> stage : stages(rules, preferred, d, fit)) {
                assertThat(stage).as("%s dropped although its week had a free slot", d).isEmpty();
            }
        }
    }

    /**
     * The legal slots of the same length for a session that must move, by stage: its day in preferred hours, its
     * day, the other days of its ISO week inside the window in preferred hours, those days anywhere.
     */
    static List<List<Interval>> stages(Rules rules, IntervalSet preferred, Interval from, java.util.function.Predicate<Interval> fit) {
        LocalDate home = rules.day(from.start());
        LocalDate monday = Rules.monday(home);
        List<List<Interval>> out = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (LocalDate day = monday; day.isBefore(monday.plusWeeks(1)); day = day.plusDays(1)) {
            for (Interval cand : rules.gridCandidates(day, from.duration())) {
                if (!fit.test(cand)) {
                    continue;
                }
                boolean pref = IntervalSet.of(cand).intersection(preferred).totalDuration().equals(cand.duration());
                int stage = (day.equals(home) ? 0 : 2) + (pref ? 0 : 1);
                out.get(stage).add(cand);
                if (pref) {
                    out.get(stage + 1).add(cand);
                }
            }
        }
        return out;
    }

    @Property(tries = 30)
    void reconcile_changesNothingWhenBusyTimeIsUnchanged(@ForAll("seeds") long seed) {
        Changed c = changed(seed);
        Instances.Instance in = c.before();
        Reconciliation r = StudyPlanner.create(in.prefs()).reconcile(in.window(), in.busy(), c.scheduled());
        assertThat(r.isUnchanged()).isTrue();
        assertThat(r.kept()).containsExactlyElementsOf(c.scheduled());
    }

    @Property(tries = 30)
    void reconcile_isDeterministic(@ForAll("seeds") long seed) {
        Changed c = changed(seed);
        StudyPlanner planner = StudyPlanner.create(c.before().prefs());
        List<Interval> reversed = new ArrayList<>(c.scheduled());
        java.util.Collections.reverse(reversed);
        assertThat(planner.reconcile(c.before().window(), c.busyAfter(), reversed))
                .isEqualTo(planner.reconcile(c.before().window(), c.busyAfter(), c.scheduled()));
    }

    private static long distance(Interval from, Interval to) {
        return Math.abs(Duration.between(from.start(), to.start()).getSeconds());
    }
}
