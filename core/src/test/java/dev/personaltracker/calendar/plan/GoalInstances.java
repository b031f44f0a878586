package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import dev.personaltracker.calendar.time.WeeklyHours;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random planning problems with several goals, one of them a deadline, built from a seed so a failure replays. */
final class GoalInstances {

    record Multi(StudyPreferences prefs, Interval window, IntervalSet busy, Schedule existing) {
        @Override
        public String toString() {
            return prefs + "\n window=" + window + "\n busy=" + busy + "\n existing=" + existing;
        }

        /** the same problem, as the single-goal rules see it: every session counts */
        Instances.Instance asInstance(List<Interval> existing) {
            return new Instances.Instance(prefs, window, busy, existing);
        }
    }

    static {
        Instances.quietPlannerLog();
    }

    private GoalInstances() {
    }

    /**
     * A small problem for the brute force: 1 to 3 ISO weeks (DST weeks included), study hours on two or three
     * weekdays only, a 30- or 60-minute grid, two or three goals of which one has a deadline (inside the window, or
     * after its end).
     */
    static Multi small(long seed) {
        return build(new Random(seed), 1 + new Random(seed).nextInt(3), true);
    }

    /** A tiny problem for the joint brute force: one ISO week or the two days around a Sunday midnight. */
    static Multi tiny(long seed) {
        return build(new Random(seed), 0, true);
    }

    /** A larger problem: 1 to 3 weeks, study hours every day, many busy intervals, up to four goals. */
    static Multi larger(long seed) {
        return build(new Random(seed), 1 + new Random(seed).nextInt(3), false);
    }

