package dev.personaltracker.calendar.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.personaltracker.calendar.BackgroundReconciler;
import dev.personaltracker.calendar.ReconcileReport;
import dev.personaltracker.calendar.ReconcileTarget;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.time.Interval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Per-user leases on the real server, from two instances with their own pools: one holder at a time, lapse, release,
 * two background reconcilers that never run one user at once; and the history store's list of users to watch.
 */
class LeaseStoreTest {

    private static final Instant T0 = Instant.parse("2027-03-01T08:00:00Z");
    private static final String SCHEMA = TestDatabase.freshSchema("lease");
    private static final HikariDataSource POOL_A = TestDatabase.pool();
    private static final HikariDataSource POOL_B = TestDatabase.pool();
    private static final PostgresStores A = PostgresStores.builder(POOL_A).schema(SCHEMA).aead(TestDatabase.aead()).build();
    private static final PostgresStores B = PostgresStores.builder(POOL_B).schema(SCHEMA).aead(TestDatabase.aead()).build();

    @AfterAll
    static void closePools() {
        POOL_A.close();
        POOL_B.close();
    }

    @Test
    void oneHolderAtATime_theLeaseLapses_andOnlyItsHolderGivesItBack() {
        String user = "alice-" + System.nanoTime();
        assertThat(A.leaseStore().tryAcquire(user, "host-a", T0, Duration.ofMinutes(10))).isTrue();
        assertThat(B.leaseStore().tryAcquire(user, "host-b", T0.plusSeconds(60), Duration.ofMinutes(10))).isFalse();
        assertThat(A.leaseStore().tryAcquire(user, "host-a", T0.plusSeconds(60), Duration.ofMinutes(10))).as("extend").isTrue();

        B.leaseStore().release(user, "host-b");     // not b's: nothing happens
        assertThat(B.leaseStore().tryAcquire(user, "host-b", T0.plusSeconds(120), Duration.ofMinutes(10))).isFalse();

        assertThat(B.leaseStore().tryAcquire(user, "host-b", T0.plus(Duration.ofMinutes(11)), Duration.ofMinutes(10)))
                .as("a's lease lapsed").isTrue();
        A.leaseStore().release(user, "host-a");     // a lost it: b keeps it
        assertThat(A.leaseStore().tryAcquire(user, "host-a", T0.plus(Duration.ofMinutes(12)), Duration.ofMinutes(10))).isFalse();

        B.leaseStore().release(user, "host-b");
        assertThat(A.leaseStore().tryAcquire(user, "host-a", T0.plus(Duration.ofMinutes(12)), Duration.ofMinutes(10))).isTrue();
    }

