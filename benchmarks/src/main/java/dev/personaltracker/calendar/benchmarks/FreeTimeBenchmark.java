package dev.personaltracker.calendar.benchmarks;

import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

/**
 * The free-time pipeline over one year ({@link FreeTimePipeline}) on {@link IntervalSet} against the same
 * pipeline on Guava's {@link TreeRangeSet}, for {@code n} busy intervals from {@link BusyCalendars}.
 * The work and study hours are prepared once per trial for both, so each measures the same four steps.
 * The forked JVM gets a fixed, pre-touched heap: without it, every operation early in the run pays the
 * kernel's first-touch page faults for fresh heap memory, which a long-running host has long paid, and
 * which dominate the large-array side at n = 400k.
 * Run it with the command in {@code benchmarks/README.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FreeTimeBenchmark {

    /** How many busy intervals. */
    @Param({"10000", "100000", "400000"})
    public int n;

    private List<Interval> busy;
    private IntervalSet work;
    private IntervalSet study;
    private Range<Instant> yearRange;
    private RangeSet<Instant> workRanges;
    private RangeSet<Instant> notStudyRanges;

    /** Generates the data for {@link #n}. */
    @Setup
    public void setUp() {
        busy = BusyCalendars.busy(n, BusyCalendars.SEED);
        work = BusyCalendars.workHoursOfYear();
        study = BusyCalendars.studyHoursOfYear();
        yearRange = FreeTimePipeline.toRange(BusyCalendars.YEAR);
        workRanges = FreeTimePipeline.toRangeSet(work);
        notStudyRanges = TreeRangeSet.create(FreeTimePipeline.toRangeSet(study).complement());
    }

    /**
     * The pipeline on {@link IntervalSet}.
     *
     * @return the free study time
     */
    @Benchmark
    public IntervalSet intervalSet() {
        return FreeTimePipeline.ours(busy, BusyCalendars.YEAR, work, study);
    }

    /**
     * The pipeline on Guava's {@link TreeRangeSet}.
     *
     * @return the free study time
     */
    @Benchmark
    public RangeSet<Instant> guavaTreeRangeSet() {
        return FreeTimePipeline.guava(busy, yearRange, workRanges, notStudyRanges);
    }
}
