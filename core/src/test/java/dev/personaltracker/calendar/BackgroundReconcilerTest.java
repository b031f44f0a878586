package dev.personaltracker.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.memory.InMemoryLeaseStore;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.RateLimitedException;
import dev.personaltracker.calendar.spi.ReauthorizationRequiredException;
import dev.personaltracker.calendar.testing.MutableClock;
import dev.personaltracker.calendar.testing.QueuedExecutor;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The background reconciler driven by a fake clock, a fake target and a hand-run executor. */
class BackgroundReconcilerTest {

    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final QueuedExecutor executor = new QueuedExecutor();
    private final FakeTarget target = new FakeTarget();
    private final List<ReconcileOutcome> outcomes = new CopyOnWriteArrayList<>();

    /** Counts reconciles per user; a user may be made to fail. */
    static final class FakeTarget implements ReconcileTarget {
        final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        final Map<String, Function<String, RuntimeException>> failures = new ConcurrentHashMap<>();
        final Map<String, CountDownLatch> blockers = new ConcurrentHashMap<>();
        final CountDownLatch started = new CountDownLatch(1);
        final Map<String, String> providers = new ConcurrentHashMap<>();

        @Override
        public Set<String> providerIds(String userId) {
            return Set.of(providers.getOrDefault(userId, "google"));
        }

