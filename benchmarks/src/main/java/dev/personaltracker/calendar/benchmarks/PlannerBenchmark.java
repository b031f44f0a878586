package dev.personaltracker.calendar.benchmarks;

import dev.personaltracker.calendar.plan.StudyPlan;
import dev.personaltracker.calendar.plan.StudyPlanner;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import dev.personaltracker.calendar.time.WeeklyHours;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Planning a year of study against computing that year's free time, on the same input, in the same run.
 * <p>
 * Input: {@code n} busy intervals spread over the year 2026 in Europe/Berlin (random starts to the second,
 * random order, overlapping; about half the year busy), plus work hours Monday to Friday 09:00-17:00.
 * <ul>
 * <li>{@link #freeTime()}: the free-time pipeline on {@link IntervalSet}: normalize the busy intervals, take
 *     the complement within the year, remove the work hours, keep the study hours (07:00-22:00).</li>
 * <li>{@link #planYear()}: normalize the busy intervals, add the work hours, and let {@link StudyPlanner}
 *     propose the year's sessions (53 ISO weeks touch 2026) with the default preferences: 5 hours a week,
 *     sessions of 30 minutes to 2 hours, at most 3 hours a day, 10-minute buffer, 15-minute breaks,
 *     study hours 07:00-22:00, 15-minute grid, and preferred hours 18:00-21:00.</li>
 * </ul>
 * The goal is {@code planYear <= 5 x freeTime}. Results are in {@code benchmarks/PLANNER.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PlannerBenchmark {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final Interval YEAR = Interval.of(LocalDate.of(2026, 1, 1).atStartOfDay(ZONE).toInstant(),
            LocalDate.of(2027, 1, 1).atStartOfDay(ZONE).toInstant());

    /** How many busy intervals. */
    @Param({"20000"})
    public int n;

    private List<Interval> busy;
    private IntervalSet work;
    private IntervalSet study;
    private StudyPlanner planner;

    /** Generates the data and the planner. */
    @Setup
    public void setUp() {
        busy = busy(n, 20260302L);
        work = hours(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
                LocalTime.of(9, 0), LocalTime.of(17, 0)).within(YEAR);
        WeeklyHours studyHours = hours(List.of(DayOfWeek.values()), LocalTime.of(7, 0), LocalTime.of(22, 0));
        study = studyHours.within(YEAR);
        planner = StudyPlanner.create(StudyPreferences.builder(ZONE).studyHours(studyHours)
                .preferredHours(hours(List.of(DayOfWeek.values()), LocalTime.of(18, 0), LocalTime.of(21, 0))).build());
    }

    /**
     * The free-time pipeline on {@link IntervalSet}.
     *
     * @return the free study time of the year
     */
    @Benchmark
    public IntervalSet freeTime() {
        return IntervalSet.of(busy).complement(YEAR).minus(work).intersection(study);
    }

    /**
     * The study plan of the year on the same input.
     *
     * @return the plan
     */
    @Benchmark
    public StudyPlan planYear() {
        return planner.propose(YEAR, IntervalSet.of(busy).union(work), List.of());
    }

    static WeeklyHours hours(List<DayOfWeek> days, LocalTime from, LocalTime to) {
        WeeklyHours.Builder b = WeeklyHours.builder(ZONE);
        for (DayOfWeek d : days) {
            b.add(d, from, to);
        }
        return b.build();
    }

    /** n intervals with random starts in the year and lengths up to twice 0.7 * year / n: about half the year busy */
    static List<Interval> busy(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long yearSeconds = YEAR.duration().getSeconds();
        long maxLength = Math.min(yearSeconds / 2, Math.max(2, (long) (2 * 0.7 * yearSeconds / n)));
        Instant start = YEAR.start();
        List<Interval> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long length = 1 + random.nextLong(maxLength);
            long offset = random.nextLong(yearSeconds - length);
            out.add(Interval.of(start.plusSeconds(offset), Duration.ofSeconds(length)));
        }
        return out;
    }

    /**
     * Runs both once and prints the plan's outcome, to check that the benchmark plans something real.
     *
     * @param args  ignored
     */
    public static void main(String[] args) {
        PlannerBenchmark b = new PlannerBenchmark();
        b.n = 20000;
        b.setUp();
        StudyPlan plan = b.planYear();
        System.out.println("free study time " + b.freeTime().totalDuration() + ", planned " + plan.planned() + " in "
                + plan.sessions().size() + " sessions, shortfall " + plan.shortfall() + ", weeks short "
                + plan.weeks().stream().filter(w -> !w.goalMet()).count());
    }
}
