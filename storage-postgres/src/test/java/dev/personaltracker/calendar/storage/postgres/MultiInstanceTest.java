package dev.personaltracker.calendar.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.EventRef;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.spi.StoreConflictException;
import dev.personaltracker.calendar.spi.StoredProfile;
import dev.personaltracker.calendar.spi.TokenKey;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two host instances on one database: two {@link StudyTracker}s, each on its own {@link PostgresStores} over its own
 * connection pool (as two processes behind a load balancer would be), 8 threads each, working on the same 50 users at
 * once. Every acknowledged write must be there afterwards, no update lost, no history record or change duplicated.
 */
class MultiInstanceTest {

    private static final int USERS = 50;
    private static final int THREADS_PER_INSTANCE = 8;
    private static final int ROUNDS = 2;
    private static final Instant T0 = Instant.parse("2027-03-01T08:00:00Z");

    private static final String SCHEMA = TestDatabase.freshSchema("multi");
    private static final HikariDataSource POOL_A = TestDatabase.pool();
    private static final HikariDataSource POOL_B = TestDatabase.pool();

    @AfterAll
    static void closePools() {
        POOL_A.close();
        POOL_B.close();
    }

    private static StudyTracker tracker(PostgresStores stores) {
        return StudyTracker.builder().tokenStore(stores.tokenStore()).historyStore(stores.historyStore())
                .clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
    }

    private static String user(int u) {
        return "user-" + u;
    }

    private static TokenKey grant(int u) {
        return TokenKey.of(user(u), "outlook", user(u) + "@example.com");
    }

    /** A token whose access token counts the refreshes that led to it. */
    private static OAuthToken refreshed(int count) {
        return OAuthToken.of("access-" + count, Optional.of("refresh-" + count), Optional.of(T0.plus(Duration.ofHours(1))), Set.of("s"));
    }

    private static int count(OAuthToken token) {
        return Integer.parseInt(token.accessToken().substring("access-".length()));
    }