        @Override
        public ReconcileReport reconcile(String userId, Interval window) {
            runs.computeIfAbsent(userId, u -> new AtomicInteger()).incrementAndGet();
            started.countDown();
            CountDownLatch blocker = blockers.get(userId);
            if (blocker != null) {
                try {
                    blocker.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Function<String, RuntimeException> failure = failures.get(userId);
            if (failure != null) {
                throw failure.apply(userId);
            }
            return new ReconcileReport(window, List.of(), List.of(), List.of());
        }

        int runs(String userId) {
            AtomicInteger n = runs.get(userId);
            return n == null ? 0 : n.get();
        }

        int total() {
            return runs.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    private static List<String> users(int n) {
        return IntStream.range(0, n).mapToObj(i -> "user-" + i).toList();
    }

    private BackgroundReconciler.Builder builder(Collection<String> users) {
        return BackgroundReconciler.builder(target, clock, range -> users)
                .executor(executor)
                .listener(outcomes::add);
    }

    /** Ticks once a minute for a span, running what each tick queued; returns the runs per tick. */
    private List<Integer> tickEveryMinute(BackgroundReconciler background, Duration span) {
        List<Integer> perTick = new ArrayList<>();
        for (long m = 0; m < span.toMinutes(); m++) {
            background.tick();
            perTick.add(executor.runAll());
            clock.advance(Duration.ofMinutes(1));
        }
        return perTick;
    }

    @Test
    void schedule_everyUserOncePerInterval_spreadOverTheInterval() {
        List<String> users = users(300);
        BackgroundReconciler background = builder(users).build();

        List<Integer> firstInterval = tickEveryMinute(background, Duration.ofMinutes(15));

        assertThat(users).allSatisfy(u -> assertThat(target.runs(u)).as(u).isEqualTo(1));
        // spread: no minute carries more than a third of the users (a burst would put all 300 in the first tick)
        assertThat(firstInterval).allSatisfy(n -> assertThat(n).isLessThan(100));
        assertThat(firstInterval.stream().filter(n -> n > 0).count()).isGreaterThanOrEqualTo(10);

        tickEveryMinute(background, Duration.ofMinutes(15));

        assertThat(users).allSatisfy(u -> assertThat(target.runs(u)).as(u).isEqualTo(2));
        assertThat(outcomes).hasSize(600).allSatisfy(o -> assertThat(o.status()).isEqualTo(ReconcileOutcome.Status.RECONCILED));
    }

    @Test
    void schedule_usersWithoutScheduledSessionsAreNotReconciled() {
        BackgroundReconciler background = BackgroundReconciler.builder(target, clock, range -> List.of("alice"))
                .executor(executor).build();

        tickEveryMinute(background, Duration.ofMinutes(15));

        assertThat(target.runs.keySet()).containsExactly("alice");
    }

    @Test
    void notifyChanged_reconcilesAtOnce_withoutWaitingForTheSchedule() {
        BackgroundReconciler background = builder(users(10)).build();
        background.tick();
        executor.runAll();
        int before = target.runs("user-3");

        assertThat(background.notifyChanged("user-3")).isTrue();
        executor.runAll();

        assertThat(target.runs("user-3")).isEqualTo(before + 1);
    }

    @Test
    void notifyChanged_aBurstOf100ForOneUser_isOneReconcile() {
        BackgroundReconciler background = builder(List.of()).build();

        for (int i = 0; i < 100; i++) {
            background.notifyChanged("alice");
        }
        executor.runAll();
        background.tick();
        executor.runAll();

        assertThat(target.runs("alice")).isEqualTo(1);
        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.userId()).isEqualTo("alice"));
    }

    @Test
    void notifyChanged_duringARun_reconcilesOnceMoreAtTheNextTick() throws Exception {
        BackgroundReconciler background = BackgroundReconciler.builder(target, clock, range -> List.of())
                .workers(1).build();
        CountDownLatch release = new CountDownLatch(1);
        target.blockers.put("alice", release);
        background.notifyChanged("alice");
        assertThat(target.started.await(5, TimeUnit.SECONDS)).isTrue();

        background.notifyChanged("alice");   // landed after the delta read began
        release.countDown();
        assertThat(background.close(Duration.ofSeconds(5))).isTrue();

        assertThat(target.runs("alice")).isEqualTo(1);
        // a second reconciler over the same state is not available after close; check the flag through a fresh tick
        BackgroundReconciler again = builder(List.of()).build();
        again.notifyChanged("alice");
        executor.runAll();
        assertThat(target.runs("alice")).isEqualTo(2);
    }

    @Test
    void backOff_rateLimitedUserWaitsAsAsked_othersGoOn() {
        List<String> users = users(20);
        target.failures.put("user-5", u -> new RateLimitedException("Google said 429 for " + u, Duration.ofMinutes(20), null));
        BackgroundReconciler background = builder(users).build();

        tickEveryMinute(background, Duration.ofMinutes(15));
        assertThat(target.runs("user-5")).isEqualTo(1);
        ReconcileOutcome failed = outcomes.stream().filter(o -> o.userId().equals("user-5")).findFirst().orElseThrow();
        assertThat(failed.status()).isEqualTo(ReconcileOutcome.Status.FAILED);
        assertThat(failed.reason()).get().asString().contains("RateLimitedException").contains("429");
        Instant retryAt = failed.retryAt().orElseThrow();
        assertThat(Duration.between(failed.at(), retryAt)).isEqualTo(Duration.ofMinutes(20));

        background.notifyChanged("user-5");    // a notification does not break the back-off
        executor.runAll();
        assertThat(target.runs("user-5")).isEqualTo(1);
        assertThat(users).filteredOn(u -> !u.equals("user-5")).allSatisfy(u -> assertThat(target.runs(u)).isEqualTo(1));

        target.failures.remove("user-5");
        tickEveryMinute(background, Duration.ofMinutes(20));
        assertThat(target.runs("user-5")).isEqualTo(2);
        assertThat(outcomes.get(outcomes.size() - 1).status()).isNotNull();
        assertThat(outcomes).filteredOn(o -> o.userId().equals("user-5")).last()
                .satisfies(o -> assertThat(o.status()).isEqualTo(ReconcileOutcome.Status.RECONCILED));
    }

    @Test
    void backOff_unavailableServiceWaitsLongerEachTime() {
        target.failures.put("alice", u -> new ProviderUnavailableException("Graph answered 503"));
        BackgroundReconciler background = builder(List.of("alice")).build();

        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            background.notifyChanged("alice");
            executor.runAll();
            ReconcileOutcome last = outcomes.get(outcomes.size() - 1);
            waits.add(Duration.between(last.at(), last.retryAt().orElseThrow()));
            clock.set(last.retryAt().orElseThrow());
        }

        assertThat(waits).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4));
    }

    @Test
    void oneFailingUserAmong100_theOthersAreReconciled() {
        List<String> users = users(100);
        target.failures.put("user-42", u -> new IllegalStateException("no preferences set for " + u));
        BackgroundReconciler background = builder(users).build();

        tickEveryMinute(background, Duration.ofMinutes(15));

        assertThat(outcomes).hasSize(100);
        assertThat(outcomes).filteredOn(o -> o.status() == ReconcileOutcome.Status.RECONCILED).hasSize(99);
        assertThat(outcomes).filteredOn(o -> o.userId().equals("user-42")).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(ReconcileOutcome.Status.FAILED);
            assertThat(o.reason()).get().asString().contains("no preferences set for user-42");
        });
    }

    @Test
    void aThrowingListener_doesNotStopTheOthers() {
        List<String> users = users(10);
        AtomicInteger heard = new AtomicInteger();
        BackgroundReconciler background = BackgroundReconciler.builder(target, clock, range -> users).executor(executor)
                .listener(o -> {
                    heard.incrementAndGet();
                    throw new IllegalStateException("host bug");
                }).build();

        tickEveryMinute(background, Duration.ofMinutes(15));

        assertThat(heard).hasValue(10);
    }

    @Test
    void reauthorization_isReportedOnce_andNotRetriedEveryRun() {
        target.failures.put("alice", u -> new ReauthorizationRequiredException("The grant of alice was revoked; connect again"));
        BackgroundReconciler background = builder(List.of("alice")).fullPollEvery(Duration.ofHours(6)).build();

        tickEveryMinute(background, Duration.ofMinutes(60));
        for (int i = 0; i < 5; i++) {
            background.notifyChanged("alice");
            executor.runAll();
        }

        assertThat(target.runs("alice")).isEqualTo(1);
        assertThat(outcomes).singleElement().satisfies(o ->
                assertThat(o.status()).isEqualTo(ReconcileOutcome.Status.REAUTHORIZATION_REQUIRED));

        target.failures.remove("alice");
        background.resume("alice");
        background.tick();
        executor.runAll();
        assertThat(target.runs("alice")).isEqualTo(2);
        assertThat(outcomes).last().satisfies(o -> assertThat(o.status()).isEqualTo(ReconcileOutcome.Status.RECONCILED));
    }

    @Test
    void close_waitsForTheRunInProgress() throws Exception {
        BackgroundReconciler background = BackgroundReconciler.builder(target, clock, range -> List.of())
                .listener(outcomes::add).workers(2).build();
        CountDownLatch release = new CountDownLatch(1);
        target.blockers.put("alice", release);
        background.notifyChanged("alice");
        assertThat(target.started.await(5, TimeUnit.SECONDS)).isTrue();

        AtomicInteger heardBeforeClose = new AtomicInteger(-1);
        Thread closer = new Thread(() -> {
            boolean done = background.close(Duration.ofSeconds(10));
            heardBeforeClose.set(done ? outcomes.size() : -2);
        });
        closer.start();
        release.countDown();
        closer.join(10_000);

        assertThat(heardBeforeClose).hasValue(1);
        assertThat(background.notifyChanged("alice")).isFalse();
    }

    @Test
    void close_givesUpAtTheDeadline_whenARunHangs() throws Exception {
        BackgroundReconciler background = BackgroundReconciler.builder(target, clock, range -> List.of()).workers(1).build();
        CountDownLatch release = new CountDownLatch(1);
        target.blockers.put("alice", release);
        background.notifyChanged("alice");
        assertThat(target.started.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(background.close(Duration.ofMillis(20))).isFalse();
        release.countDown();
    }

    @Test
    void providerConcurrency_isBounded_theUserWaitsForTheNextTick() throws Exception {
        QueuedExecutor second = executor;
        BackgroundReconciler background = BackgroundReconciler.builder(target, clock, range -> List.of())
                .maxConcurrentPerProvider(1).executor(task -> {
                    if (Thread.currentThread().getName().equals("main") && target.runs("alice") == 0) {
                        new Thread(task, "alice-run").start();
                    } else {
                        second.execute(task);
                    }
                }).build();
        CountDownLatch release = new CountDownLatch(1);
        target.blockers.put("alice", release);
        background.notifyChanged("alice");
        assertThat(target.started.await(5, TimeUnit.SECONDS)).isTrue();

        background.notifyChanged("bob");     // same provider, which serves alice's run
        second.runAll();
        assertThat(target.runs("bob")).isZero();

        release.countDown();
        assertThat(background.close(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void lease_twoReconcilersOnOneLeaseStore_neverRunOneUserAtOnce() throws Exception {
        InMemoryLeaseStore leases = InMemoryLeaseStore.create();
        QueuedExecutor bExecutor = new QueuedExecutor();
        BackgroundReconciler a = BackgroundReconciler.builder(target, clock, range -> List.of())
                .leaseStore(leases).owner("host-a").workers(1).build();
        BackgroundReconciler b = BackgroundReconciler.builder(target, clock, range -> List.of())
                .leaseStore(leases).owner("host-b").executor(bExecutor).build();
        CountDownLatch release = new CountDownLatch(1);
        target.blockers.put("alice", release);
        a.notifyChanged("alice");
        assertThat(target.started.await(5, TimeUnit.SECONDS)).isTrue();

        b.notifyChanged("alice");
        bExecutor.runAll();
        assertThat(target.runs("alice")).isEqualTo(1);   // b found a's lease and left alice alone

        release.countDown();
        assertThat(a.close(Duration.ofSeconds(5))).isTrue();
        b.tick();                                        // the change b heard of is not lost
        bExecutor.runAll();
        assertThat(target.runs("alice")).isEqualTo(2);
    }
}