    @Test
    void racingInstances_exactlyOneWinsEachUser() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String user = "race-" + round + "-" + System.nanoTime();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> tries = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    PostgresStores stores = t % 2 == 0 ? A : B;
                    String owner = "host-" + t;
                    tries.add(pool.submit(() -> {
                        go.await();
                        return stores.leaseStore().tryAcquire(user, owner, T0, Duration.ofMinutes(10));
                    }));
                }
                go.countDown();
                int winners = 0;
                for (Future<Boolean> f : tries) {
                    winners += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(winners).as("round " + round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoBackgroundReconcilers_onSharedLeases_neverRunOneUserAtOnce() throws Exception {
        List<String> users = new ArrayList<>();
        for (int u = 0; u < 20; u++) {
            users.add("shared-" + u + "-" + System.nanoTime());
        }
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        ReconcileTarget target = new ReconcileTarget() {
            @Override
            public Set<String> providerIds(String userId) {
                return Set.of("google");
            }

            @Override
            public ReconcileReport reconcile(String userId, Interval window) {
                runs.incrementAndGet();
                if (running.computeIfAbsent(userId, u -> new AtomicInteger()).incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.get(userId).decrementAndGet();
                return new ReconcileReport(window, List.of(), List.of(), List.of());
            }
        };
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        BackgroundReconciler a = BackgroundReconciler.builder(target, clock, range -> users)
                .leaseStore(A.leaseStore()).owner("host-a").workers(4).maxConcurrentPerProvider(8).build();
        BackgroundReconciler b = BackgroundReconciler.builder(target, clock, range -> users)
                .leaseStore(B.leaseStore()).owner("host-b").workers(4).maxConcurrentPerProvider(8).build();

        for (int i = 0; i < 5; i++) {
            for (String user : users) {
                a.notifyChanged(user);
                b.notifyChanged(user);
            }
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (runs.get() < users.size() && System.nanoTime() < until) {
            Thread.sleep(5);            // waits for the queued runs; close would drop those not started
        }
        assertThat(a.close(Duration.ofSeconds(20))).isTrue();
        assertThat(b.close(Duration.ofSeconds(20))).isTrue();

        assertThat(overlaps).hasValue(0);
        assertThat(runs.get()).isGreaterThanOrEqualTo(users.size());
    }

    @Test
    void historyStore_listsTheUsersWithScheduledSessionsInARange() {
        Interval range = Interval.of(T0, Duration.ofDays(21));
        String soon = "soon-" + System.nanoTime();
        String past = "past-" + System.nanoTime();
        String proposed = "proposed-" + System.nanoTime();
        SessionRecord scheduled = SessionRecord.proposed(soon, SessionKey.of("k1"), Interval.of(T0.plus(Duration.ofDays(2)), Duration.ofHours(1)), T0);
        A.historyStore().save(new SessionRecord(soon, scheduled.key(), scheduled.interval(),
                dev.personaltracker.calendar.spi.SessionStatus.SCHEDULED, Optional.empty(), scheduled.changes(), Optional.empty(), Optional.empty()));
        SessionRecord old = SessionRecord.proposed(past, SessionKey.of("k2"), Interval.of(T0.minus(Duration.ofDays(2)), Duration.ofHours(1)), T0);
        A.historyStore().save(new SessionRecord(past, old.key(), old.interval(),
                dev.personaltracker.calendar.spi.SessionStatus.SCHEDULED, Optional.empty(), old.changes(), Optional.empty(), Optional.empty()));
        A.historyStore().save(SessionRecord.proposed(proposed, SessionKey.of("k3"), Interval.of(T0.plus(Duration.ofDays(1)), Duration.ofHours(1)), T0));

        Set<String> users = B.historyStore().usersWithScheduledSessions(range);

        assertThat(users).contains(soon).doesNotContain(past, proposed);
    }

    @Test
    void channelStore_isSharedByInstances_withTheSecretEncrypted() {
        String user = "chan-user-" + System.nanoTime();
        dev.personaltracker.calendar.spi.ChangeChannel channel = new dev.personaltracker.calendar.spi.ChangeChannel(
                "chan-" + user, dev.personaltracker.calendar.spi.TokenKey.of(user, "google", "ada@example.com"), "primary",
                "res-1", T0.plus(Duration.ofDays(3)), "the-channel-secret-" + user);

        A.channelStore().save(channel);

        assertThat(B.channelStore().find(channel.channelId())).contains(channel);
        assertThat(B.channelStore().forUser(user)).containsExactly(channel);
        assertThat(B.channelStore().all()).contains(channel);
        TestDatabase.execute(POOL_A, "DO $$ BEGIN IF EXISTS (SELECT 1 FROM " + SCHEMA + ".channels WHERE position('"
                + "the-channel-secret" + "' in encode(ciphertext, 'escape')) > 0) THEN RAISE EXCEPTION 'plaintext secret'; END IF; END $$");
        dev.personaltracker.calendar.spi.ChangeChannel renewed = channel.renewed(channel.channelId(), "res-1", T0.plus(Duration.ofDays(5)));
        B.channelStore().save(renewed);
        assertThat(A.channelStore().find(channel.channelId())).contains(renewed);
        assertThat(A.channelStore().delete(channel.channelId())).isTrue();
        assertThat(B.channelStore().find(channel.channelId())).isEmpty();
    }
}
