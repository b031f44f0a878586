package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Brute force for several goals, written from {@link StudyPlanner}'s Javadoc (not from the planner's code):
 * <ul>
 * <li>{@link #assertEveryStepOptimal}: the stated objective. Goals in rank order, each goal's weeks in order; every
 *     step must equal the single-goal brute force ({@link Oracle}) given every session fixed before it, with the
 *     week's target computed here by the stated spread rule for a deadline goal.</li>
 * <li>{@link #joint}: the ideal the sequential objective is measured against: over every legal joint placement of
 *     all goals at once, the greatest placed time per goal, lexicographically in rank order.</li>
 * </ul>
 */
final class GoalOracle {

    private GoalOracle() {
    }

    static final Comparator<StudyGoal> RANK_ORDER = Comparator.comparingInt(StudyGoal::priority).reversed()
            .thenComparing(g -> !g.isDeadline())
            .thenComparing(g -> g.due().orElse(Instant.MAX));

    /** @return the goals in rank order (a stable sort keeps the given order last) */
    static List<StudyGoal> ranked(StudyPreferences prefs) {
        List<StudyGoal> out = new ArrayList<>(prefs.goals());
        out.sort(RANK_ORDER);
        return out;
    }

    /** the preferences one goal is planned with: its own lengths and preferred hours, the shared rest */
    static StudyPreferences forGoal(StudyPreferences p, StudyGoal g) {
        StudyPreferences.Builder b = StudyPreferences.builder(p.zone()).studyHours(p.studyHours()).maxPerDay(p.maxPerDay())
                .buffer(p.buffer()).breakBetweenSessions(p.breakBetweenSessions()).granularity(p.granularity())
                .sessionLength(g.minSession().orElse(p.minSession()), g.maxSession().orElse(p.maxSession()));
        g.preferredHours().or(p::preferredHours).ifPresent(b::preferredHours);
        return b.build();
    }

    static List<Interval> of(List<ScheduledSession> s, String goal) {
        return s.stream().filter(x -> x.goalId().equals(goal)).map(ScheduledSession::interval).toList();
    }

    static List<Interval> mine(StudyPlan plan, String goal) {
        return plan.sessions(goal).stream().map(ProposedSession::interval).toList();
    }

    /**
     * The time an existing session counts in {@code [a, b)}, as the Javadoc states it: the part inside, rounded up to
     * a whole second; a bound with a fraction of a second (a due) counts as the whole second before it.
     */
    static long overlap(Interval s, Instant a, Instant b) {
        Instant to = Instant.ofEpochSecond(b.getEpochSecond());
        if (!a.isBefore(to)) {
            return 0;
        }
        Duration d = Rules.overlap(s, Interval.of(a, to));
        return d.getNano() == 0 ? d.getSeconds() : d.getSeconds() + 1;
    }

    /** @return per ISO week, the time the sessions count in it ({@link #overlap} per session) */
    static Map<LocalDate, Duration> countedPerWeek(Rules rules, List<Interval> sessions) {
        Map<LocalDate, Duration> m = new HashMap<>();
        for (Interval s : sessions) {
            for (LocalDate w = Rules.monday(rules.day(s.start())); !w.isAfter(rules.day(s.end().minusNanos(1))); w = w.plusWeeks(1)) {
                Interval wk = rules.weekInterval(w);
                m.merge(w, Duration.ofSeconds(overlap(s, wk.start(), wk.end())), Duration::plus);
            }
        }
        return m;
    }

    static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Asserts that every (goal, week) step of the plan is the brute-force optimum the Javadoc states. */
    static void assertEveryStepOptimal(GoalInstances.Multi in, StudyPlan plan) {
        StudyPreferences prefs = in.prefs();
        Rules rules = new Rules(prefs, in.window(), in.busy());
        Instant ws = in.window().start();
        Instant we = in.window().end();
        LocalDate firstMonday = Rules.monday(rules.day(ws));
        LocalDate lastMonday = Rules.monday(rules.day(we.minusNanos(1)));
        List<Interval> fixed = new ArrayList<>(in.existing().intervals());
        long g = prefs.granularity().getSeconds();
        for (StudyGoal goal : ranked(prefs)) {
            StudyPreferences gp = forGoal(prefs, goal);
            List<Interval> ownExisting = of(in.existing().sessions(), goal.id());
            List<Interval> ours = mine(plan, goal.id());
            List<Interval> before = new ArrayList<>(fixed);
            Instant due = goal.due().orElse(Instant.MAX);
            Instant spanEnd = min(due, we);
            // the weeks planned: weekly goals every grid week, deadline goals those holding part of [ws, min(due, we))
            List<LocalDate> weeks = new ArrayList<>();
            for (LocalDate m = firstMonday; !m.isAfter(lastMonday); m = m.plusWeeks(1)) {
                Instant a = max(ws, rules.weekInterval(m).start());
                if (!goal.isDeadline() || a.isBefore(min(spanEnd, rules.weekInterval(m).end()))) {
                    weeks.add(m);
                }
            }
            long[] span = new long[weeks.size()];
            long[] own = new long[weeks.size()];
            long[] capacity = new long[weeks.size()];
            List<Set<Long>> alone = new ArrayList<>();
            List<Set<Long>> holdable = new ArrayList<>();
            long ownBeyond = 0;
            long beyondSpan = 0;
            if (goal.isDeadline()) {
                Instant lastEnd = weeks.isEmpty() ? ws : rules.weekInterval(weeks.get(weeks.size() - 1)).end();
                for (int w = 0; w < weeks.size(); w++) {
                    Interval wk = rules.weekInterval(weeks.get(w));
                    span[w] = Duration.between(max(ws, wk.start()), min(spanEnd, wk.end())).getSeconds();
                    for (Interval e : ownExisting) {
                        own[w] += overlap(e, max(ws, wk.start()), min(due, wk.end()));
                    }
                    Oracle o = step(in, gp, weeks.get(w), due, before, ownExisting, Long.MAX_VALUE / 4);
                    capacity[w] = o.best().totalSeconds();
                    alone.add(o.totals());
                }
                // the rests the weeks after w, each alone, can hold together: every sum of one total of each
                for (int w = weeks.size() - 1; w >= 0; w--) {
                    Set<Long> sums = new HashSet<>();
                    if (w == weeks.size() - 1) {
                        sums.add(0L);
                    } else {
                        for (long a : alone.get(w + 1)) {
                            for (long b : holdable.get(0)) {
                                sums.add(a + b);
                            }
                        }
                    }
                    holdable.add(0, sums);
                }
                for (Interval e : ownExisting) {
                    ownBeyond += overlap(e, max(ws, lastEnd), due);
                }
                beyondSpan = due.isAfter(max(we, ws)) ? Duration.between(max(we, ws), due).getSeconds() : 0;
            }
            long total = goal.amount().getSeconds();
            long done = 0;
            List<Interval> ownSoFar = new ArrayList<>(ownExisting);
            for (int w = 0; w < weeks.size(); w++) {
                LocalDate monday = weeks.get(w);
                Interval wk = rules.weekInterval(monday);
                long weekTarget;
                if (goal.isDeadline()) {
                    long need = Math.max(0, total - done);
                    long spanLeft = beyondSpan;
                    long later = ownBeyond;
                    long capLater = 0;
                    for (int j = w; j < weeks.size(); j++) {
                        spanLeft += span[j];
                        later += j > w ? own[j] : 0;
                        capLater += j > w ? capacity[j] : 0;
                    }
                    long even = spanLeft == 0 ? need
                            : Math.min(need, ceilDiv(ceilDiv(need * span[w], spanLeft), g) * g);
                    long freeNeed = Math.max(0, need - own[w] - later);
                    long floor = beyondSpan > 0 ? 0 : freeNeed - capLater;
                    long target = Math.max(0, Math.min(freeNeed, Math.max(even - own[w], floor)));
                    long ownWeek = rules.perWeek(ownSoFar).getOrDefault(monday, Duration.ZERO).getSeconds();
                    weekTarget = target + ownWeek;
                    // the rest rule: a rest (in whole steps) the later weeks cannot hold exactly, while they remain
                    Oracle plain = step(in, gp, monday, due, fixed, ownSoFar, weekTarget);
                    long full = freeNeed / g * g;
                    long shortest = ceilDiv(gp.minSession().getSeconds(), g) * g;
                    long placedPlain = plain == null ? 0 : plain.best().totalSeconds();
                    Set<Long> laterTotals = holdable.get(w);
                    boolean beyond = beyondSpan > 0;
                    LongPredicate holds = rest -> beyond ? rest == 0 || rest >= shortest : laterTotals.contains(rest);
                    if (plain != null && w < weeks.size() - 1 && full > placedPlain && !holds.test(full - placedPlain)) {
                        Set<Long> here = step(in, gp, monday, due, fixed, ownSoFar, full + ownWeek).totals();
                        long x = -1;
                        for (long t : here) {
                            long d = Math.abs(t - placedPlain);
                            if (holds.test(full - t) && (x < 0 || d < Math.abs(x - placedPlain)
                                    || d == Math.abs(x - placedPlain) && t > x)) {
                                x = t;
                            }
                        }
                        if (x >= 0) {
                            weekTarget = x + ownWeek;
                        }
                    }
                } else {
                    weekTarget = goal.amount().getSeconds();
                }
                Oracle o = step(in, gp, monday, due, fixed, ownSoFar, weekTarget);
                List<Interval> mineNow = ours.stream().filter(wk::encloses).toList();
                Oracle.Score best = o == null ? null : o.best();
                if (o == null) {
                    assertThat(mineNow).as("goal %s week %s has no room\n%s", goal.id(), monday, in).isEmpty();
                } else {
                    assertThat(o.score(mineNow)).as("goal %s week %s: %s\n%s", goal.id(), monday, mineNow, in).isEqualTo(best);
                }
                fixed.addAll(mineNow);
                ownSoFar.addAll(mineNow);
                if (goal.isDeadline()) {
                    done += own[w] + mineNow.stream().mapToLong(i -> i.duration().getSeconds()).sum();
                }
            }
            // nothing outside the weeks planned, nothing after the due
            assertThat(ownSoFar.size() - ownExisting.size()).as("goal %s sessions %s\n%s", goal.id(), ours, in)
                    .isEqualTo(ours.size());
            for (Interval s : ours) {
                assertThat(s.end()).as("goal %s ends after its due\n%s", goal.id(), in).isBeforeOrEqualTo(due);
            }
        }
    }

    /** the single-goal brute force of one week of one goal, or null if the week has no room inside the window */
    private static Oracle step(GoalInstances.Multi in, StudyPreferences gp, LocalDate monday, Instant due, List<Interval> fixed,
            List<Interval> own, long weekTarget) {
        Rules rules = new Rules(gp, in.window(), in.busy());
        Interval wk = rules.weekInterval(monday);
        Instant a = max(in.window().start(), wk.start());
        Instant b = min(min(in.window().end(), wk.end()), due);
        if (!a.isBefore(b)) {
            return null;
        }
        return new Oracle(new Instances.Instance(gp, Interval.of(a, b), in.busy(), fixed), own, weekTarget);
    }

    static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** The joint optimum: per goal (rank order) the placed seconds, and how many nodes the search visited. */
    record Joint(long[] placed, long nodes, boolean complete) {
    }

    /** Enumerates every legal joint placement of all goals (at most maxNodes nodes). */
    static Joint joint(GoalInstances.Multi in, long maxNodes) {
        StudyPreferences prefs = in.prefs();
        List<StudyGoal> goals = ranked(prefs);
        Rules shared = new Rules(prefs, in.window(), in.busy());
        List<Interval> fixed = in.existing().intervals();
        record Cand(Interval i, int goal, LocalDate day, LocalDate monday, long seconds) {
        }
        List<Cand> cands = new ArrayList<>();
        long[] budget = new long[goals.size()];
        Map<String, Long> weekLeft = new HashMap<>();
        for (int gi = 0; gi < goals.size(); gi++) {
            StudyGoal goal = goals.get(gi);
            StudyPreferences gp = forGoal(prefs, goal);
            Rules r = new Rules(gp, in.window(), in.busy());
            Instant due = goal.due().orElse(Instant.MAX);
            List<Interval> own = of(in.existing().sessions(), goal.id());
            if (goal.isDeadline()) {
                long e = 0;
                for (Interval o : own) {
                    e += overlap(o, in.window().start(), due);
                }
                budget[gi] = goal.amount().getSeconds() - e;
            }
            for (LocalDate d = r.day(in.window().start()); !d.isAfter(r.day(in.window().end())); d = d.plusDays(1)) {
                for (Duration len = prefs.granularity(); len.compareTo(gp.maxSession()) <= 0; len = len.plus(prefs.granularity())) {
                    for (Interval c : r.gridCandidates(d, len)) {
                        if (!c.end().isAfter(due) && r.keepsBreak(c, fixed)) {
                            cands.add(new Cand(c, gi, d, Rules.monday(d), c.duration().getSeconds()));
                            String key = gi + "@" + Rules.monday(d);
                            if (!goal.isDeadline() && !weekLeft.containsKey(key)) {
                                weekLeft.put(key, goal.amount().getSeconds()
                                        - r.perWeek(own).getOrDefault(Rules.monday(d), Duration.ZERO).getSeconds());
                            }
                        }
                    }
                }
            }
        }
        cands.sort(Comparator.comparing(Cand::i));
        Map<LocalDate, Long> perDay = new HashMap<>();
        shared.perDay(fixed).forEach((d, v) -> perDay.put(d, v.getSeconds()));
        long cap = prefs.maxPerDay().getSeconds();
        Duration brk = prefs.breakBetweenSessions();
        long[] best = null;
        long[] cur = new long[goals.size()];
        long nodes = 0;
        // explicit stack: candidate index to try next, chosen candidate per depth
        int n = cands.size();
        int[] chosen = new int[n + 1];
        int[] next = new int[n + 1];
        int depth = 0;
        next[0] = 0;
        best = cur.clone();
        while (depth >= 0) {
            if (nodes++ > maxNodes) {
                return new Joint(best, nodes, false);
            }
            int i = next[depth];
            boolean descended = false;
            for (; i < n; i++) {
                Cand c = cands.get(i);
                if (depth > 0 && cands.get(chosen[depth - 1]).i().padded(brk, brk).overlaps(c.i())) {
                    continue;
                }
                long day = perDay.getOrDefault(c.day(), 0L);
                if (day + c.seconds() > cap) {
                    continue;
                }
                StudyGoal goal = goals.get(c.goal());
                String key = c.goal() + "@" + c.monday();
                long left = goal.isDeadline() ? budget[c.goal()] : weekLeft.get(key);
                if (c.seconds() > left) {
                    continue;
                }
                // take c
                perDay.put(c.day(), day + c.seconds());
                if (goal.isDeadline()) {
                    budget[c.goal()] -= c.seconds();
                } else {
                    weekLeft.put(key, left - c.seconds());
                }
                cur[c.goal()] += c.seconds();
                if (Arrays.compare(cur, best) > 0) {
                    best = cur.clone();
                }
                next[depth] = i + 1;
                chosen[depth] = i;
                depth++;
                next[depth] = i + 1;
                descended = true;
                break;
            }
            if (!descended) {
                // undo the choice that led here
                depth--;
                if (depth >= 0) {
                    Cand c = cands.get(chosen[depth]);
                    perDay.merge(c.day(), -c.seconds(), Long::sum);
                    StudyGoal goal = goals.get(c.goal());
                    if (goal.isDeadline()) {
                        budget[c.goal()] += c.seconds();
                    } else {
                        weekLeft.merge(c.goal() + "@" + c.monday(), c.seconds(), Long::sum);
                    }
                    cur[c.goal()] -= c.seconds();
                }
            }
        }
        return new Joint(best, nodes, true);
    }

    /** per goal in rank order, the seconds the plan placed */
    static long[] placed(GoalInstances.Multi in, StudyPlan plan) {
        List<StudyGoal> goals = ranked(in.prefs());
        long[] out = new long[goals.size()];
        for (int i = 0; i < goals.size(); i++) {
            out[i] = mine(plan, goals.get(i).id()).stream().mapToLong(s -> s.duration().getSeconds()).sum();
        }
        return out;
    }
}
