package dev.personaltracker.calendar.benchmarks;

import dev.personaltracker.calendar.plan.Schedule;
import dev.personaltracker.calendar.plan.StudyGoal;
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

import java.time.Duration;
import java.time.LocalDate;
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
 * <li>{@link #planSemester()}: the same single-goal plan (same input, same preferences) over a semester, the 16
 *     ISO weeks from Monday 7 September 2026.</li>
 * <li>{@link #planSemesterFiveGoals()}: that semester with five goals ({@link #SEMESTER_GOALS}): four weekly
 *     courses (one with priority, own session lengths and preferred hours) and an exam of 20 hours due Friday 18
 *     December 2026 09:00, spread over the weeks before it.</li>
 * </ul>
 * The goals are {@code planYear <= 5 x freeTime} and {@code planSemesterFiveGoals < 10 x planSemester}. Results are
 * in {@code benchmarks/PLANNER.md}.
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

    /** The semester: the 16 ISO weeks from Monday 7 September 2026 in {@link BusyCalendars#ZONE}. */
    public static final Interval SEMESTER = Interval.of(LocalDate.of(2026, 9, 7).atStartOfDay(BusyCalendars.ZONE).toInstant(),
            LocalDate.of(2026, 9, 7).plusWeeks(16).atStartOfDay(BusyCalendars.ZONE).toInstant());

    /** The five goals of {@link #planSemesterFiveGoals()}. */
    public static final List<StudyGoal> SEMESTER_GOALS = List.of(
            StudyGoal.weekly("linear-algebra", Duration.ofHours(3)),
            StudyGoal.weekly("programming", Duration.ofHours(4)).withPriority(1)
                    .withSessionLength(Duration.ofHours(1), Duration.ofHours(2)),
            StudyGoal.weekly("history", Duration.ofHours(2)).withPreferredHours(WeeklyHours.builder(BusyCalendars.ZONE)
                    .addEveryDay(LocalTime.of(7, 0), LocalTime.of(9, 0)).build()),
            StudyGoal.weekly("language", Duration.ofMinutes(90)).withSessionLength(Duration.ofMinutes(30), Duration.ofMinutes(45)),
            StudyGoal.byDeadline("statistics", Duration.ofHours(20),
                    LocalDate.of(2026, 12, 18).atTime(9, 0).atZone(BusyCalendars.ZONE).toInstant()));

    private List<Interval> busy;
    private IntervalSet work;
    private IntervalSet study;
    private StudyPlanner planner;
    private StudyPlanner fiveGoals;

    /** Generates the data and the planner. */
    @Setup
    public void setUp() {
        busy = BusyCalendars.busy(n, BusyCalendars.SEED);
        work = BusyCalendars.workHoursOfYear();
        study = BusyCalendars.studyHoursOfYear();
        WeeklyHours evenings = WeeklyHours.builder(BusyCalendars.ZONE).addEveryDay(LocalTime.of(18, 0), LocalTime.of(21, 0)).build();
        planner = StudyPlanner.create(StudyPreferences.builder(BusyCalendars.ZONE).studyHours(BusyCalendars.STUDY_HOURS)
                .preferredHours(evenings).build());
        fiveGoals = StudyPlanner.create(StudyPreferences.builder(BusyCalendars.ZONE).studyHours(BusyCalendars.STUDY_HOURS)
                .preferredHours(evenings).goals(SEMESTER_GOALS).build());
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
     * The single-goal plan of the semester on the same input: the baseline of {@link #planSemesterFiveGoals()}.
     *
     * @return the plan
     */
    @Benchmark
    public StudyPlan planSemester() {
        return planner.propose(SEMESTER, IntervalSet.of(busy).union(work), List.of());
    }

    /**
     * The five-goal plan of the semester on the same input.
     *
     * @return the plan
     */
    @Benchmark
    public StudyPlan planSemesterFiveGoals() {
        return fiveGoals.propose(SEMESTER, IntervalSet.of(busy).union(work), Schedule.empty());
    }

    /**
     * Prints the plans' outcomes (to check that the benchmarks plan something real), then cross-checks of the ratios
     * in thread CPU time, which a machine shared with other work disturbs less than JMH's wall time: each pair
     * ({@code planSemester} / {@code planSemesterFiveGoals}, the same with the busy intervals normalized once, and
     * {@code freeTime} / {@code planYear}) alternates for {@code args[0]} rounds (default 200) after as many warm-up
     * rounds.
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
        StudyPlan semester = b.planSemesterFiveGoals();
        System.out.println("semester, five goals: planned " + semester.planned() + " in " + semester.sessions().size()
                + " sessions, shortfall " + semester.shortfall());
        semester.goals().forEach(g -> System.out.println("  " + g.goalId() + ": placed " + g.placed() + ", shortfall "
                + g.shortfall() + g.deadline().map(d -> " (" + d.summary() + ")").orElse("")));
        cpuRatio("planSemester", () -> b.planSemester().sessions().size(), "planSemesterFiveGoals",
                () -> b.planSemesterFiveGoals().sessions().size(), rounds);
        // the same without normalizing the 20,000 busy intervals (done once here): the planners alone
        IntervalSet normalized = IntervalSet.of(b.busy).union(b.work);
        cpuRatio("planSemester (planner only)", () -> b.planner.propose(SEMESTER, normalized, List.of()).sessions().size(),
                "planSemesterFiveGoals (planner only)",
                () -> b.fiveGoals.propose(SEMESTER, normalized, Schedule.empty()).sessions().size(), rounds);
        cpuRatio("freeTime", () -> b.freeTime().intervalCount(), "planYear", () -> b.planYear().sessions().size(), rounds);
    }

    /**
     * Alternates two operations in this thread and prints their thread CPU time per operation and the ratio; each
     * operation returns a number that is summed, so that its result is used.
     */
    private static void cpuRatio(String baseName, java.util.function.IntSupplier base, String name,
            java.util.function.IntSupplier op, int rounds) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long a = 0;
        long b = 0;
        int sink = 0;
        for (int r = -rounds; r < rounds; r++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            sink += base.getAsInt();
            long t1 = cpu.getCurrentThreadCpuTime();
            sink += op.getAsInt();
            long t2 = cpu.getCurrentThreadCpuTime();
            if (r >= 0) {
                a += t1 - t0;
                b += t2 - t1;
            }
        }
        System.out.printf("thread CPU per op over %d rounds: %s %.2f ms, %s %.2f ms, ratio %.2f (sink %d)%n", rounds, baseName,
                a / 1e6 / rounds, name, b / 1e6 / rounds, (double) b / a, sink);
    }
}
