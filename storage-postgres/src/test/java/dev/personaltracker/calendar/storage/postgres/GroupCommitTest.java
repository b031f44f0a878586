package dev.personaltracker.calendar.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.time.Interval;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent history updates share commits ({@link GroupedWrites}) without losing or mixing up any of them. Batches
 * are formed deterministically: another connection locks one row, so the first writer waits inside its transaction
 * while the others queue; releasing the lock lets the queue go as one batch.
 */
class GroupCommitTest {

    private static final Instant T0 = Instant.parse("2027-03-01T18:00:00Z");

    private HikariDataSource pool;
    private String schema;
    private PostgresHistoryStore history;
    private ExecutorService threads;

    @BeforeEach
    void open() {
        pool = TestDatabase.pool();
        schema = TestDatabase.freshSchema("group");
        history = PostgresStores.builder(pool).schema(schema).aead(TestDatabase.aead()).build().historyStore();
        threads = Executors.newFixedThreadPool(12);
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        pool.close();
    }

    @Test
    void writesQueuedBehindACommit_goTogetherInOneTransaction_eachWithItsOwnOutcome() throws Exception {
        for (int i = 0; i < 8; i++) {
            history.save(record("u" + i, "s"));
        }
        long before = history.writes().transactions();
        try (Connection blocker = locking("u0", "s")) {
            Future<SessionRecord> first = threads.submit(() -> append("u0", "s", "first"));
            awaitTransactions(before + 1);
            List<Future<SessionRecord>> queued = new ArrayList<>();
            for (int i = 1; i < 8; i++) {
                String user = "u" + i;
                queued.add(threads.submit(() -> append(user, "s", "queued")));
            }
            awaitQueued(7);
            blocker.commit();

            assertThat(first.get(30, TimeUnit.SECONDS).changes()).hasSize(3);
            for (Future<SessionRecord> f : queued) {
                assertThat(f.get(30, TimeUnit.SECONDS).changes()).hasSize(3);
            }
        }
        assertThat(history.writes().transactions() - before).as("the first write alone, then the seven together").isEqualTo(2);
        for (int i = 0; i < 8; i++) {
            SessionRecord stored = history.find("u" + i, SessionKey.of("s")).orElseThrow();
            assertThat(stored.changes()).extracting(c -> c.reason().orElse("")).last().isEqualTo(i == 0 ? "first" : "queued");
        }
    }

    @Test
    void twoWritesOfOneRowInOneBatch_oneWins_theOtherReappliesItsStep_nothingLost() throws Exception {
        history.save(record("u", "s"));
        history.save(record("lock", "s"));
        long before = history.writes().transactions();
        try (Connection blocker = locking("lock", "s")) {
            Future<SessionRecord> first = threads.submit(() -> append("lock", "s", "first"));
            awaitTransactions(before + 1);
            List<Future<SessionRecord>> same = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String note = "step-" + i;
                same.add(threads.submit(() -> append("u", "s", note)));
            }
            awaitQueued(5);
            blocker.commit();
            first.get(30, TimeUnit.SECONDS);
            for (Future<SessionRecord> f : same) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
        SessionRecord stored = history.find("u", SessionKey.of("s")).orElseThrow();
        assertThat(stored.changes()).extracting(c -> c.reason().orElse(""))
                .containsOnlyOnce("step-0", "step-1", "step-2", "step-3", "step-4").hasSize(2 + 5);
    }

