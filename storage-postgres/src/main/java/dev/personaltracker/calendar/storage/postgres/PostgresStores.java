package dev.personaltracker.calendar.storage.postgres;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.personaltracker.calendar.storage.json.StoreKeys;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;
import javax.sql.DataSource;

/**
 * The PostgreSQL stores of one schema: tokens, history, sync state and profiles, sharing the host's
 * {@link DataSource} and one AEAD key. Building them creates or migrates the schema (Flyway) first.
 * <pre>{@code
 * HikariDataSource pool = new HikariDataSource(hikariConfig);          // the host's pool
 * PostgresStores stores = PostgresStores.builder(pool)
 *         .schema("tracker_calendar")                                    // the default
 *         .keys(StoreKeys.fromEnvironment("TRACKER_KEYSET"))             // or .aead(kmsAead)
 *         .build();
 * StudyTracker tracker = StudyTracker.builder()
 *         .tokenStore(stores.tokenStore()).historyStore(stores.historyStore())
 *         ...
 * }</pre>
 * or, for the simple case, {@link #builder(String, String, String)} with a JDBC URL, which opens a small HikariCP pool
 * that {@link #close()} closes.
 * <p>
 * Several host instances may share one database and schema: see each store for what it guarantees. Thread-safe.
 * {@link #toString()} names the schema only, never a URL or password.
 */
public final class PostgresStores implements AutoCloseable {

    /** The schema the stores use unless the host chooses another: {@value}. */
    public static final String DEFAULT_SCHEMA = "tracker_calendar";

    private final Database db;
    private final String schemaVersion;
    private final Optional<HikariDataSource> ownPool;
    private final PostgresTokenStore tokens;
    private final PostgresHistoryStore history;
    private final PostgresSyncStateStore sync;
    private final PostgresProfileStore profiles;
    private final PostgresLeaseStore leases;
    private final PostgresChannelStore channels;

    private PostgresStores(Database db, String schemaVersion, Aead aead, Optional<HikariDataSource> ownPool) {
        this.db = db;
        this.schemaVersion = schemaVersion;
        this.ownPool = ownPool;
        this.tokens = new PostgresTokenStore(db, aead);
        this.history = new PostgresHistoryStore(db, aead);
        this.sync = new PostgresSyncStateStore(db, aead);
        this.profiles = new PostgresProfileStore(db, aead);
        this.leases = new PostgresLeaseStore(db);
        this.channels = new PostgresChannelStore(db, aead);
    }

    /**
     * Starts building stores over the host's data source (a connection pool such as HikariCP). The stores borrow a
     * connection for each call and return it; they never close the data source.
     *
     * @param dataSource  the data source, not null
     * @return the builder, not null
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"), null);
    }

    /**
     * Starts building stores over a JDBC URL, for the simple case: a HikariCP pool of up to 10 connections is opened
     * when the stores are built and closed by {@link #close()}.
     *
     * @param jdbcUrl  the URL, such as {@code jdbc:postgresql://db.example:5432/app}, not null
     * @param user  the database user, not null
     * @param password  the password, not null; never logged or shown
     * @return the builder, not null
     */
    public static Builder builder(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("The JDBC URL must start with jdbc:postgresql: (it starts with '"
                    + jdbcUrl.substring(0, Math.min(jdbcUrl.length(), 16)) + "'); for example jdbc:postgresql://localhost:5432/app");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        config.setPoolName("tracker-calendar-postgres");
        return new Builder(null, config);
    }

    /** @return the token store, not null */
    public PostgresTokenStore tokenStore() {
        return tokens;
    }

    /** @return the history store, not null */
    public PostgresHistoryStore historyStore() {
        return history;
    }

    /** @return the sync-state store, not null */
    public PostgresSyncStateStore syncStateStore() {
        return sync;
    }

    /** @return the profile store, not null */
    public PostgresProfileStore profileStore() {
        return profiles;
    }

    /** @return the per-user lease store of the background reconciler, not null */
    public PostgresLeaseStore leaseStore() {
        return leases;
    }

    /** @return the store of push channels (their secrets encrypted), shared by every instance, not null */
    public PostgresChannelStore channelStore() {
        return channels;
    }

    /** @return the schema the stores use, not null */
    public String schema() {
        return db.schema();
    }

