package dev.personaltracker.calendar.web;

import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.spi.ChannelStore;
import dev.personaltracker.calendar.spi.HistoryStore;
import dev.personaltracker.calendar.spi.ProfileStore;
import dev.personaltracker.calendar.spi.SyncStateStore;
import dev.personaltracker.calendar.spi.TokenStore;
import dev.personaltracker.calendar.storage.json.JsonChannelStore;
import dev.personaltracker.calendar.storage.json.JsonHistoryStore;
import dev.personaltracker.calendar.storage.json.JsonProfileStore;
import dev.personaltracker.calendar.storage.json.JsonSyncStateStore;
import dev.personaltracker.calendar.storage.json.JsonTokenStore;
import dev.personaltracker.calendar.storage.postgres.PostgresStores;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the app keeps the person's grants, history, profile and sync state: the encrypted JSON stores under the data
 * folder, or, when {@value #POSTGRES_URL} (or {@code --postgres}) names a PostgreSQL database, storage-postgres's
 * stores there (user and password from {@value #POSTGRES_USER} and {@value #POSTGRES_PASSWORD}). Both encrypt
 * with the same keyset.
 *
 * @param tokens  the grants
 * @param history  the sessions' history
 * @param profiles  the person's profile (accounts, work hours, preferences and subjects)
 * @param sync  the providers' sync state
 * @param channels  the push channels, when the app has a public https address (see {@link AutoReconcile})
 * @param postgres  the PostgreSQL stores to close at the end, when in use
 */
record Stores(TokenStore tokens, HistoryStore history, ProfileStore profiles, SyncStateStore sync,
        ChannelStore channels, Optional<PostgresStores> postgres) implements AutoCloseable {

    /** The variable with the JDBC URL of the PostgreSQL database. */
    static final String POSTGRES_URL = "TRACKER_POSTGRES_URL";
    /** The variable with the database user. */
    static final String POSTGRES_USER = "TRACKER_POSTGRES_USER";
    /** The variable with the database password (a secret: never logged or shown). */
    static final String POSTGRES_PASSWORD = "TRACKER_POSTGRES_PASSWORD";

    /**
     * Opens the stores the variables ask for.
     *
     * @param env  the variables, not null
     * @param data  the data folder (JSON stores), not null
     * @param keys  the keyset both kinds encrypt with, not null
     * @return the stores, not null
     * @throws IllegalArgumentException if the PostgreSQL URL is not a {@code jdbc:postgresql:} URL
     * @throws dev.personaltracker.calendar.spi.CalendarException if the database cannot be reached or migrated
     */
    static Stores open(Env env, Path data, KeysetHandle keys) {
        Optional<String> url = env.get(POSTGRES_URL);
        if (url.isPresent()) {
            PostgresStores pg = PostgresStores.builder(url.get(), env.get(POSTGRES_USER).orElse("postgres"),
                    env.get(POSTGRES_PASSWORD).orElse("")).keys(keys).build();
            return new Stores(pg.tokenStore(), pg.historyStore(), pg.profileStore(), pg.syncStateStore(), pg.channelStore(),
                    Optional.of(pg));
        }
        return new Stores(JsonTokenStore.open(data.resolve("tokens"), keys), JsonHistoryStore.open(data.resolve("history"), keys),
                JsonProfileStore.open(data.resolve("profiles"), keys), JsonSyncStateStore.open(data.resolve("sync"), keys),
                JsonChannelStore.open(data.resolve("channels"), keys), Optional.empty());
    }

    /** @return where the stores are, for the start-up line (no user or password), not null */
    String describe() {
        return postgres.map(p -> "PostgreSQL (schema " + p.schema() + ")").orElse("encrypted JSON files");
    }

    /** Closes the database pool, if any. */
    @Override
    public void close() {
        postgres.ifPresent(PostgresStores::close);
    }
}
