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
    private Score best;
    private long placements;

    Oracle(Instances.Instance in) {
        this.rules = new Rules(in.prefs(), in.window(), in.busy());
        this.existing = in.existing();
        this.preferred = in.prefs().preferredHours().map(p -> p.within(in.window())).orElse(IntervalSet.empty());
        this.g = in.prefs().granularity().toSeconds();
        LocalDate firstDay = rules.day(in.window().start());
        LocalDate monday = Rules.monday(firstDay);
        this.weekStart = monday.atStartOfDay(rules.zone).toInstant();
        this.existingPerDay = rules.perDay(existing);
        this.existingInWeek = rules.perWeek(existing).getOrDefault(monday, Duration.ZERO);
        for (LocalDate d = monday; d.isBefore(monday.plusWeeks(1)); d = d.plusDays(1)) {
            for (Duration len = in.prefs().granularity(); len.compareTo(in.prefs().maxSession()) <= 0;
                    len = len.plus(in.prefs().granularity())) {
                for (Interval c : rules.gridCandidates(d, len)) {
                    if (rules.fitsWith(c, existing)) {
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
        search(0, new ArrayList<>(), new HashMap<>(), Duration.ZERO);
        return best;
    }

    long placements() {
        return placements;
    }

    int candidates() {
        return candidates.size();
    }

    private void search(int from, List<Interval> chosen, Map<LocalDate, Duration> perDay, Duration total) {
        placements++;
        Score s = score(chosen);
        if (best == null || s.betterThan(best)) {
            best = s;
        }
        Duration brk = rules.prefs.breakBetweenSessions();
        for (int i = from; i < candidates.size(); i++) {
            Interval c = candidates.get(i);
            if (!chosen.isEmpty() && chosen.get(chosen.size() - 1).padded(brk, brk).overlaps(c)) {
                continue;
            }
            LocalDate d = rules.day(c.start());
            Duration day = perDay.getOrDefault(d, Duration.ZERO).plus(c.duration());
            Duration week = total.plus(c.duration());
            if (day.plus(existingPerDay.getOrDefault(d, Duration.ZERO)).compareTo(rules.prefs.maxPerDay()) > 0
                    || week.plus(existingInWeek).compareTo(rules.prefs.weeklyGoal()) > 0) {
                continue;
            }
            chosen.add(c);
            perDay.put(d, day);
            search(i + 1, chosen, perDay, week);
            chosen.remove(chosen.size() - 1);
            perDay.put(d, day.minus(c.duration()));
        }
    }

    /** the documented objective of a placement of new sessions */
    Score score(List<Interval> sessions) {
        long total = 0;
        long pref = 0;
        long pos = 0;
        Set<LocalDate> days = new HashSet<>();
        for (Map.Entry<LocalDate, Duration> e : existingPerDay.entrySet()) {
            if (!e.getValue().isZero() && Rules.monday(e.getKey()).atStartOfDay(rules.zone).toInstant().equals(weekStart)) {
                days.add(e.getKey());
            }
        }
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
