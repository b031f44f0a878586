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

/** Random planning problems for the property tests, built from a seed so that a failure can be replayed. */
final class Instances {

    static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kolkata"));

    /** days with a DST change in some of ZONES (Berlin, New York, Lord Howe), and two plain days */
    static final List<LocalDate> DATES = List.of(LocalDate.of(2024, 3, 31), LocalDate.of(2024, 10, 27),
            LocalDate.of(2024, 3, 10), LocalDate.of(2024, 11, 3), LocalDate.of(2024, 4, 7), LocalDate.of(2024, 10, 6),
            LocalDate.of(2025, 6, 18), LocalDate.of(2026, 1, 14));

    record Instance(StudyPreferences prefs, Interval window, IntervalSet busy, List<Interval> existing) {
        @Override
        public String toString() {
            return prefs + "\n window=" + window + "\n busy=" + busy + "\n existing=" + existing;
        }
    }

    static {
        quietPlannerLog();
    }

    private Instances() {
    }

    /** the planner logs one DEBUG line per call; thousands of property tries would flood the build output */
    static void quietPlannerLog() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.personaltracker.calendar.plan"))
                .setLevel(ch.qos.logback.classic.Level.INFO);
    }

    /** A tiny problem inside one ISO week: one or two days, a few hours of study each, a coarse grid. */
    static Instance tiny(long seed) {
        return tiny(seed, false);
    }

    /** A tiny problem on a Sunday and the Monday after it: two ISO weeks that a break can couple. */
    static Instance tinyAcrossWeeks(long seed) {
        return tiny(seed, true);
    }

    private static Instance tiny(long seed, boolean acrossWeeks) {
        Random r = new Random(seed);
        ZoneId zone = ZONES.get(r.nextInt(ZONES.size()));
        LocalDate first = DATES.get(r.nextInt(DATES.size())).plusDays(r.nextInt(3) - 1);
        if (acrossWeeks) {
            first = first.with(java.time.temporal.TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        }
        int days = acrossWeeks ? 2 : first.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : 1 + r.nextInt(2);
        int step = r.nextBoolean() ? 30 : 60;
        WeeklyHours.Builder study = WeeklyHours.builder(zone);
        for (DayOfWeek d : DayOfWeek.values()) {
            int ranges = step == 60 ? 1 + r.nextInt(2) : 1;
            for (int i = 0; i < ranges; i++) {
                // half of the ranges sit around midnight, where breaks couple two days
                int hour = r.nextBoolean() ? (20 + r.nextInt(8)) % 24 : r.nextInt(24);
                LocalTime from = LocalTime.of(hour, r.nextInt(4) == 0 ? 15 : r.nextInt(2) * 30);
                int span = step == 60 ? 180 + r.nextInt(5) * 60 : 150 + r.nextInt(5) * 30;
                study.add(d, from, from.plusMinutes(span));
            }
        }
        StudyPreferences.Builder b = StudyPreferences.builder(zone).studyHours(study.build());
        int minSteps = 1 + r.nextInt(2);
        int maxSteps = minSteps + r.nextInt(3);
        b.granularity(Duration.ofMinutes(step))
                .sessionLength(Duration.ofMinutes((long) minSteps * step - r.nextInt(step / 2)), Duration.ofMinutes((long) maxSteps * step))
                .breakBetweenSessions(Duration.ofMinutes(new int[] {0, 15, 30, 60, 90}[r.nextInt(5)]))
                .buffer(Duration.ofMinutes(new int[] {0, 10, 30}[r.nextInt(3)]))
                .maxPerDay(Duration.ofMinutes((long) (minSteps + r.nextInt(4)) * step + r.nextInt(2) * 10))
                .weeklyGoal(Duration.ofMinutes((long) (1 + r.nextInt(8)) * step + r.nextInt(2) * 20));
        if (r.nextBoolean()) {
            WeeklyHours.Builder pref = WeeklyHours.builder(zone);
            for (DayOfWeek d : DayOfWeek.values()) {
                LocalTime from = LocalTime.of(r.nextInt(24), r.nextInt(4) * 15);
                pref.add(d, from, from.plusMinutes(60 + r.nextInt(6) * 20));
            }
            b.preferredHours(pref.build());
        }
        Instant dayStart = first.atStartOfDay(zone).toInstant();
        Instant dayEnd = first.plusDays(days).atStartOfDay(zone).toInstant();
        // the window starts and ends at most 5.5 hours inside the days, so both days keep a part of it
        Instant ws = r.nextInt(3) == 0 ? dayStart.plus(Duration.ofMinutes(r.nextInt(12) * 30L)) : dayStart;
        Instant we = r.nextInt(3) == 0 ? dayEnd.minus(Duration.ofMinutes(r.nextInt(12) * 30L)) : dayEnd;
        Interval window = Interval.of(ws, we);
        return new Instance(b.build(), window, randomIntervals(r, dayStart, dayEnd, r.nextInt(4), 60),
                randomIntervals(r, dayStart, dayEnd, r.nextInt(3), 60).intervals());
    }

    /** A larger problem over one to three weeks, with many busy intervals. */
    static Instance weeks(long seed) {
        Random r = new Random(seed);
        ZoneId zone = ZONES.get(r.nextInt(ZONES.size()));
        LocalDate first = DATES.get(r.nextInt(DATES.size())).minusDays(r.nextInt(7));
        int days = 3 + r.nextInt(18);
        int step = new int[] {15, 30, 60}[r.nextInt(3)];
        WeeklyHours.Builder study = WeeklyHours.builder(zone);
        for (DayOfWeek d : DayOfWeek.values()) {
            LocalTime from = LocalTime.of(r.nextInt(24), r.nextInt(4) * 15);
            study.add(d, from, from.plusMinutes(120 + r.nextInt(14) * 60L));
        }
        int minSteps = Math.max(1, 30 / step + r.nextInt(2));
        StudyPreferences.Builder b = StudyPreferences.builder(zone).studyHours(study.build())
                .granularity(Duration.ofMinutes(step))
                .sessionLength(Duration.ofMinutes((long) minSteps * step), Duration.ofMinutes((long) (minSteps + r.nextInt(5)) * step))
                .breakBetweenSessions(Duration.ofMinutes(r.nextInt(5) * 15L))
                .buffer(Duration.ofMinutes(r.nextInt(4) * 10L))
                .maxPerDay(Duration.ofMinutes((long) minSteps * step + r.nextInt(8) * 30L))
                .weeklyGoal(Duration.ofMinutes(60 + r.nextInt(20) * 35L));
        if (r.nextBoolean()) {
            WeeklyHours.Builder pref = WeeklyHours.builder(zone);
            for (DayOfWeek d : DayOfWeek.values()) {
                LocalTime from = LocalTime.of(r.nextInt(24), 0);
                pref.add(d, from, from.plusMinutes(60 + r.nextInt(8) * 30L));
            }
            b.preferredHours(pref.build());
        }
        Instant s = first.atStartOfDay(zone).toInstant().plus(Duration.ofMinutes(r.nextInt(20) * 30L));
        Instant e = first.plusDays(days).atStartOfDay(zone).toInstant();
        return new Instance(b.build(), Interval.of(s, e), randomIntervals(r, s, e, r.nextInt(6 * days + 1), 180),
                randomIntervals(r, s, e, r.nextInt(4), 120).intervals());
    }

    /** n random intervals starting in [from, to) on a 5-minute raster, 10 minutes to about maxMinutes long */
    static IntervalSet randomIntervals(Random r, Instant from, Instant to, int n, int maxMinutes) {
        long span = Duration.between(from, to).toMinutes();
        List<Interval> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant s = from.plus(Duration.ofMinutes(r.nextInt((int) Math.max(1, span / 5)) * 5L));
            out.add(Interval.of(s, Duration.ofMinutes(10 + r.nextInt(maxMinutes / 5 - 1) * 5L)));
        }
        return IntervalSet.of(out);
    }
}
