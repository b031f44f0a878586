package dev.personaltracker.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusySnapshot;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.RateLimitedException;
import dev.personaltracker.calendar.testing.MutableClock;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reading all of a person's accounts at once: overlap, limits, deadline, typed failures, partial-read policies. */
class ParallelReadsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Interval WEEK = Interval.of(Instant.parse("2026-03-02T00:00:00Z"), Duration.ofDays(7));
    private static final Interval MEETING = Interval.of(Instant.parse("2026-03-02T10:00:00Z"), Duration.ofHours(1));
    private static final Duration LONG = Duration.ofSeconds(20);

    private final MutableClock clock = new MutableClock(NOW);
    private final ScriptedProvider google = new ScriptedProvider("g");
    private final ScriptedProvider outlook = new ScriptedProvider("o");
    private final CountDownLatch never = new CountDownLatch(1);
    private StudyTracker tracker;

    @AfterEach
    void tearDown() {
        never.countDown();
        if (tracker != null) {
            tracker.close();
        }
    }

    private UserTracker alice(UnaryOperator<StudyTracker.Builder> options, String... accounts) {
        tracker = options.apply(StudyTracker.builder().providers(ProviderRegistry.of(google, outlook))
                .tokenStore(InMemoryTokenStore.create()).historyStore(InMemoryHistoryStore.create()).clock(clock))
                .build();
        UserTracker alice = tracker.forUser("alice");
        for (String account : accounts) {
            String[] parts = account.split(":");
            alice.connect(parts[0], ProviderSettings.builder().property("account", parts[1]).build());
        }
        return alice;
    }

    /**
     * A script that counts the reads inside busy() at once (the most in {@code most}) and holds each until
     * {@code meet} has counted down: proof that that many reads overlapped, without timing.
     */
    private static ScriptedProvider.Script meeting(CountDownLatch meet, AtomicInteger inside, AtomicInteger most,
                                                   java.util.function.Function<String, List<BusyInterval>> answer) {
        return (account, calendars, window) -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                meet.countDown();
                if (!meet.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the other reads never ran alongside this one");
                }
                return answer.apply(account);
            } finally {
                inside.decrementAndGet();
            }
        };
    }

    @Test
    void readsEveryAccountOfAPersonAtOnce() {
        CountDownLatch arrived = new CountDownLatch(3);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ScriptedProvider.Script script = meeting(arrived, inside, most, a -> List.of());
        google.scripts.put("g1", script);
        google.scripts.put("g2", script);
        outlook.scripts.put("o1", script);
        UserTracker alice = alice(b -> b.readDeadline(LONG).partialReads(PartialReadPolicy.refuse()),
                "g:g1", "g:g2", "o:o1");

        FreeTime free = assertTimeoutPreemptively(LONG, () -> alice.freeTime(WEEK));

        assertThat(most.get()).isEqualTo(3);
        assertThat(free.reads().accounts()).extracting(AccountRead::source)
                .containsExactly(AccountRead.Source.FRESH, AccountRead.Source.FRESH, AccountRead.Source.FRESH);
        assertThat(free.reads().complete()).isTrue();
    }

    @Test
    void boundsTheReadsOfOneProviderAtOnce() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ScriptedProvider.Script script = meeting(new CountDownLatch(2), inside, most,
                a -> List.of(google.busy(a, MEETING)));
        for (String a : List.of("g1", "g2", "g3", "g4")) {
            google.scripts.put(a, script);
        }
        UserTracker alice = alice(b -> b.readDeadline(LONG).readConcurrency(8, 2), "g:g1", "g:g2", "g:g3", "g:g4");

        FreeTime free = alice.freeTime(WEEK);

        assertThat(most.get()).as("two reads of the provider at once, never more").isEqualTo(2);
        assertThat(free.busyIntervals()).hasSize(4);
    }

    @Test
    void boundsTheReadsOfTheHostAtOnceOverProviders() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ScriptedProvider.Script script = meeting(new CountDownLatch(2), inside, most, a -> List.of());
        google.scripts.put("g1", script);
        outlook.scripts.put("o1", script);
        google.scripts.put("g2", script);
        outlook.scripts.put("o2", script);
        UserTracker alice = alice(b -> b.readDeadline(LONG).readConcurrency(2, 4), "g:g1", "o:o1", "g:g2", "o:o2");

        alice.freeTime(WEEK);

        assertThat(most.get()).as("two reads over both providers at once, never more").isEqualTo(2);
    }

    @Test
    void runsReadsOnTheHostsExecutor() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "host-pool"));
        try {
            List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
            google.scripts.put("g1", (a, c, w) -> {
                threads.add(Thread.currentThread().getName());
                return List.of();
            });
            UserTracker alice = alice(b -> b.readExecutor(pool), "g:g1");

            alice.freeTime(WEEK);
            tracker.close();

            assertThat(threads).containsExactly("host-pool");
            assertThat(pool.isShutdown()).as("the host's executor is the host's to stop").isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeStopsTheDefaultReadExecutor() throws Exception {
        Thread[] reader = new Thread[1];
        google.scripts.put("g1", (a, c, w) -> {
            reader[0] = Thread.currentThread();
            return List.of();
        });
        UserTracker alice = alice(b -> b, "g:g1");
        alice.freeTime(WEEK);
        assertThat(reader[0].getName()).startsWith("study-tracker-read-");

        tracker.close();
        reader[0].join(10_000);

        assertThat(reader[0].isAlive()).isFalse();
    }

    @Test
    void aProviderThatNeverAnswersFailsTypedAtTheDeadline() {
        google.scripts.put("g1", (a, c, w) -> List.of(google.busy(a, MEETING)));
        outlook.scripts.put("hangs", (a, c, w) -> {
            never.await();
            return List.of();
        });
        UserTracker alice = alice(b -> b.readDeadline(Duration.ofMillis(200)).partialReads(PartialReadPolicy.refuse()),
                "g:g1", "o:hangs");

        PartialReadException e = assertTimeoutPreemptively(LONG,
                () -> catchPartial(() -> alice.freeTime(WEEK)));

        assertThat(e.failedAccounts()).singleElement().satisfies(read -> {
            assertThat(read.account()).isEqualTo(AccountRef.of("o", "hangs"));
            assertThat(read.failure().orElseThrow().type()).isEqualTo("ProviderUnavailableException");
            assertThat(read.failure().orElseThrow().message()).contains("did not answer", "PT0.2S");
        });
        assertThat(e.report().accounts()).hasSize(2);
        assertThat(e.getMessage()).contains("o:hangs", "1 of 2 accounts");
    }

    @Test
    void aRuntimeExceptionOfAProviderBecomesATypedFailureNamingProviderAndAccount() {
        google.scripts.put("g1", (a, c, w) -> {
            throw new IllegalStateException("socket closed");
        });
        UserTracker alice = alice(b -> b.partialReads(PartialReadPolicy.refuse()), "g:g1");

        PartialReadException e = catchPartial(() -> alice.freeTime(WEEK));

        AccountRead.ReadFailure failure = e.failedAccounts().get(0).failure().orElseThrow();
        assertThat(failure.type()).isEqualTo("UnexpectedResponseException");
        assertThat(failure.message()).contains("'g'", "g:g1", "IllegalStateException", "socket closed");
    }

    @Test
    void garbageFromAProviderIsATypedFailure() {
        google.scripts.put("nulls", (a, c, w) -> java.util.Arrays.asList((BusyInterval) null));
        google.scripts.put("nothing", (a, c, w) -> null);
        UserTracker alice = alice(b -> b.partialReads(PartialReadPolicy.refuse()), "g:nulls", "g:nothing");

        PartialReadException e = catchPartial(() -> alice.freeTime(WEEK));

        assertThat(e.failedAccounts()).extracting(r -> r.failure().orElseThrow().type())
                .containsExactly("UnexpectedResponseException", "UnexpectedResponseException");
        assertThat(e.failedAccounts()).extracting(r -> r.failure().orElseThrow().message())
                .anySatisfy(m -> assertThat(m).contains("null busy interval", "g:nulls"))
                .anySatisfy(m -> assertThat(m).contains("no list", "g:nothing"));
    }

    @Test
    void plansOnARecentSnapshotOfAFailedAccountAndSaysHowOld() {
        google.scripts.put("g1", (a, c, w) -> List.of(google.busy(a, MEETING)));
        Interval lastKnown = Interval.of(Instant.parse("2026-03-03T14:00:00Z"), Duration.ofHours(2));
        outlook.scripts.put("down", (a, c, w) -> {
            throw new ProviderUnavailableException("Graph answered 503 five times");
        });
        outlook.snapshots.put("down", new BusySnapshot(List.of(outlook.busy("down", lastKnown)),
                Optional.of(NOW.minus(Duration.ofHours(2)))));
        UserTracker alice = alice(b -> b, "g:g1", "o:down");

        FreeTime free = alice.freeTime(WEEK);

        assertThat(free.busy().intervals()).containsExactly(MEETING, lastKnown);
        AccountRead down = free.reads().accounts().get(1);
        assertThat(down.source()).isEqualTo(AccountRead.Source.SNAPSHOT);
        assertThat(down.snapshotAge()).contains(Duration.ofHours(2));
        assertThat(down.failure().orElseThrow().type()).isEqualTo("ProviderUnavailableException");
        assertThat(down.failure().orElseThrow().message()).isEqualTo("Graph answered 503 five times");
        assertThat(down.describe()).contains("snapshot", "2 h old", "503");
        assertThat(free.reads().complete()).isFalse();
        assertThat(free.reads().unknown()).isEmpty();
        assertThat(free.reads().accounts().get(0).source()).isEqualTo(AccountRead.Source.FRESH);
    }

    @Test
    void refusesWhenTheSnapshotIsTooOldOrItsAgeUnknownOrThereIsNone() {
        ScriptedProvider.Script down = (a, c, w) -> {
            throw new RateLimitedException("throttled", Duration.ofMinutes(1), null);
        };
        outlook.scripts.put("old", down);
        outlook.scripts.put("ageless", down);
        outlook.scripts.put("none", down);
        outlook.snapshots.put("old", new BusySnapshot(List.of(), Optional.of(NOW.minus(Duration.ofHours(30)))));
        outlook.snapshots.put("ageless", new BusySnapshot(List.of(), Optional.empty()));
        UserTracker alice = alice(b -> b, "g:fine", "o:old", "o:ageless", "o:none");

        PartialReadException e = catchPartial(() -> alice.freeTime(WEEK));

        assertThat(e.failedAccounts()).extracting(AccountRead::snapshot).containsExactly(
                AccountRead.Snapshot.TOO_OLD, AccountRead.Snapshot.AGE_UNAVAILABLE, AccountRead.Snapshot.NONE);
        assertThat(e.failedAccounts().get(0).snapshotAge()).contains(Duration.ofHours(30));
        assertThat(e.getMessage()).contains("o:old", "too old (30 h old)", "o:ageless", "age unavailable",
                "o:none", "no snapshot", "RateLimitedException").doesNotContain("g:fine");
    }

    @Test
    void refusePolicyIgnoresEvenARecentSnapshot() {
        outlook.scripts.put("down", (a, c, w) -> {
            throw new ProviderUnavailableException("503");
        });
        outlook.snapshots.put("down", new BusySnapshot(List.of(), Optional.of(NOW)));
        UserTracker alice = alice(b -> b.partialReads(PartialReadPolicy.refuse()), "o:down");

        PartialReadException e = catchPartial(() -> alice.freeTime(WEEK));

        assertThat(e.failedAccounts().get(0).snapshot()).isEqualTo(AccountRead.Snapshot.NOT_ALLOWED);
    }

    @Test
    void planningOverUnknownTimeIsAllowedOnlyByPolicyAndAlwaysReported() {
        outlook.scripts.put("down", (a, c, w) -> {
            throw new ProviderUnavailableException("connection reset");
        });
        UserTracker alice = alice(b -> b.partialReads(PartialReadPolicy.planOverUnknown(Duration.ofHours(1))),
                "o:down");
        alice.preferences(StudyPreferences.builder(java.time.ZoneOffset.UTC).weeklyGoal(Duration.ofHours(2))
                .sessionLength(Duration.ofHours(1), Duration.ofHours(1)).build());

        Proposals proposals = alice.propose(WEEK);

        assertThat(proposals.total()).isEqualTo(Duration.ofHours(2));
        assertThat(proposals.reads().unknown()).singleElement().satisfies(read -> {
            assertThat(read.account()).isEqualTo(AccountRef.of("o", "down"));
            assertThat(read.describe()).contains("UNKNOWN", "connection reset");
        });
        assertThat(proposals.reads().describe()).contains("o:down", "planned over as free");
    }

    @Test
    void proposalsReportEveryAccountsRead() {
        google.scripts.put("g1", (a, c, w) -> List.of(google.busy(a, MEETING)));
        UserTracker alice = alice(b -> b, "g:g1");
        alice.preferences(StudyPreferences.builder(java.time.ZoneOffset.UTC).weeklyGoal(Duration.ofHours(1))
                .sessionLength(Duration.ofHours(1), Duration.ofHours(1)).build());

        Proposals proposals = alice.propose(WEEK);

        assertThat(proposals.reads().accounts()).singleElement().satisfies(read -> {
            assertThat(read.source()).isEqualTo(AccountRead.Source.FRESH);
            assertThat(read.calendars()).containsExactly("primary");
        });
    }

    private static PartialReadException catchPartial(Runnable call) {
        try {
            call.run();
        } catch (PartialReadException e) {
            return e;
        }
        throw new AssertionError("expected a PartialReadException");
    }
}