    private static Multi build(Random r, int weeks, boolean small) {
        r.nextInt(3);
        ZoneId zone = Instances.ZONES.get(r.nextInt(Instances.ZONES.size()));
        LocalDate dst = Instances.DATES.get(r.nextInt(Instances.DATES.size()));
        int step = small ? (r.nextBoolean() ? 30 : 60) : new int[] {15, 30, 60}[r.nextInt(3)];
        WeeklyHours.Builder study = WeeklyHours.builder(zone);
        List<DayOfWeek> days = new ArrayList<>(List.of(DayOfWeek.values()));
        java.util.Collections.shuffle(days, r);
        int studyDays = small ? (weeks == 0 ? 2 : 2 + r.nextInt(2)) : 7;
        if (weeks == 0) {
            // the Sunday and the Monday around the DST date's week end
            days = new ArrayList<>(List.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY));
        }
        for (int i = 0; i < studyDays; i++) {
            int hour = r.nextBoolean() ? (19 + r.nextInt(5)) % 24 : 6 + r.nextInt(14);
            int span = small ? (step == 60 ? 120 + r.nextInt(3) * 60 : 90 + r.nextInt(3) * 30) : 180 + r.nextInt(10) * 60;
            study.add(days.get(i), LocalTime.of(hour, 0), LocalTime.of(hour, 0).plusMinutes(span));
        }
        int minSteps = 1 + (small ? 0 : r.nextInt(2));
        StudyPreferences.Builder b = StudyPreferences.builder(zone).studyHours(study.build())
                .granularity(Duration.ofMinutes(step))
                .sessionLength(Duration.ofMinutes((long) minSteps * step), Duration.ofMinutes((long) (minSteps + r.nextInt(2)) * step))
                .breakBetweenSessions(Duration.ofMinutes(new int[] {0, 15, 30, 60}[r.nextInt(4)]))
                .buffer(Duration.ofMinutes(new int[] {0, 10, 30}[r.nextInt(3)]))
                .maxPerDay(Duration.ofMinutes((long) (minSteps + 1 + r.nextInt(3)) * step));
        if (r.nextInt(3) == 0) {
            b.preferredHours(hours(r, zone));
        }
        LocalDate first;
        Instant ws;
        Instant we;
        if (weeks == 0) {
            first = dst.with(java.time.temporal.TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            ws = first.atStartOfDay(zone).toInstant();
            we = first.plusDays(2).atStartOfDay(zone).toInstant();
        } else {
            first = Rules.monday(dst).minusWeeks(r.nextInt(weeks));
            ws = first.plusDays(r.nextInt(3)).atStartOfDay(zone).toInstant().plus(Duration.ofMinutes(r.nextInt(4) * 60L));
            we = first.plusWeeks(weeks).minusDays(r.nextInt(2)).atStartOfDay(zone).toInstant();
        }
        Interval window = Interval.of(ws, we);
        int n = 2 + r.nextInt(small ? 2 : 3);
        List<StudyGoal> goals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StudyGoal g;
            if (i == 0) {
                long spanMinutes = Duration.between(ws, we).toMinutes();
                // due inside the window (mostly), or after its end
                Instant due = r.nextInt(4) == 0 ? we.plus(Duration.ofDays(1 + r.nextInt(10)))
                        : ws.plus(Duration.ofMinutes(spanMinutes / 3 + r.nextInt((int) (spanMinutes * 2 / 3)) / step * (long) step));
                g = StudyGoal.byDeadline("exam", Duration.ofMinutes((long) (2 + r.nextInt(small ? 6 : 20)) * step), due);
            } else {
                g = StudyGoal.weekly("course" + i, Duration.ofMinutes((long) (1 + r.nextInt(small ? 3 : 8)) * step + r.nextInt(2) * 10));
            }
            if (r.nextInt(3) == 0) {
                g = g.withPriority(r.nextInt(3) - 1);
            }
            if (r.nextInt(3) == 0) {
                g = g.withPreferredHours(hours(r, zone));
            }
            if (r.nextInt(3) == 0) {
                g = g.withSessionLength(Duration.ofMinutes(step), Duration.ofMinutes((long) (1 + r.nextInt(2)) * step));
            }
            goals.add(g);
        }
        java.util.Collections.shuffle(goals, r);
        b.goals(goals);
        Instant gridStart = first.atStartOfDay(zone).toInstant();
        Instant gridEnd = Rules.monday(first).plusWeeks(Math.max(1, weeks)).plusDays(weeks == 0 ? 7 : 0).atStartOfDay(zone).toInstant();
        int busyCount = small ? r.nextInt(3 * Math.max(1, weeks) + 1) : r.nextInt(20 * weeks + 1);
        IntervalSet busy = Instances.randomIntervals(r, gridStart, gridEnd, busyCount, small ? 120 : 240);
        List<ScheduledSession> existing = new ArrayList<>();
        for (Interval e : Instances.randomIntervals(r, ws, we, r.nextInt(3), 90)) {
            existing.add(ScheduledSession.of(goals.get(r.nextInt(goals.size())).id(), e));
        }
        return new Multi(b.build(), window, busy, Schedule.of(existing));
    }

    /** the preferences p with other goals */
    static StudyPreferences withGoals(StudyPreferences p, List<StudyGoal> goals) {
        StudyPreferences.Builder b = StudyPreferences.builder(p.zone()).studyHours(p.studyHours()).maxPerDay(p.maxPerDay())
                .buffer(p.buffer()).breakBetweenSessions(p.breakBetweenSessions()).granularity(p.granularity())
                .sessionLength(p.minSession(), p.maxSession()).goals(goals);
        p.preferredHours().ifPresent(b::preferredHours);
        return b.build();
    }

    /**
     * An edge case of a {@link #small} (or {@link #larger}) problem: the deadline goal's due moved to an edge (before the
     * window, at its start or end, inside the first day, at a local midnight, inside a DST change's day, after the
     * window, with a fraction of a second), and extra existing sessions: of the deadline goal after its due, of a goal
     * the preferences do not hold, across the window's start, off the grid, before the window, and sometimes one
     * that alone meets the deadline goal's total.
     */
    static Multi edge(long seed, boolean small) {
        Multi base = small ? GoalInstances.small(seed) : GoalInstances.larger(seed);
        Random r = new Random(seed * 31 + 7);
        Instant ws = base.window().start();
        Instant we = base.window().end();
        var zone = base.prefs().zone();
        LocalDate d0 = ws.atZone(zone).toLocalDate();
        Instant due;
        int kind = r.nextInt(11);
        switch (kind) {
            case 0 -> due = ws.minus(Duration.ofDays(1));
            case 1 -> due = ws;
            case 2 -> due = we;
            case 3 -> due = ws.plus(Duration.ofMinutes(30 + r.nextInt(600)));
            case 4 -> due = d0.plusDays(1 + r.nextInt(5)).atStartOfDay(zone).toInstant();
            case 5 -> due = Instances.DATES.get(r.nextInt(Instances.DATES.size())).atTime(LocalTime.of(2, 30)).atZone(zone).toInstant();
            case 6 -> due = we.plus(Duration.ofDays(1 + r.nextInt(20)));
            case 7 -> due = ws.plus(Duration.ofSeconds(r.nextInt((int) Math.max(1, Duration.between(ws, we).getSeconds())))).plusNanos(123);
            case 8 -> due = we.minusSeconds(1);
            case 9 -> due = ws.plusSeconds(1);
            default -> due = we.minus(Duration.ofMinutes(r.nextInt(3000)));
        }
        List<StudyGoal> goals = new ArrayList<>();
        String examId = null;
        for (StudyGoal g : base.prefs().goals()) {
            if (g.isDeadline()) {
                StudyGoal n = StudyGoal.byDeadline(g.id(), g.amount(), due).withPriority(g.priority());
                if (g.preferredHours().isPresent()) n = n.withPreferredHours(g.preferredHours().get());
                if (g.minSession().isPresent()) n = n.withSessionLength(g.minSession().get(), g.maxSession().get());
                goals.add(n);
                examId = g.id();
            } else {
                goals.add(g);
            }
        }
        StudyPreferences prefs = withGoals(base.prefs(), goals);
        List<ScheduledSession> ex = new ArrayList<>(base.existing().sessions());
        long g = prefs.granularity().getSeconds();
        // existing session of the exam after due, of an unknown goal, straddling ws, total met
        int extra = r.nextInt(4);
        for (int i = 0; i < extra; i++) {
            int k = r.nextInt(5);
            Instant s;
            Duration len = Duration.ofSeconds(g * (1 + r.nextInt(3)));
            switch (k) {
                case 0 -> s = due.isAfter(ws) && due.isBefore(we) ? due.plusSeconds(g * r.nextInt(20)) : ws.plusSeconds(g * r.nextInt(40));
                case 1 -> s = ws.plusSeconds(g * r.nextInt(100));
                case 2 -> s = ws.minusSeconds(g);
                case 3 -> s = ws.plusSeconds(g * r.nextInt(100) + 60 * r.nextInt(g == 60 ? 1 : (int) (g / 60)));
                default -> s = ws.minus(Duration.ofDays(r.nextInt(3))).plusSeconds(g * r.nextInt(50));
            }
            String id = k == 1 ? "ghost" : r.nextBoolean() ? examId : goals.get(r.nextInt(goals.size())).id();
            ex.add(ScheduledSession.of(id, Interval.of(s, len)));
        }
        if (r.nextInt(5) == 0) {
            // total met by existing
            ex.add(ScheduledSession.of(examId, Interval.of(ws.plusSeconds(g), Duration.ofSeconds(goals.stream().filter(StudyGoal::isDeadline).findFirst().get().amount().getSeconds()))));
        }
        return new Multi(prefs, base.window(), base.busy(), Schedule.of(ex));
    }

    private static WeeklyHours hours(Random r, ZoneId zone) {
        WeeklyHours.Builder pref = WeeklyHours.builder(zone);
        for (DayOfWeek d : DayOfWeek.values()) {
            LocalTime from = LocalTime.of(r.nextInt(24), 0);
            pref.add(d, from, from.plusMinutes(60 + r.nextInt(4) * 30L));
        }
        return pref.build();
    }
}