    /** @return the schema's version after the migration the builder ran, such as "2", not null */
    public String schemaVersion() {
        return schemaVersion;
    }

    /**
     * Re-encrypts every row of the four stores under the primary key of the keyset they were built with. Run it after
     * {@link StoreKeys#addPrimary} (and after every instance uses the new keyset); afterwards the old keys are no longer
     * needed. Rows are rotated one at a time, each only if no writer changed it meanwhile, so the stores may be in use.
     *
     * @return the number of rows re-encrypted
     * @throws PostgresDecryptionException after rotating everything else, if some row could not be decrypted; such rows
     *     are left as they were
     * @throws PostgresStoreException if the database cannot be read or written
     */
    public int rotate() {
        int rotated = 0;
        PostgresDecryptionException first = null;
        for (IntSupplier table : List.<IntSupplier>of(tokens::rotate, history::rotate, sync::rotate, profiles::rotate)) {
            try {
                rotated += table.getAsInt();
            } catch (PostgresDecryptionException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
        return rotated;
    }

    /** Closes the pool opened for a JDBC URL; does nothing for a data source the host handed in. */
    @Override
    public void close() {
        ownPool.ifPresent(HikariDataSource::close);
    }

    /** @return the schema and its version, nothing else */
    @Override
    public String toString() {
        return "PostgresStores[schema " + db.schema() + ", version " + schemaVersion + "]";
    }

    private static HikariDataSource openPool(HikariConfig config) {
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            // the pool's message may quote the URL, which may hold a password: name only the failure's type and SQL state
            Throwable cause = e.getCause();
            String state = cause instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
            throw new PostgresStoreException("Could not open a connection to PostgreSQL (" + e.getClass().getSimpleName()
                    + (state == null ? "" : ", SQL state " + state) + "); check the JDBC URL, the user and password, and that"
                    + " the server is up and reachable", state, cause);
        }
    }

    /** Configures {@link PostgresStores}. Not thread-safe; build once. */
    public static final class Builder {
        private final DataSource dataSource;
        private final HikariConfig poolConfig;
        private String schema = DEFAULT_SCHEMA;
        private Aead aead;

        private Builder(DataSource dataSource, HikariConfig poolConfig) {
            this.dataSource = dataSource;
            this.poolConfig = poolConfig;
        }

        /**
         * Chooses the schema the stores create and use; the default is {@value PostgresStores#DEFAULT_SCHEMA}.
         *
         * @param name  1 to 63 characters of a-z, 0-9 and '_', not starting with a digit
         * @return this builder
         * @throws IllegalArgumentException if the name is not of that form
         */
        public Builder schema(String name) {
            this.schema = Database.requireSchemaName(Objects.requireNonNull(name, "name"));
            return this;
        }

        /**
         * Encrypts with a Tink keyset, as the JSON stores do (see {@link StoreKeys}); the same keyset reads the same
         * records in both.
         *
         * @param keys  an AEAD keyset, not null
         * @return this builder
         */
        public Builder keys(KeysetHandle keys) {
            this.aead = StoreKeys.aead(Objects.requireNonNull(keys, "keys"));
            return this;
        }

        /**
         * Encrypts with an AEAD the host provides, for example from its KMS client.
         *
         * @param aead  the cipher, not null
         * @return this builder
         */
        public Builder aead(Aead aead) {
            this.aead = Objects.requireNonNull(aead, "aead");
            return this;
        }

        /**
         * Creates or migrates the schema, then obtains the stores.
         *
         * @return the stores, not null
         * @throws IllegalStateException if no key was given
         * @throws PostgresStoreException if the database cannot be reached or migrated
         */
        public PostgresStores build() {
            if (aead == null) {
                throw new IllegalStateException("No key for the PostgreSQL stores: call keys(StoreKeys.loadOrCreate(path))"
                        + " or aead(kmsAead) before build()");
            }
            HikariDataSource pool = poolConfig == null ? null : openPool(poolConfig);
            DataSource source = pool == null ? dataSource : pool;
            try {
                Database db = Database.of(source, schema);
                String version = SchemaMigration.migrate(source, schema, Optional.empty());
                return new PostgresStores(db, version, aead, Optional.ofNullable(pool));
            } catch (RuntimeException e) {
                if (pool != null) {
                    pool.close();
                }
                throw e;
            }
        }
    }
}