    @Test
    void aBatchThatFailsBeforeItsCommit_writesEachAlone_andOnlyTheBadWriteFails_namingItsOwnRecord() throws Exception {
        for (String user : List.of("lock", "a", "b", "poison", "c")) {
            history.save(record(user, "s"));
        }
        TestDatabase.execute(pool, "CREATE FUNCTION " + schema + ".refuse() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN RAISE EXCEPTION 'refused by the test'; END $$");
        TestDatabase.execute(pool, "CREATE TRIGGER refuse BEFORE UPDATE ON " + schema + ".history FOR EACH ROW"
                + " WHEN (NEW.user_id = 'poison') EXECUTE FUNCTION " + schema + ".refuse()");
        long before = history.writes().transactions();
        try (Connection blocker = locking("lock", "s")) {
            Future<SessionRecord> first = threads.submit(() -> append("lock", "s", "first"));
            awaitTransactions(before + 1);
            List<CompletableFuture<SessionRecord>> queued = new ArrayList<>();
            for (String user : List.of("a", "b", "poison", "c")) {
                queued.add(CompletableFuture.supplyAsync(() -> append(user, "s", "queued"), threads));
            }
            awaitQueued(4);
            blocker.commit();
            first.get(30, TimeUnit.SECONDS);

            for (int i = 0; i < 4; i++) {
                CompletableFuture<SessionRecord> f = queued.get(i);
                if (i == 2) {
                    assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
                            .isInstanceOf(PostgresStoreException.class)
                            .hasMessageContaining("history record (user 'poison', session 's')")
                            .hasMessageContaining("nothing was written");
                } else {
                    assertThat(f.get(30, TimeUnit.SECONDS).changes()).hasSize(3);
                }
            }
        }
        assertThat(history.writes().transactions() - before).as("the first alone, the failed batch, then four alone").isEqualTo(6);
        assertThat(history.find("poison", SessionKey.of("s")).orElseThrow().changes()).hasSize(2);
        for (String user : List.of("a", "b", "c")) {
            assertThat(history.find(user, SessionKey.of("s")).orElseThrow().changes()).hasSize(3);
        }
    }

    @Test
    void manyThreads_manyAppendsToFewRows_everyStepLandsOnce() throws Exception {
        List<String> users = List.of("x", "y", "z");
        users.forEach(u -> history.save(record(u, "s")));
        List<Future<SessionRecord>> all = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            int thread = t;
            for (int n = 0; n < 25; n++) {
                int step = n;
                all.add(threads.submit(() -> append(users.get((thread + step) % 3), "s", thread + "/" + step)));
            }
        }
        for (Future<SessionRecord> f : all) {
            f.get(60, TimeUnit.SECONDS);
        }
        List<String> notes = new ArrayList<>();
        for (String u : users) {
            history.find(u, SessionKey.of("s")).orElseThrow().changes().forEach(c -> c.reason().ifPresent(notes::add));
        }
        assertThat(notes).hasSize(12 * 25).doesNotHaveDuplicates();
    }

    private SessionRecord append(String user, String key, String note) {
        return history.update(user, SessionKey.of(key), current -> {
            SessionRecord r = current.orElseThrow();
            return r.with(new SessionChange(T0, ChangeKind.MOVED_BY_PERSON, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(note)), r.interval(), r.status());
        });
    }

    private static SessionRecord record(String user, String key) {
        SessionRecord p = SessionRecord.proposed(user, SessionKey.of(key), Interval.of(T0, Duration.ofMinutes(45)), T0.minus(Duration.ofDays(1)));
        return p.with(SessionChange.of(T0.minus(Duration.ofHours(3)), ChangeKind.SCHEDULED), p.interval(),
                dev.personaltracker.calendar.spi.SessionStatus.SCHEDULED);
    }

    /** Opens a connection that holds the row's lock until it commits. */
    private Connection locking(String user, String key) throws Exception {
        Connection c = pool.getConnection();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + schema + ".history WHERE user_id = '" + user + "' AND session_key = '" + key
                    + "' FOR UPDATE").close();
        }
        return c;
    }

    private void awaitTransactions(long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (history.writes().transactions() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(history.writes().transactions()).isGreaterThanOrEqualTo(count);
    }

    private void awaitQueued(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (history.writes().queued() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(history.writes().queued()).isEqualTo(count);
    }
}
