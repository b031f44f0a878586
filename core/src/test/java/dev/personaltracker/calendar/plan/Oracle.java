package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brute force: enumerates every legal placement of new sessions on a tiny problem inside one ISO week and
 * keeps the best by the planner's documented objective (total, preferred, days with study, position sum).
 * Written from the rules (via {@link Rules}), not from the planner's code.
 */
final class Oracle {

    /** The objective of one placement, compared lexicographically. */
    record Score(long totalSeconds, long preferredSeconds, int daysWithStudy, long positionSum) {
        boolean betterThan(Score o) {
            if (totalSeconds != o.totalSeconds) {
                return totalSeconds > o.totalSeconds;
            }
            if (preferredSeconds != o.preferredSeconds) {
                return preferredSeconds > o.preferredSeconds;
            }
            if (daysWithStudy != o.daysWithStudy) {
                return daysWithStudy > o.daysWithStudy;
            }
            return positionSum < o.positionSum;
        }
    }

    private final Rules rules;
    private final List<Interval> existing;
    private final IntervalSet preferred;
    private final List<Interval> candidates = new ArrayList<>();
    private final Instant weekStart;
    private final long g;
    private final Map<LocalDate, Duration> existingPerDay;
    private final Duration existingInWeek;
    /** the time the placement may add; for a single goal the weekly goal less the existing time of the week */
    private final long goalSeconds;
    private final Set<LocalDate> existingDays = new HashSet<>();
    private Score best;
    private long placements;
    private final Set<Long> totals = new HashSet<>();

    Oracle(Instances.Instance in) {
        this(in, in.existing(), in.prefs().weeklyGoal().getSeconds());
    }

    /**
     * A brute force for one goal of several: {@code in.existing()} are all the fixed sessions (they block by the
     * break and count toward the daily cap); {@code own} are those of the goal (they count toward the spread over
     * days, and the week's existing time is taken off {@code weekTarget}).
     *
     * @param weekTarget  the most time, in seconds, that the goal's existing sessions of the week and the new ones
     *     may hold together
     */
    Oracle(Instances.Instance in, List<Interval> own, long weekTarget) {
        this.rules = new Rules(in.prefs(), in.window(), in.busy());
        this.existing = in.existing();
        this.preferred = in.prefs().preferredHours().map(p -> p.within(in.window())).orElse(IntervalSet.empty());
        this.g = in.prefs().granularity().toSeconds();
        LocalDate firstDay = rules.day(in.window().start());
        LocalDate monday = Rules.monday(firstDay);
        this.weekStart = monday.atStartOfDay(rules.zone).toInstant();
        this.existingPerDay = rules.perDay(existing);
        this.existingInWeek = rules.perWeek(own).getOrDefault(monday, Duration.ZERO);
        this.goalSeconds = weekTarget - existingInWeek.getSeconds();
        for (Map.Entry<LocalDate, Duration> e : rules.perDay(own).entrySet()) {
            if (!e.getValue().isZero() && Rules.monday(e.getKey()).equals(monday)) {
                existingDays.add(e.getKey());
            }
        }
        // days outside the window hold no legal session
        LocalDate lastDay = rules.day(in.window().end().minusNanos(1));
        for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
            for (Duration len = in.prefs().granularity(); len.compareTo(in.prefs().maxSession()) <= 0;
                    len = len.plus(in.prefs().granularity())) {
                for (Interval c : rules.gridCandidates(d, len)) {
                    if (rules.keepsBreak(c, existing)) {
                        candidates.add(c);
                    }
                }
            }
        }
        candidates.sort(null);
    }

    /** @return the best score over every legal placement (the empty one included) */
    Score best() {
        best = null;
        int n = candidates.size();
        Metrics[] m = new Metrics[n];
        for (int i = 0; i < n; i++) {
            m[i] = new Metrics(candidates.get(i));
        }
        Map<LocalDate, Integer> sessionsPerDay = new HashMap<>();
        search(m, 0, -1, new HashMap<>(), sessionsPerDay, 0, 0, 0);
        return best;
    }

    /** what one candidate adds to a placement's score, computed once */
    private final class Metrics {
        final Interval interval;
        final Interval withBreak;
        final LocalDate day;
        final long seconds;
        final long preferred;
        final long positions;

        Metrics(Interval c) {
            Duration brk = rules.prefs.breakBetweenSessions();
            interval = c;
            withBreak = c.padded(brk, brk);
            day = rules.day(c.start());
            Score alone = score(List.of(c));
            seconds = alone.totalSeconds();
            preferred = alone.preferredSeconds();
            positions = alone.positionSum();
        }
    }

    /** @return every total, in seconds, of a legal placement (0 included), as {@link #best()} enumerates them */
    Set<Long> totals() {
        best();
        return Set.copyOf(totals);
    }

    long placements() {
        return placements;
    }

    int candidates() {
        return candidates.size();
    }

    private void search(Metrics[] m, int from, int last, Map<LocalDate, Long> perDay, Map<LocalDate, Integer> sessionsPerDay,
            long total, long preferred, long positions) {
        placements++;
        totals.add(total);
        Set<LocalDate> days = new HashSet<>(existingDays);
        days.addAll(sessionsPerDay.keySet());
        Score s = new Score(total, preferred, days.size(), positions);
        if (best == null || s.betterThan(best)) {
            best = s;
        }
        long cap = rules.prefs.maxPerDay().getSeconds();
        long goal = goalSeconds;
        for (int i = from; i < m.length; i++) {
            Metrics c = m[i];
            if (last >= 0 && m[last].withBreak.overlaps(c.interval)) {
                continue;
            }
            long day = perDay.getOrDefault(c.day, 0L) + c.seconds;
            if (day + existingPerDay.getOrDefault(c.day, Duration.ZERO).getSeconds() > cap || total + c.seconds > goal) {
                continue;
            }
            perDay.put(c.day, day);
            sessionsPerDay.merge(c.day, 1, Integer::sum);
            search(m, i + 1, i, perDay, sessionsPerDay, total + c.seconds, preferred + c.preferred, positions + c.positions);
            perDay.put(c.day, day - c.seconds);
            if (sessionsPerDay.merge(c.day, -1, Integer::sum) == 0) {
                sessionsPerDay.remove(c.day);
            }
        }
    }

    /** the documented objective of a placement of new sessions */
    Score score(List<Interval> sessions) {
        long total = 0;
        long pref = 0;
        long pos = 0;
        Set<LocalDate> days = new HashSet<>();
        days.addAll(existingDays);
        for (Interval s : sessions) {
            total += s.duration().getSeconds();
            pref += IntervalSet.of(s).intersection(preferred).totalDuration().getSeconds();
            days.add(rules.day(s.start()));
            for (Instant t = s.start(); t.isBefore(s.end()); t = t.plusSeconds(g)) {
                pos += Math.floorDiv(t.getEpochSecond() - weekStart.getEpochSecond(), g);
            }
        }
        return new Score(total, pref, days.size(), pos);
    }
}
