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

import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Planning a year of study against computing that year's free time, on the same input, in the same run.
 * <p>
 * Input, from {@link BusyCalendars}: {@code n} busy intervals in the year 2026 in Europe/Berlin (random
 * starts to the second, random order, overlapping; about half the year busy) and the work hours
 * Monday to Friday 09:00-17:00.
 * <ul>
 * <li>{@link #freeTime()}: the free-time pipeline on {@link IntervalSet} ({@link FreeTimePipeline#ours}):
 *     normalize the busy intervals, take the complement within the year, remove the work hours, keep the
 *     study hours (every day 07:00-22:00).</li>
 * <li>{@link #planYear()}: normalize the busy intervals, add the work hours, and let {@link StudyPlanner}
 *     propose the year's sessions (2026 touches 53 ISO weeks) with the default preferences (5 hours a week,
 *     sessions of 30 minutes to 2 hours, at most 3 hours a day, 10-minute buffer, 15-minute breaks, study
 *     hours 07:00-22:00, 15-minute grid) plus preferred hours 18:00-21:00, so that every tie-break works.</li>
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
        busy = BusyCalendars.busy(n, BusyCalendars.SEED);
        work = BusyCalendars.workHoursOfYear();
        study = BusyCalendars.studyHoursOfYear();
        WeeklyHours evenings = WeeklyHours.builder(BusyCalendars.ZONE).addEveryDay(LocalTime.of(18, 0), LocalTime.of(21, 0)).build();
        planner = StudyPlanner.create(StudyPreferences.builder(BusyCalendars.ZONE).studyHours(BusyCalendars.STUDY_HOURS)
                .preferredHours(evenings).build());
    }

    /**
     * The free-time pipeline on {@link IntervalSet}.
     *
     * @return the free study time of the year
     */
    @Benchmark
    public IntervalSet freeTime() {
        return FreeTimePipeline.ours(busy, BusyCalendars.YEAR, work, study);
    }

    /**
     * The study plan of the year on the same input.
     *
     * @return the plan
     */
    @Benchmark
    public StudyPlan planYear() {
        return planner.propose(BusyCalendars.YEAR, IntervalSet.of(busy).union(work), List.of());
    }

    /**
     * Prints the plan's outcome (to check that the benchmark plans something real), then a cross-check of the
     * ratio in thread CPU time, which a machine shared with other work disturbs less than JMH's wall time:
     * both benchmarks alternate for {@code args[0]} rounds (default 200) after as many warm-up rounds.
     *
     * @param args  optionally the number of rounds
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        PlannerBenchmark b = new PlannerBenchmark();
        b.n = 20000;
        b.setUp();
        StudyPlan plan = b.planYear();
        System.out.println("free study time " + b.freeTime().totalDuration() + ", planned " + plan.planned() + " in "
                + plan.sessions().size() + " sessions, shortfall " + plan.shortfall() + ", weeks short "
                + plan.weeks().stream().filter(w -> !w.goalMet()).count() + " of " + plan.weeks().size());
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long free = 0;
        long planned = 0;
        int sink = 0;
        for (int r = -rounds; r < rounds; r++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            sink += b.freeTime().intervalCount();
            long t1 = cpu.getCurrentThreadCpuTime();
            sink += b.planYear().sessions().size();
            long t2 = cpu.getCurrentThreadCpuTime();
            if (r >= 0) {
                free += t1 - t0;
                planned += t2 - t1;
            }
        }
        System.out.printf("thread CPU per op over %d rounds: freeTime %.2f ms, planYear %.2f ms, ratio %.2f (sink %d)%n",
                rounds, free / 1e6 / rounds, planned / 1e6 / rounds, (double) planned / free, sink);
    }
}
