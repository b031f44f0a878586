package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The engine of {@link StudyPlanner#propose}: plans the goals one after the other in rank order, each goal's
 * weeks earliest first, every step with the exact {@link WeekSolver} given everything placed before it.
 */
final class Proposer {

    private final PlanningCalendar cal;
    private final SlotGrid grid;
    private final List<GoalSpec> goals;
    private final Schedule existing;
    /** study seconds per day of every session so far, existing and new, of any goal */
    private final long[] allPerDay;
    private final Shortfalls shortfalls;
    private final List<ProposedSession> sessions = new ArrayList<>();

    Proposer(PlanningCalendar cal, Schedule existing) {
        this.cal = cal;
        this.grid = cal.grid;
        this.goals = GoalSpec.ranked(cal);
        this.existing = existing;
        for (ScheduledSession s : existing.sessions()) {
            cal.block(s.interval().start(), s.interval().end(), cal.breakSeconds);
        }
        this.allPerDay = cal.secondsPerDay(existing.intervals());
        boolean several = goals.size() > 1;
        this.shortfalls = new Shortfalls(cal, several ? cal.mask.clone() : null, several ? caps() : null);
    }

    StudyPlan run() {
        Map<String, GoalSummary> byId = new HashMap<>();
        for (GoalSpec g : goals) {
            byId.put(g.id, g.isDeadline() ? planDeadline(g) : planWeekly(g));
        }
        List<GoalSummary> summaries = new ArrayList<>();
        for (StudyGoal g : cal.prefs.goals()) {
            summaries.add(byId.get(g.id()));
        }
        sessions.sort(null);
        Duration shortfall = Duration.ZERO;
        for (GoalSummary s : summaries) {
            shortfall = shortfall.plus(s.shortfall());
        }
        List<WeekSummary> weeks = summaries.size() == 1 ? summaries.get(0).weeks() : aggregate(summaries);
        return new StudyPlan(sessions, shortfall, weeks, summaries);
    }

    private GoalSummary planWeekly(GoalSpec g) {
        long[] own = ownPerDay(g);
        boolean[] hasStudy = new boolean[grid.days];
        for (int d = 0; d < grid.days; d++) {
            hasStudy[d] = own[d] > 0;
        }
        int[] caps = caps();
        WeekSolver solver = new WeekSolver(grid, cal.mask, g.prefSeconds, g.minSlots, g.maxSlots, cal.breakSeconds);
        List<WeekSummary> weeks = new ArrayList<>();
        long existingTotal = 0;
        long placedTotal = 0;
        long shortTotal = 0;
        for (int w = 0; w < grid.weeks(); w++) {
            long existingSeconds = ownIn(g, grid.dayStart[7 * w], grid.dayStart[7 * w + 7]);
            long left = Math.max(0, g.amountSeconds - existingSeconds);
            int goalSlots = (int) Math.min(Integer.MAX_VALUE / 2, left / cal.g);
            WeekSolver.Result r = solver.solve(w, caps, goalSlots, hasStudy, true);
            long placed = r.slots() * cal.g;
            Set<ShortfallReason> reasons = placed < left
                    ? shortfalls.reasons(g, cal.mask, w, caps, goalSlots, hasStudy, r.slots(), left, true,
                            sessionsOf(g))
                    : Set.of();
            place(g, r.placements(), caps, hasStudy);
            weeks.add(new WeekSummary(Shortfalls.monday(grid, w), g.goal.amount(), Duration.ofSeconds(existingSeconds),
                    Duration.ofSeconds(placed), Duration.ofSeconds(left - placed), reasons));
            existingTotal += existingSeconds;
            placedTotal += placed;
            shortTotal += left - placed;
        }
        return new GoalSummary(g.id, StudyGoal.Kind.WEEKLY, g.goal.amount().multipliedBy(grid.weeks()),
                Duration.ofSeconds(existingTotal), Duration.ofSeconds(placedTotal), Duration.ofSeconds(shortTotal), weeks,
                Optional.empty());
    }

    /**
     * Plans a deadline goal week by week. The spread rule, as documented on {@link StudyPlanner}: with {@code need}
     * the total less what existing and placed sessions did in earlier weeks, week w asks for
     * {@code ceil_g(need * span(w) / span(w..))}, where span is the elapsed time of {@code [window start,
     * min(due, window end))} in the week, and span(w..) that of week w and all later ones plus {@code [window end,
     * due)}; less its existing time; and at least what the later weeks inside the window could not take; and the
     * rest rule: no week leaves the later ones a rest they cannot hold together if it can help it.
     */
    private GoalSummary planDeadline(GoalSpec g) {
        long ws = SlotGrid.ceilSeconds(cal.window.start());
        long we = SlotGrid.floorSeconds(cal.window.end());
        long total = g.amountSeconds;
        long spanEnd = Math.min(g.due, we);
        // the weeks the goal is planned in: every grid week holding part of [ws, min(due, we))
        int weeks = spanEnd <= ws ? 0 : Math.min(grid.weeks(), grid.dayOf(spanEnd - 1) / 7 + 1);
        long[] span = new long[weeks];
        long[] own = new long[weeks];
        long ownBeyond = 0;
        for (int w = 0; w < weeks; w++) {
            long a = grid.dayStart[7 * w];
            long b = grid.dayStart[7 * w + 7];
            span[w] = Math.max(0, Math.min(b, spanEnd) - Math.max(a, ws));
        }
        long beyondSpan = Math.max(0, g.due - Math.max(we, ws));
        for (int w = 0; w < weeks; w++) {
            own[w] = ownIn(g, Math.max(ws, grid.dayStart[7 * w]), Math.min(g.due, grid.dayStart[7 * w + 7]));
        }
        ownBeyond = ownIn(g, Math.max(ws, grid.dayStart[7 * weeks]), g.due);
        // what is reported: each session's part in [window start, due), rounded up once
        long ownSpan = ownIn(g, ws, g.due);
        long[] ownPerDay = ownPerDay(g);
        boolean[] hasStudy = new boolean[grid.days];
        for (int d = 0; d < grid.days; d++) {
            hasStudy[d] = ownPerDay[d] > 0;
        }
        int[] caps = caps();
        boolean[] mask = new boolean[cal.mask.length];
        WeekSolver solver = new WeekSolver(grid, mask, g.prefSeconds, g.minSlots, g.maxSlots, cal.breakSeconds);
        int totalSlots = (int) Math.min(Integer.MAX_VALUE / 2, total / cal.g);
        // what each week could take alone, given everything placed before this goal: its most, and every total
        long[] capacity = new long[weeks];
        SlotTotals[] alone = new SlotTotals[weeks];
        for (int w = 0; w < weeks; w++) {
            g.restrict(grid, cal.mask, mask, w);
            alone[w] = SlotTotals.of(solver.reachable(w, caps, totalSlots, hasStudy));
            capacity[w] = alone[w].most() * cal.g;
        }
        // holdable[w]: the rests the weeks after w, each alone, can hold together
        SlotTotals[] holdable = new SlotTotals[weeks];
        for (int w = weeks - 1; w >= 0; w--) {
            holdable[w] = w == weeks - 1 ? SlotTotals.zero() : alone[w + 1].plus(holdable[w + 1], totalSlots);
        }
        long ownTotal = ownBeyond;
        for (long o : own) {
            ownTotal += o;
        }
        long later = ownTotal - ownBeyond;
        long done = 0;
        long placedTotal = 0;
        List<WeekSummary> summaries = new ArrayList<>();
        for (int w = 0; w < weeks; w++) {
            later -= own[w];
            long need = Math.max(0, total - done);
            long spanLeft = beyondSpan;
            long capacityLater = 0;
            for (int j = w; j < weeks; j++) {
                spanLeft += span[j];
                capacityLater += j > w ? capacity[j] : 0;
            }
            long even = spanLeft == 0 ? need : Math.min(need, SlotGrid.ceilDiv(SlotGrid.ceilDiv(need * span[w], spanLeft),
                    cal.g) * cal.g);
            long freeNeed = Math.max(0, need - own[w] - later - ownBeyond);
            long floor = beyondSpan > 0 ? 0 : freeNeed - capacityLater;
            long target = Math.max(0, Math.min(freeNeed, Math.max(even - own[w], floor)));
            int goalSlots = (int) (target / cal.g);
            g.restrict(grid, cal.mask, mask, w);
            WeekSolver.Result r = solver.solve(w, caps, goalSlots, hasStudy, true);
            // a rest the later weeks cannot hold exactly (one shorter than a session, or one that falls between
            // the totals they can place) would be lost: the week takes the total nearest this optimum that leaves a
            // rest they can hold, the whole rest included
            int fullSlots = (int) Math.min(Integer.MAX_VALUE / 2, freeNeed / cal.g);
            SlotTotals laterTotals = holdable[w];
            IntPredicate holds = rest -> beyondSpan > 0 ? rest == 0 || rest >= g.minSlots : laterTotals.has(rest);
            if (w < weeks - 1 && fullSlots > r.slots() && !holds.test(fullSlots - r.slots())) {
                int x = nearestHoldable(solver.reachable(w, caps, fullSlots, hasStudy), fullSlots, r.slots(), holds);
                if (x >= 0) {
                    r = solver.solve(w, caps, x, hasStudy, true);
                    goalSlots = x;
                    target = x == fullSlots ? freeNeed : x * cal.g;
                }
            }
            long placed = r.slots() * cal.g;
            Set<ShortfallReason> reasons = placed < target
                    ? shortfalls.reasons(g, mask, w, caps, goalSlots, hasStudy, r.slots(), target, false,
                            sessionsOf(g))
                    : Set.of();
            place(g, r.placements(), caps, hasStudy);
            summaries.add(new WeekSummary(Shortfalls.monday(grid, w), Duration.ofSeconds(own[w] + target),
                    Duration.ofSeconds(own[w]), Duration.ofSeconds(placed), Duration.ofSeconds(target - placed), reasons));
            done += own[w] + placed;
            placedTotal += placed;
        }
        long missing = Math.max(0, total - ownSpan - placedTotal);
        long inside = 0;
        for (long s : span) {
            inside += s;
        }
        // total * inside can pass Long.MAX_VALUE for a window of centuries
        long pace = beyondSpan == 0 ? total : BigInteger.valueOf(total).multiply(BigInteger.valueOf(inside))
                .divide(BigInteger.valueOf(inside + beyondSpan)).longValueExact();
        long plannedInside = ownSpan - ownBeyond + placedTotal;
        boolean pastDue = g.due <= ws;
        boolean onTrack = beyondSpan == 0 ? missing == 0 : plannedInside + ownBeyond >= pace && !pastDue;
        Duration totalD = g.goal.amount();
        Duration planned = Duration.ofSeconds(ownSpan + placedTotal);
        Instant due = g.goal.due().orElseThrow();
        if (pastDue) {
            summaries.add(new WeekSummary(grid.firstDay, totalD, Duration.ZERO, Duration.ZERO, totalD,
                    EnumSet.of(ShortfallReason.PAST_DUE)));
        }
        String text = shortfalls.deadlineText(due, totalD, planned, Duration.ofSeconds(missing), Duration.ofSeconds(pace),
                onTrack, summaries, pastDue);
        DeadlineStatus status = new DeadlineStatus(due, totalD, planned, Duration.ofSeconds(missing),
                Duration.ofSeconds(pace), onTrack, text);
        return new GoalSummary(g.id, StudyGoal.Kind.DEADLINE, totalD, Duration.ofSeconds(ownSpan),
                Duration.ofSeconds(placedTotal), Duration.ofSeconds(missing), summaries, Optional.of(status));
    }

    /**
     * The week's total for the rest rule: of the totals up to {@code full} the week can place that leave a rest the
     * later weeks can hold ({@code full} itself leaves none), the nearest {@code placed}, the greater of two as near;
     * -1 if there is none.
     */
    private static int nearestHoldable(boolean[] here, int full, int placed, IntPredicate holds) {
        int best = -1;
        for (int x = Math.min(full, here.length - 1); x >= 0; x--) {
            if (here[x] && holds.test(full - x) && (best < 0 || Math.abs(x - placed) < Math.abs(best - placed))) {
                best = x;
            }
        }
        return best;
    }

    /** Records the placements of goal g: new sessions, the break around them, the day caps and days with study. */
    private void place(GoalSpec g, List<WeekSolver.Placement> placements, int[] caps, boolean[] hasStudy) {
        for (WeekSolver.Placement p : placements) {
            Interval s = cal.interval(p.day(), p.k(), p.length());
            sessions.add(ProposedSession.of(g.id, s));
            // later weeks and goals keep the break from this session
            cal.block(s.start(), s.end(), cal.breakSeconds);
            grid.addPerDay(allPerDay, s.start().getEpochSecond(), s.end().getEpochSecond());
            caps[p.day()] = cal.dayCap(p.day(), allPerDay[p.day()]);
            hasStudy[p.day()] = true;
        }
    }

    /** @return the goal's existing time inside {@code [from, to)}: each session's part, rounded up to a whole second */
    private long ownIn(GoalSpec g, long from, long to) {
        long sum = 0;
        for (ScheduledSession s : existing.sessions()) {
            if (s.goalId().equals(g.id)) {
                sum += SlotGrid.overlapSeconds(s.interval().start(), s.interval().end(), from, to);
            }
        }
        return sum;
    }

    private List<ProposedSession> sessionsOf(GoalSpec g) {
        return sessions.stream().filter(s -> s.goalId().equals(g.id)).toList();
    }

    private int[] caps() {
        int[] caps = new int[grid.days];
        for (int d = 0; d < grid.days; d++) {
            caps[d] = cal.dayCap(d, allPerDay[d]);
        }
        return caps;
    }

    private long[] ownPerDay(GoalSpec g) {
        List<Interval> mine = new ArrayList<>();
        for (ScheduledSession s : existing.sessions()) {
            if (s.goalId().equals(g.id)) {
                mine.add(s.interval());
            }
        }
        return cal.secondsPerDay(mine);
    }

    /** one summary per grid week over all goals: targets, existing, placed and shortfalls summed, reasons joined */
    private List<WeekSummary> aggregate(List<GoalSummary> summaries) {
        List<WeekSummary> out = new ArrayList<>();
        for (int w = 0; w < grid.weeks(); w++) {
            LocalDate monday = Shortfalls.monday(grid, w);
            Duration goal = Duration.ZERO;
            Duration ex = Duration.ZERO;
            Duration placed = Duration.ZERO;
            Duration sh = Duration.ZERO;
            Set<ShortfallReason> reasons = EnumSet.noneOf(ShortfallReason.class);
            for (GoalSummary s : summaries) {
                for (WeekSummary ws : s.weeks()) {
                    if (ws.weekStart().equals(monday)) {
                        goal = goal.plus(ws.goal());
                        ex = ex.plus(ws.existing());
                        placed = placed.plus(ws.placed());
                        sh = sh.plus(ws.shortfall());
                        reasons.addAll(ws.reasons());
                    }
                }
            }
            out.add(new WeekSummary(monday, goal, ex, placed, sh, reasons));
        }
        return out;
    }
}