    @Test
    void twoInstances_eightThreadsEach_sameFiftyUsers_loseAndDuplicateNothing() throws Exception {
        PostgresStores storesA = PostgresStores.builder(POOL_A).schema(SCHEMA).aead(TestDatabase.aead()).build();
        PostgresStores storesB = PostgresStores.builder(POOL_B).schema(SCHEMA).aead(TestDatabase.aead()).build();
        List<PostgresStores> instances = List.of(storesA, storesB);
        List<StudyTracker> trackers = List.of(tracker(storesA), tracker(storesB));
        for (int u = 0; u < USERS; u++) {
            storesA.tokenStore().save(grant(u), refreshed(0));
            storesA.historyStore().save(SessionRecord.proposed(user(u), SessionKey.of("shared"), Interval.of(T0, Duration.ofHours(1)), T0));
        }

        Map<String, Set<String>> acknowledgedSessions = new ConcurrentHashMap<>();
        Map<String, Set<String>> acknowledgedSteps = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> acknowledgedRefreshes = new ConcurrentHashMap<>();
        Map<String, Set<String>> acknowledgedSettings = new ConcurrentHashMap<>();
        AtomicInteger conflicts = new AtomicInteger();

        ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_INSTANCE);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                PostgresStores stores = instances.get(i);
                StudyTracker tracker = trackers.get(i);
                for (int t = 0; t < THREADS_PER_INSTANCE; t++) {
                    String worker = "i" + i + "t" + t;
                    int offset = t * 7;
                    workers.add(pool.submit(() -> {
                        start.await();
                        for (int round = 0; round < ROUNDS; round++) {
                            for (int n = 0; n < USERS; n++) {
                                int u = (n + offset) % USERS;
                                String user = user(u);
                                // 1. a new session through the library: proposed, then scheduled (two lifecycle steps)
                                String key = worker + "-r" + round + "-u" + u;
                                Interval at = Interval.of(T0.plus(Duration.ofDays(1 + round)), Duration.ofMinutes(45));
                                tracker.lifecycle().proposed(user, SessionKey.of(key), at);
                                tracker.lifecycle().scheduled(user, SessionKey.of(key), new EventRef("outlook", user, "primary", "evt-" + key), at);
                                acknowledgedSessions.computeIfAbsent(user, x -> ConcurrentHashMap.newKeySet()).add(key);
                                // 2. a step on the one record every worker changes: re-applied after each lost race
                                String reason = worker + "-r" + round;
                                stores.historyStore().update(user, SessionKey.of("shared"), current -> current.orElseThrow()
                                        .with(new SessionChange(T0, ChangeKind.PROPOSED, Optional.empty(), Optional.empty(),
                                                Optional.empty(), Optional.of(reason)), current.get().interval(), SessionStatus.PROPOSED));
                                acknowledgedSteps.computeIfAbsent(user, x -> ConcurrentHashMap.newKeySet()).add(reason);
                                // 3. a token refresh as a provider does it: compare-and-set, and on losing use the newer token
                                OAuthToken read = stores.tokenStore().load(grant(u)).orElseThrow();
                                if (stores.tokenStore().replace(grant(u), read, refreshed(count(read) + 1))) {
                                    acknowledgedRefreshes.computeIfAbsent(user, x -> new AtomicInteger()).incrementAndGet();
                                }
                                // 4. a settings change: read, change, compare-and-set save, retry on conflict
                                while (true) {
                                    Optional<StoredProfile> profile = stores.profileStore().load(user);
                                    String document = profile.map(StoredProfile::document).orElse("") + reason + "\n";
                                    try {
                                        stores.profileStore().save(user, document, profile.map(StoredProfile::version).orElse(0L));
                                        break;
                                    } catch (StoreConflictException e) {
                                        conflicts.incrementAndGet();
                                    }
                                }
                                acknowledgedSettings.computeIfAbsent(user, x -> ConcurrentHashMap.newKeySet()).add(reason);
                            }
                        }
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<?> f : workers) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        // read back through a third instance
        HikariDataSource readerPool = TestDatabase.pool();
        try {
            PostgresStores reader = PostgresStores.builder(readerPool).schema(SCHEMA).aead(TestDatabase.aead()).build();
            Interval everything = Interval.of(T0.minus(Duration.ofDays(1)), Duration.ofDays(30));
            int workerCount = 2 * THREADS_PER_INSTANCE;
            for (int u = 0; u < USERS; u++) {
                String user = user(u);
                List<SessionRecord> history = reader.historyStore().query(user, everything);
                List<String> keys = history.stream().map(r -> r.key().value()).filter(k -> !k.equals("shared")).toList();
                assertThat(keys).as(user).doesNotHaveDuplicates().hasSize(workerCount * ROUNDS)
                        .containsExactlyInAnyOrderElementsOf(acknowledgedSessions.get(user));
                assertThat(history.stream().filter(r -> !r.key().value().equals("shared")))
                        .allSatisfy(r -> {
                            assertThat(r.status()).isEqualTo(SessionStatus.SCHEDULED);
                            assertThat(r.changes()).extracting(SessionChange::kind).containsExactly(ChangeKind.PROPOSED, ChangeKind.SCHEDULED);
                        });

                List<String> steps = reader.historyStore().find(user, SessionKey.of("shared")).orElseThrow().changes().stream()
                        .flatMap(c -> c.reason().stream()).toList();
                assertThat(steps).as(user).doesNotHaveDuplicates().hasSize(workerCount * ROUNDS)
                        .containsExactlyInAnyOrderElementsOf(acknowledgedSteps.get(user));

                // each successful compare-and-set counted one up from the token it read: none overwrote a newer one
                int refreshes = acknowledgedRefreshes.getOrDefault(user, new AtomicInteger()).get();
                assertThat(count(reader.tokenStore().load(grant(u)).orElseThrow())).as(user).isEqualTo(refreshes);
                assertThat(refreshes).isPositive();

                StoredProfile profile = reader.profileStore().load(user).orElseThrow();
                List<String> lines = List.of(profile.document().split("\n"));
                assertThat(lines).as(user).doesNotHaveDuplicates().hasSize(workerCount * ROUNDS)
                        .containsExactlyInAnyOrderElementsOf(acknowledgedSettings.get(user));
                assertThat(profile.version()).isEqualTo(workerCount * ROUNDS);
            }
            Set<Integer> counts = acknowledgedRefreshes.values().stream().map(AtomicInteger::get).collect(Collectors.toSet());
            assertThat(counts).isNotEmpty();
        } finally {
            readerPool.close();
        }
    }
}
