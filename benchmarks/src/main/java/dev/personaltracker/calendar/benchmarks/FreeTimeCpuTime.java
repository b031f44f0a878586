package dev.personaltracker.calendar.benchmarks;

import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * A cross-check of {@link FreeTimeBenchmark} for a crowded machine: runs both pipelines in turn and reports
 * the CPU time of the running thread (median and minimum over the repetitions), which other processes on
 * the machine disturb far less than the wall-clock time JMH reports. It is not a substitute for JMH: it
 * leaves out the time of the garbage collector's own threads, and its warm-up is simple.
 * <p>
 * Run: {@code java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar dev.personaltracker.calendar.benchmarks.FreeTimeCpuTime [n ...]}
 */
public final class FreeTimeCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FreeTimeCpuTime() {
    }

    /**
     * Runs the comparison.
     *
     * @param args  the values of n, default 10000 100000 400000
     */
    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {10_000, 100_000, 400_000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        IntervalSet work = BusyCalendars.workHoursOfYear();
        IntervalSet study = BusyCalendars.studyHoursOfYear();
        Range<Instant> year = FreeTimePipeline.toRange(BusyCalendars.YEAR);
        RangeSet<Instant> workRanges = FreeTimePipeline.toRangeSet(work);
        RangeSet<Instant> notStudy = TreeRangeSet.create(FreeTimePipeline.toRangeSet(study).complement());
        System.out.println("n, pipeline, median CPU ms, min CPU ms");
        for (int n : sizes) {
            List<Interval> busy = BusyCalendars.busy(n, BusyCalendars.SEED);
            int repetitions = n >= 400_000 ? 7 : 15;
            int warmups = n >= 400_000 ? 3 : 20;
            double[] ours = cpuMillis(warmups, repetitions, () -> FreeTimePipeline.ours(busy, BusyCalendars.YEAR, work, study));
            double[] guava = cpuMillis(warmups, repetitions, () -> FreeTimePipeline.guava(busy, year, workRanges, notStudy));
            System.out.printf("%d, intervalSet, %.2f, %.2f%n", n, ours[0], ours[1]);
            System.out.printf("%d, guavaTreeRangeSet, %.2f, %.2f%n", n, guava[0], guava[1]);
            System.out.printf("%d, guava/intervalSet (median), %.1f%n", n, guava[0] / ours[0]);
        }
    }

    /** Warms up, then returns the median and the minimum CPU milliseconds of the repetitions. */
    private static double[] cpuMillis(int warmups, int repetitions, Supplier<?> pipeline) {
        Object sink = null;
        for (int i = 0; i < warmups; i++) {
            sink = pipeline.get();
        }
        double[] millis = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = THREADS.getCurrentThreadCpuTime();
            sink = pipeline.get();
            millis[i] = (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
        }
        if (sink == null) {
            throw new IllegalStateException("the pipeline returned nothing");
        }
        Arrays.sort(millis);
        return new double[] {millis[repetitions / 2], millis[0]};
    }
}
