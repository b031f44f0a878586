package dev.personaltracker.calendar.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.StoredProfile;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema is created from empty and migrated from every earlier version, keeping what each version held; two
 * instances starting at once migrate once; a database a newer library migrated is accepted.
 */
class MigrationTest {

    /** Every version the library ships, oldest first, read from the migration scripts; the last is the current one. */
    private static final List<String> VERSIONS = versions();

    private static final Instant T0 = Instant.parse("2027-01-04T09:00:00Z");
    private static final HikariDataSource POOL = TestDatabase.pool();
    private static final TokenKey KEY = TokenKey.of("alice", "google", "alice@example.com");
    private static final OAuthToken TOKEN = OAuthToken.of("access", Optional.of("refresh"), Optional.of(T0), Set.of("s"));
    private static final SessionRecord SESSION = SessionRecord.proposed("alice", SessionKey.of("s-1"),
            Interval.of(T0, Duration.ofMinutes(30)), T0);

    @AfterAll
    static void closePool() {
        POOL.close();
    }

    @Test
    void fromEmpty_createsTheSchemaAtTheLatestVersion_andEveryStoreWorks() {
        String schema = TestDatabase.freshSchema("mig_empty");
        PostgresStores stores = PostgresStores.builder(POOL).schema(schema).aead(TestDatabase.aead()).build();

        assertThat(stores.schemaVersion()).isEqualTo(VERSIONS.get(VERSIONS.size() - 1));
        assertThat(stores.schema()).isEqualTo(schema);
        stores.tokenStore().save(KEY, TOKEN);
        stores.historyStore().save(SESSION);
        stores.syncStateStore().save(KEY, "primary", "state");
        stores.profileStore().save("alice", "doc", 0);
        assertThat(stores.tokenStore().load(KEY)).contains(TOKEN);
        assertThat(stores.toString()).contains(schema).doesNotContain("postgres:");
    }

    /** Builds the schema as an earlier version left it, fills what that version had, then builds the stores. */
    private static List<String> versions() {
        try {
            URL folder = MigrationTest.class.getClassLoader().getResource(SchemaMigration.LOCATION.substring("classpath:".length()));
            try (Stream<Path> scripts = Files.list(Path.of(folder.toURI()))) {
                return scripts.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                        .map(n -> n.substring(1, n.indexOf("__"))).sorted(Comparator.comparingInt(Integer::parseInt)).toList();
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the migration scripts", e);
        }
    }

    static List<String> earlierVersions() {
        assertThat(VERSIONS).as("V1 and V2 at least").hasSizeGreaterThanOrEqualTo(2);
        return VERSIONS.subList(0, VERSIONS.size() - 1);
    }

    @ParameterizedTest
    @MethodSource("earlierVersions")
    void fromEachEarlierVersion_migratesToTheLatest_andKeepsItsData(String earlier) {
        String schema = TestDatabase.freshSchema("mig_v" + earlier);
        assertThat(SchemaMigration.migrate(POOL, schema, Optional.of(earlier))).isEqualTo(earlier);
        Database old = Database.of(POOL, schema);
        new PostgresTokenStore(old, TestDatabase.aead()).save(KEY, TOKEN);
        new PostgresHistoryStore(old, TestDatabase.aead()).save(SESSION);
        new PostgresSyncStateStore(old, TestDatabase.aead()).save(KEY, "primary", "state");

        PostgresStores stores = PostgresStores.builder(POOL).schema(schema).aead(TestDatabase.aead()).build();

        assertThat(stores.schemaVersion()).isEqualTo(VERSIONS.get(VERSIONS.size() - 1));
        assertThat(stores.tokenStore().load(KEY)).contains(TOKEN);
        assertThat(stores.historyStore().find("alice", SessionKey.of("s-1"))).contains(SESSION);
        assertThat(stores.syncStateStore().load(KEY, "primary")).contains("state");
        assertThat(stores.profileStore().save("alice", "doc", 0)).isEqualTo(1);
        assertThat(stores.profileStore().load("alice")).contains(new StoredProfile("alice", "doc", 1));
    }

    @Test
    void twoInstancesStartingAtOnce_migrateOnce() throws Exception {
        String schema = TestDatabase.freshSchema("mig_race");
        HikariDataSource second = TestDatabase.pool();
        try {
            var a = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> PostgresStores.builder(POOL).schema(schema).aead(TestDatabase.aead()).build());
            var b = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> PostgresStores.builder(second).schema(schema).aead(TestDatabase.aead()).build());
            assertThat(a.get().schemaVersion()).isEqualTo(b.get().schemaVersion());
            a.get().tokenStore().save(KEY, TOKEN);
            assertThat(b.get().tokenStore().load(KEY)).contains(TOKEN);
        } finally {
            second.close();
        }
    }

    @Test
    void aDatabaseMigratedByANewerLibrary_isAccepted() {
        String schema = TestDatabase.freshSchema("mig_newer");
        PostgresStores.builder(POOL).schema(schema).aead(TestDatabase.aead()).build();
        TestDatabase.execute(POOL, "CREATE TABLE " + schema + ".future_table (id int)");
        TestDatabase.execute(POOL, "INSERT INTO " + schema + ".flyway_schema_history (installed_rank, version, description, type,"
                + " script, checksum, installed_by, execution_time, success) VALUES (99, '99', 'future', 'SQL', 'V99__future.sql',"
                + " 0, 'test', 1, true)");

        PostgresStores stores = PostgresStores.builder(POOL).schema(schema).aead(TestDatabase.aead()).build();

        stores.tokenStore().save(KEY, TOKEN);
        assertThat(stores.tokenStore().load(KEY)).contains(TOKEN);
    }

    @Test
    void badSchemaNames_areRefused_andAnUnreachableServer_isATypedError() {
        for (String bad : List.of("", "Tracker", "1abc", "a-b", "a;drop table x", "x".repeat(64))) {
            assertThatIllegalArgumentException().isThrownBy(() -> PostgresStores.builder(POOL).schema(bad))
                    .withMessageContaining("schema name");
        }
        assertThatThrownBy(() -> PostgresStores.builder(POOL).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("keys(");
        assertThatThrownBy(() -> PostgresStores.builder("jdbc:postgresql://127.0.0.1:1/none", "u", "secret-password")
                .aead(TestDatabase.aead()).build())
                .isInstanceOf(PostgresStoreException.class)
                .hasMessageContaining("reachable").hasMessageNotContaining("secret-password");
        assertThatIllegalArgumentException().isThrownBy(() -> PostgresStores.builder("jdbc:mysql://x/y", "u", "p"))
                .withMessageContaining("jdbc:postgresql:");
    }
}
