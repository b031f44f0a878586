package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent statement of the planner's rules, written on instants and the time package only
 * (no slot grid), used as the judge in tests.
 */
final class Rules {

    final StudyPreferences prefs;
    final Interval window;
    final IntervalSet busy;
    final IntervalSet study;
    /** busy time widened by the buffer: a session must not overlap it */
    final IntervalSet keepOut;
    final ZoneId zone;

    Rules(StudyPreferences prefs, Interval window, IntervalSet busy) {
        this.prefs = prefs;
        this.window = window;
        this.busy = busy;
        this.zone = prefs.zone();
        this.study = prefs.studyHours().within(window);
        this.keepOut = busy.padded(prefs.buffer(), prefs.buffer());
    }

    LocalDate day(Instant t) {
        return t.atZone(zone).toLocalDate();
    }

    Interval dayInterval(LocalDate d) {
        return Interval.of(d.atStartOfDay(zone).toInstant(), d.plusDays(1).atStartOfDay(zone).toInstant());
    }

    static LocalDate monday(LocalDate d) {
        return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    Interval weekInterval(LocalDate monday) {
        return Interval.of(monday.atStartOfDay(zone).toInstant(), monday.plusWeeks(1).atStartOfDay(zone).toInstant());
    }

    static Duration overlap(Interval a, Interval b) {
        return a.intersection(b).map(Interval::duration).orElse(Duration.ZERO);
    }

    /** @return what is wrong with session s on its own (not counting other sessions), empty if nothing */
    List<String> aloneViolations(Interval s) {
        return aloneViolations(s, true);
    }

    /** @return whether session s obeys every rule on its own */
    boolean legalAlone(Interval s) {
        return aloneViolations(s, false).isEmpty();
    }

    /** collects the violations, stopping at the first one unless {@code explain} */
    private List<String> aloneViolations(Interval s, boolean explain) {
        List<String> out = new ArrayList<>();
        if (!window.encloses(s)) {
            if (note(out, explain, () -> s + " outside window")) {
                return out;
            }
        }
        if (!study.encloses(s)) {
            if (note(out, explain, () -> s + " outside study hours")) {
                return out;
            }
        }
        if (keepOut.overlaps(s)) {
            if (note(out, explain, () -> s + " within buffer of busy " + busy.stream().filter(
                    b -> b.padded(prefs.buffer(), prefs.buffer()).overlaps(s)).toList())) {
                return out;
            }
        }
        Duration len = s.duration();
        if (len.compareTo(prefs.minSession()) < 0 || len.compareTo(prefs.maxSession()) > 0) {
            if (note(out, explain, () -> s + " length " + len)) {
                return out;
            }
        }
        LocalDate d = day(s.start());
        Interval di = dayInterval(d);
        if (!di.encloses(s)) {
            if (note(out, explain, () -> s + " crosses midnight")) {
                return out;
            }
        }
        long g = prefs.granularity().toSeconds();
        long fromMidnight = s.start().getEpochSecond() - di.start().getEpochSecond();
        if (fromMidnight % g != 0 || len.getSeconds() % g != 0 || s.start().getNano() != 0 || s.end().getNano() != 0) {
            if (note(out, explain, () -> s + " off the grid")) {
                return out;
            }
        }
        return out;
    }

    /** records a violation (its text only if explain); true if the caller may stop here */
    private static boolean note(List<String> out, boolean explain, java.util.function.Supplier<String> what) {
        out.add(explain ? what.get() : "");
        return !explain;
    }

    /** @return violations of break, daily cap and (if checkGoal) weekly goal by the whole set of sessions */
    List<String> setViolations(List<Interval> all, boolean checkGoal) {
        List<String> out = new ArrayList<>();
        List<Interval> sorted = new ArrayList<>(all);
        sorted.sort(null);
        Duration brk = prefs.breakBetweenSessions();
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                Interval a = sorted.get(i);
                Interval b = sorted.get(j);
                if (a.padded(brk, brk).overlaps(b)) {
                    out.add(a + " and " + b + " closer than the break");
                }
            }
        }
        for (Map.Entry<LocalDate, Duration> e : perDay(sorted).entrySet()) {
            if (e.getValue().compareTo(prefs.maxPerDay()) > 0) {
                out.add("day " + e.getKey() + " holds " + e.getValue());
            }
        }
        if (checkGoal) {
            for (Map.Entry<LocalDate, Duration> e : perWeek(sorted).entrySet()) {
                if (e.getValue().compareTo(prefs.weeklyGoal()) > 0) {
                    out.add("week " + e.getKey() + " holds " + e.getValue());
                }
            }
        }
        return out;
    }

    Map<LocalDate, Duration> perDay(List<Interval> sessions) {
        Map<LocalDate, Duration> m = new HashMap<>();
        for (Interval s : sessions) {
            for (LocalDate d = day(s.start()); !d.isAfter(day(s.end().minusNanos(1))); d = d.plusDays(1)) {
                m.merge(d, overlap(s, dayInterval(d)), Duration::plus);
            }
        }
        return m;
    }

    Map<LocalDate, Duration> perWeek(List<Interval> sessions) {
        Map<LocalDate, Duration> m = new HashMap<>();
        for (Interval s : sessions) {
            for (LocalDate w = monday(day(s.start())); !w.isAfter(day(s.end().minusNanos(1))); w = w.plusWeeks(1)) {
                m.merge(w, overlap(s, weekInterval(w)), Duration::plus);
            }
        }
        return m;
    }

    /** every session on day d's grid of the given length that is legal on its own */
    List<Interval> gridCandidates(LocalDate d, Duration length) {
        List<Interval> out = new ArrayList<>();
        Interval di = dayInterval(d);
        for (Instant t = di.start(); !t.plus(length).isAfter(di.end()); t = t.plus(prefs.granularity())) {
            Interval c = Interval.of(t, length);
            if (legalAlone(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** @return whether candidate c keeps the break from every one of others */
    boolean keepsBreak(Interval c, List<Interval> others) {
        Duration brk = prefs.breakBetweenSessions();
        for (Interval o : others) {
            if (o.padded(brk, brk).overlaps(c)) {
                return false;
            }
        }
        return true;
    }

    /** @return whether candidate c may join the sessions others: break, daily cap and weekly goal */
    boolean fitsWith(Interval c, List<Interval> others) {
        return new Fit(others).test(c);
    }

    /** The sessions a candidate must fit with, with their day and week totals counted once. */
    final class Fit implements java.util.function.Predicate<Interval> {
        private final List<Interval> others;
        private final Map<LocalDate, Duration> days;
        private final Map<LocalDate, Duration> weeks;

        Fit(List<Interval> others) {
            this.others = List.copyOf(others);
            this.days = perDay(others);
            this.weeks = perWeek(others);
        }

        @Override
        public boolean test(Interval c) {
            Duration brk = prefs.breakBetweenSessions();
            for (Interval o : others) {
                if (o.padded(brk, brk).overlaps(c)) {
                    return false;
                }
            }
            LocalDate d = day(c.start());
            Duration dayTotal = days.getOrDefault(d, Duration.ZERO).plus(c.duration());
            Duration weekTotal = weeks.getOrDefault(monday(d), Duration.ZERO).plus(c.duration());
            return dayTotal.compareTo(prefs.maxPerDay()) <= 0 && weekTotal.compareTo(prefs.weeklyGoal()) <= 0;
        }
    }
}
