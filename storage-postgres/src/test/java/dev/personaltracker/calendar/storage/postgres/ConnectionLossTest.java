package dev.personaltracker.calendar.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.EventRef;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The database goes away in the middle of a batch (approving sessions writes all their history records in one
 * {@code saveAll}): the server is stopped while the batch's transaction has written part of its rows, then started
 * again on the same data. The batch fails with a typed error and is in the database whole or not at all (the error says
 * "nothing was written" only when it is not there); the same batch saved again afterwards lands whole.
 * <p>
 * The batch is caught mid-way deterministically: another connection holds a lock on one row the batch updates, so
 * the batch has written the rows before it and waits; the test waits until the server reports the batch waiting on
 * that lock, then stops the server. This test runs its own embedded server (it stops it); pointed at a host's server
 * with {@value TestDatabase#URL_VARIABLE}, it ends the batch's connection with {@code pg_terminate_backend} instead.
 */
class ConnectionLossTest {

    private static final Instant T0 = Instant.parse("2027-05-03T09:00:00Z");
    private static final String USER = "approver";
    private static final int OLD = 10;
    private static final int NEW = 10;
    private static final int LOCKED = 5;

    @Test
    void serverStoppedMidBatch_batchLandsWholeOrFailsTyped_nothingHalfWritten_andTheRetryLandsWhole() throws Exception {
        Path data = Files.createTempDirectory("tracker-pg-restart");
        int port = freePort();
        boolean external = TestDatabase.externalUrl().isPresent();
        EmbeddedPostgres server = external ? null : TestDatabase.start(builder(data, port));
        String url = external ? TestDatabase.url() : server.getJdbcUrl("postgres", "postgres");
        String schema = TestDatabase.freshSchema("loss");
        HikariDataSource pool = TestDatabase.pool(url, TestDatabase.user(), TestDatabase.password(), 4);
        StringBuilder failure = new StringBuilder();
        boolean[] landed = {false};
        try {
            PostgresStores stores = PostgresStores.builder(pool).schema(schema).aead(TestDatabase.aead()).build();
            List<SessionRecord> before = new ArrayList<>();
            for (int i = 0; i < OLD; i++) {
                before.add(proposed("old-" + i, i));
            }
            stores.historyStore().saveAll(before);
            List<SessionRecord> batch = new ArrayList<>();
            before.forEach(r -> batch.add(scheduled(r)));
            for (int i = 0; i < NEW; i++) {
                batch.add(scheduled(proposed("new-" + i, OLD + i)));
            }

            try (Connection blocker = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password())) {
                blocker.setAutoCommit(false);
                try (Statement s = blocker.createStatement()) {
                    s.executeQuery("SELECT 1 FROM " + schema + ".history WHERE user_id = '" + USER + "' AND session_key = 'old-"
                            + LOCKED + "' FOR UPDATE").close();
                }
                CompletableFuture<Void> saving = CompletableFuture.runAsync(() -> stores.historyStore().saveAll(batch));
                int batchBackend = awaitWaitingOnLock(url, schema);

                if (external) {
                    try (Statement s = blocker.createStatement()) {
                        s.executeQuery("SELECT pg_terminate_backend(" + batchBackend + ")").close();
                    }
                } else {
                    server.close();
                }
                try {
                    saving.get(60, TimeUnit.SECONDS);
                    // the shutdown ended the blocker first and the batch committed before its own backend ended:
                    // the call said it was written, so it must be there whole (checked below)
                    landed[0] = true;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(PostgresStoreException.class, typed -> {
                        assertThat(typed.getMessage()).contains("20 history records");
                        assertThat(typed.sqlState()).isPresent();
                        failure.append(typed.getMessage());
                    });
                }
            } catch (SQLException blockerLost) {
                // the blocker's connection died with the server: expected when the server stops
                assertThat(external).isFalse();
            }
            if (!external) {
                server = TestDatabase.start(builder(data, port));
            }

            // The shutdown ends the blocker's backend too, so the batch may get its lock and reach the commit before
            // its own backend ends: then it either committed (and the call returned) or the outcome is unknown and
            // the message says so. Either way the batch is whole or absent, never half-written, a returned call is
            // whole, and "nothing was written" is only said when that is true.
            List<SessionRecord> after = stores.historyStore().query(USER, Interval.of(T0, Duration.ofDays(60)));
            if (landed[0]) {
                assertThat(after).containsExactlyInAnyOrderElementsOf(batch);
            } else if (failure.indexOf("nothing was written") >= 0) {
                assertThat(after).containsExactlyInAnyOrderElementsOf(before);
            } else {
                assertThat(failure.toString()).contains("may or may not have been written", "repeat the call");
                assertThat(Set.copyOf(after)).isIn(Set.copyOf(before), Set.copyOf(batch));
                assertThat(after).hasSameSizeAs(Set.copyOf(after));
            }

            stores.historyStore().saveAll(batch);
            assertThat(stores.historyStore().query(USER, Interval.of(T0, Duration.ofDays(60)))).containsExactlyInAnyOrderElementsOf(batch);
        } finally {
            pool.close();
            if (server != null) {
                server.close();
            }
            deleteTree(data);
        }
    }

    private static EmbeddedPostgres.Builder builder(Path data, int port) {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port);
    }

    /**
     * Waits until a backend that writes the schema's history waits on a lock; returns its process id. It polls on a
     * connection of its own in auto-commit mode: inside a transaction, pg_stat_activity would show one snapshot.
     */
    private static int awaitWaitingOnLock(String url, String schema) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection watcher = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
                PreparedStatement s = watcher.prepareStatement("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND pid <> pg_backend_pid() AND query LIKE ?")) {
            s.setString(1, "%" + schema + ".history%");
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = s.executeQuery()) {
                    if (rows.next()) {
                        return rows.getInt(1);
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the batch never reached the locked row");
    }

    private static SessionRecord proposed(String key, int day) {
        Instant start = T0.plus(Duration.ofDays(day));
        return SessionRecord.proposed(USER, SessionKey.of(key), Interval.of(start, Duration.ofMinutes(45)), T0.minus(Duration.ofDays(1)));
    }

    private static SessionRecord scheduled(SessionRecord proposed) {
        return proposed.with(SessionChange.of(T0, ChangeKind.SCHEDULED), proposed.interval(), SessionStatus.SCHEDULED)
                .withEvent(new EventRef("google", "a@example.com", "primary", "evt-" + proposed.key()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
