package dev.personaltracker.calendar.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.AccountRef;
import dev.personaltracker.calendar.ReconcileReport;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.UserTracker;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.storage.json.JsonHistoryStore;
import dev.personaltracker.calendar.storage.json.JsonProfileStore;
import dev.personaltracker.calendar.storage.json.JsonSyncStateStore;
import dev.personaltracker.calendar.storage.json.JsonTokenStore;
import dev.personaltracker.calendar.storage.json.StoreKeys;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * The host's background cycle as a load test: {@code n} people, each with one Google account (a host-held token)
 * whose primary calendar has 30 meetings in the week and the 8 study sessions approved for it, on storage-json
 * stores (history, profiles, sync state) in a temporary directory; the real Google client talks to
 * {@link FakeGoogleCalendar} in WireMock in the same JVM.
 * <p>
 * After the set-up (connect, propose, approve) and one warm-up cycle in which nothing changes, a meeting lands on the
 * first session of every tenth person, and one cycle ({@code reconcile} of the week for every person, on 8 threads)
 * is measured: people per second of wall-clock time, the CPU time of the 8 host threads and of the whole process
 * (the fake included) per person, requests per unchanged person, and the heap the library keeps per person (the
 * heap in use after the cycle, less the heap in use once the tracker and its stores are closed and dropped; the
 * fake's own state is in both).
 * <p>
 * Arguments: {@code [people (default 1000)] [threads (default 8)]}. Prints one line per figure.
 */
public final class ReconcileCycleLoad {

    static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z");
    static final Interval WEEK = Interval.of(NOW, Duration.ofDays(7));
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    /**
     * The figures of one measured cycle.
     *
     * @param people  how many people
     * @param changed  how many had a meeting land on a session
     * @param wallNanos  the cycle's wall-clock time
     * @param hostCpuNanos  the CPU time of the host's threads during the cycle
     * @param processCpuNanos  the CPU time of the whole process (the fake included) during the cycle
     * @param requestsPerUnchanged  requests to Google per person with nothing changed
     * @param requestsPerChanged  requests to Google per person with a changed meeting
     * @param moved  sessions moved in the cycle
     * @param heapPerPerson  bytes the library keeps per person after the cycle
     */
    record Figures(int people, int changed, long wallNanos, long hostCpuNanos, long processCpuNanos,
            double requestsPerUnchanged, double requestsPerChanged, long moved, long heapPerPerson) {

        double peoplePerSecond() {
            return people * 1e9 / wallNanos;
        }

        String describe() {
            return String.format(Locale.ROOT, "people=%d changed=%d%n"
                    + "cycle wall time: %.0f ms -> %.0f people/s%n"
                    + "host threads' CPU: %.2f ms per person (%.0f people per CPU-second)%n"
                    + "process CPU (fake included): %.2f ms per person%n"
                    + "requests per unchanged person: %.2f, per changed person: %.2f; sessions moved: %d%n"
                    + "heap kept by the library: %.1f KB per person",
                    people, changed, wallNanos / 1e6, peoplePerSecond(), hostCpuNanos / 1e6 / people,
                    people * 1e9 / hostCpuNanos, processCpuNanos / 1e6 / people, requestsPerUnchanged,
                    requestsPerChanged, moved, heapPerPerson / 1024.0);
        }
    }

    private ReconcileCycleLoad() {
    }

    public static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        System.out.println(run(people, threads).describe());
    }

    static Figures run(int people, int threads) throws Exception {
        Path dir = Files.createTempDirectory("reconcile-cycle");
        FakeGoogleCalendar fake = new FakeGoogleCalendar();
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().extensions(fake)
                .disableRequestJournal().containerThreads(4 * threads + 10));
        server.start();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
            KeysetHandle keys = StoreKeys.generate();
            // held in a box, so that dropping it below leaves no reference to the tracker on this stack
            StudyTracker[] box = {tracker(server, dir, keys)};
            List<String> users = new ArrayList<>();
            for (int i = 0; i < people; i++) {
                String token = "token-" + i;
                fake.addAccount(token, "person" + i + "@example.com");
                for (int m = 0; m < 30; m++) {
                    // meetings of 30 minutes through the week's working days, every person's a little different
                    Instant start = NOW.plus(Duration.ofDays(m % 5)).plus(Duration.ofMinutes(150 + 60L * (m / 5)
                            + 15L * ((i + m) % 3)));
                    fake.putBusy(token, "meeting-" + m, start, start.plus(Duration.ofMinutes(30)));
                }
                users.add("user-" + i);
            }
            StudyPreferences prefs = StudyPreferences.builder(ZONE).weeklyGoal(Duration.ofHours(8))
                    .sessionLength(Duration.ofHours(1), Duration.ofHours(1)).maxPerDay(Duration.ofHours(2))
                    .buffer(Duration.ofMinutes(10)).build();
            forEach(pool, people, i -> {
                UserTracker user = box[0].forUser(users.get(i));
                AccountRef account = user.connectWithAccessToken("google", "token-" + i);
                user.writeTo(account, "person" + i + "@example.com").preferences(prefs);
                user.approve(user.propose(WEEK).sessions());
            });
            forEach(pool, people, i -> box[0].forUser(users.get(i)).reconcile(WEEK));   // warm-up: nothing changed
            int changed = 0;
            for (int i = 0; i < people; i += 10) {
                Instant session = fake.firstSessionStart("token-" + i);
                fake.putBusy("token-" + i, "landed", session, session.plus(Duration.ofMinutes(30)));
                changed++;
            }
            fake.resetCounts();
            AtomicLong moved = new AtomicLong();
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long[] poolThreads = poolThreadIds(pool, threads);
            long[] cpuBefore = cpu(mx, poolThreads);
            long processBefore = processCpu();
            long start = System.nanoTime();
            forEach(pool, people, i -> {
                ReconcileReport report = box[0].forUser(users.get(i)).reconcile(WEEK);
                moved.addAndGet(report.updates().size());
            });
            long wall = System.nanoTime() - start;
            long processCpu = processCpu() - processBefore;
            long[] cpuAfter = cpu(mx, poolThreads);
            long hostCpu = 0;
            for (int t = 0; t < threads; t++) {
                hostCpu += cpuAfter[t] - cpuBefore[t];
            }
            long unchangedRequests = 0;
            long changedRequests = 0;
            for (int i = 0; i < people; i++) {
                if (i % 10 == 0) {
                    changedRequests += fake.requests("token-" + i);
                } else {
                    unchangedRequests += fake.requests("token-" + i);
                }
            }
            long withLibrary = usedHeap();
            box[0].close();
            box[0] = null;
            long without = usedHeap();
            return new Figures(people, changed, wall, hostCpu, processCpu,
                    (double) unchangedRequests / (people - changed), (double) changedRequests / changed,
                    moved.get(), (withLibrary - without) / people);
        } finally {
            pool.shutdownNow();
            server.stop();
            deleteTree(dir);
        }
    }

    private static StudyTracker tracker(WireMockServer server, Path dir, KeysetHandle keys) throws IOException {
        ProviderSettings google = ProviderSettings.builder()
                .clientId("1234567890-bench.apps.googleusercontent.com")
                .clientSecret("bench-secret")
                .apiBaseUrl(URI.create(server.baseUrl() + "/"))
                .authBaseUrl(URI.create(server.baseUrl() + "/"))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .syncStateStore(JsonSyncStateStore.open(dir.resolve("sync"), keys))
                .build();
        return StudyTracker.builder()
                .discoverProviders()
                .settings("google", google)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .tokenStore(JsonTokenStore.open(dir.resolve("tokens"), keys))
                .historyStore(JsonHistoryStore.open(dir.resolve("history"), keys))
                .profileStore(JsonProfileStore.open(dir.resolve("profiles"), keys))
                .build();
    }

    /** Runs {@code work(i)} for i in [0, n) on the pool and waits for all; the first failure is thrown. */
    private static void forEach(ExecutorService pool, int n, IntConsumer work) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            running.add(pool.submit(() -> work.accept(index)));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }

    /** @return the ids of the pool's threads (each runs one of {@code threads} tasks held at a barrier) */
    private static long[] poolThreadIds(ExecutorService pool, int threads) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(threads);
        List<Future<Long>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                barrier.await();
                return Thread.currentThread().getId();
            }));
        }
        long[] ids = new long[threads];
        for (int t = 0; t < threads; t++) {
            ids[t] = running.get(t).get();
        }
        return ids;
    }

    private static long[] cpu(ThreadMXBean mx, long[] threadIds) {
        long[] out = new long[threadIds.length];
        for (int t = 0; t < threadIds.length; t++) {
            out[t] = mx.getThreadCpuTime(threadIds[t]);
        }
        return out;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
