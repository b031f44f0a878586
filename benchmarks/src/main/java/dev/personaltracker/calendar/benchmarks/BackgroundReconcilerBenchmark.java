package dev.personaltracker.calendar.benchmarks;

import dev.personaltracker.calendar.BackgroundReconciler;
import dev.personaltracker.calendar.ReconcileReport;
import dev.personaltracker.calendar.ReconcileTarget;
import dev.personaltracker.calendar.time.Interval;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One 15-minute interval of the {@link BackgroundReconciler} for 10,000 users, 1 % of whom see a change in it, with a
 * fake provider that counts requests: a reconcile costs one delta read per calendar (with a sync token, an unchanged
 * calendar costs exactly one request) plus one write when something changed. {@code polling} is the baseline (every
 * user reconciled every interval); {@code push} covers every user with push channels, so only the notified users run.
 * The JMH score is the library's CPU time for the interval's bookkeeping and the fake reconciles; {@link #main} prints
 * requests and thread CPU time per interval for both modes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BackgroundReconcilerBenchmark {

    static final int USERS = 10_000;
    static final double CHANGED = 0.01;
    static final Duration INTERVAL = Duration.ofMinutes(15);

    /** polling: no channels; push: every user has channels and only notifications trigger runs. */
    @Param({"polling", "push"})
    public String mode;

    private Simulation simulation;

    @Setup(Level.Trial)
    public void setUp() {
        simulation = new Simulation(mode.equals("push"));
    }

    /** @return the requests of one interval */
    @Benchmark
    public long oneInterval() {
        return simulation.interval();
    }

    /** A clock the simulation moves. */
    static final class SimClock extends Clock {
        Instant now = Instant.parse("2026-03-02T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** 10,000 users, a fake target that counts requests, and a queue that runs the work in this thread. */
    static final class Simulation implements ReconcileTarget, Executor {
        final SimClock clock = new SimClock();
        final List<String> users = IntStream.range(0, USERS).mapToObj(i -> "user-" + i).toList();
        final Set<String> changed = new java.util.HashSet<>();
        final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        final SplittableRandom random = new SplittableRandom(42);
        final boolean push;
        final BackgroundReconciler background;
        long requests;
        long reconciles;

        Simulation(boolean push) {
            this.push = push;
            BackgroundReconciler.Builder b = BackgroundReconciler.builder(this, clock, range -> users)
                    .interval(INTERVAL).executor(this).maxConcurrentPerProvider(Integer.MAX_VALUE)
                    .fullPollEvery(Duration.ofDays(365));
            if (push) {
                b.coveredByPush(u -> true);
            }
            background = b.build();
            interval();   // the first interval polls everyone once (a first full read after start)
        }

        @Override
        public Set<String> providerIds(String userId) {
            return Set.of("google");
        }

        @Override
        public ReconcileReport reconcile(String userId, Interval window) {
            reconciles++;
            requests++;                       // the delta read of the user's calendar
            if (changed.remove(userId)) {
                requests++;                   // the move of the session the new meeting landed on
            }
            return new ReconcileReport(window, List.of(), List.of(), List.of());
        }

        @Override
        public void execute(Runnable task) {
            queue.add(task);
        }

        /** Runs one interval: 1 % of the users change at random times, ticks every minute. */
        long interval() {
            long before = requests;
            int ticks = (int) INTERVAL.toMinutes();
            List<List<String>> changesPerTick = new ArrayList<>();
            for (int t = 0; t < ticks; t++) {
                changesPerTick.add(new ArrayList<>());
            }
            for (int i = 0; i < USERS * CHANGED; i++) {
                changesPerTick.get(random.nextInt(ticks)).add(users.get(random.nextInt(USERS)));
            }
            for (int t = 0; t < ticks; t++) {
                for (String user : changesPerTick.get(t)) {
                    changed.add(user);
                    if (push) {
                        background.notifyChanged(user);
                    }
                }
                background.tick();
                Runnable next;
                while ((next = queue.poll()) != null) {
                    next.run();
                }
                clock.now = clock.now.plus(Duration.ofMinutes(1));
            }
            return requests - before;
        }
    }

    /**
     * Prints requests and thread CPU time per interval, both modes side by side.
     *
     * @param args  ignored
     */
    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int intervals = 20;
        System.out.printf("%-8s %14s %14s %18s%n", "mode", "requests/int", "reconciles/int", "CPU ms/int (median)");
        for (String mode : List.of("polling", "push")) {
            Simulation s = new Simulation(mode.equals("push"));
            for (int w = 0; w < 10; w++) {
                s.interval();   // warm-up
            }
            long requests = 0;
            long reconciles = s.reconciles;
            long[] cpu = new long[intervals];
            for (int i = 0; i < intervals; i++) {
                long start = threads.getCurrentThreadCpuTime();
                requests += s.interval();
                cpu[i] = threads.getCurrentThreadCpuTime() - start;
            }
            java.util.Arrays.sort(cpu);
            System.out.printf("%-8s %14d %14d %18.2f%n", mode, requests / intervals, (s.reconciles - reconciles) / intervals,
                    cpu[intervals / 2] / 1e6);
        }
    }
}
