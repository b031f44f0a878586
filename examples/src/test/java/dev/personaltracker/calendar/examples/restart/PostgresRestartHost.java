package dev.personaltracker.calendar.examples.restart;

import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.storage.json.StoreKeys;
import dev.personaltracker.calendar.storage.postgres.PostgresStores;
import dev.personaltracker.calendar.time.Interval;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The host code of the PostgreSQL restart test, identical in both JVMs: providers discovered, every store on
 * storage-postgres in one schema, the store keys in a keyset file, a fixed clock. Its {@link #main} is the host after
 * the restart: it builds the tracker on the same database and asks, without setting anything up.
 */
public final class PostgresRestartHost {

    private PostgresRestartHost() {
    }

    /** Where the host's database is: the JDBC URL, user, password and schema, and its keyset file. */
    record Database(String url, String user, String password, String schema, Path keyset) {
    }

    /** Opens the stores; the caller closes them after the tracker. */
    static PostgresStores stores(Database db) {
        KeysetHandle keys = StoreKeys.loadOrCreate(db.keyset());
        return PostgresStores.builder(db.url(), db.user(), db.password()).schema(db.schema()).keys(keys).build();
    }

    /** Builds the host's tracker over the stores. */
    static StudyTracker tracker(PostgresStores stores, Instant now) {
        return StudyTracker.builder()
                .discoverProviders()
                .tokenStore(stores.tokenStore())
                .historyStore(stores.historyStore())
                .profileStore(stores.profileStore())
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .build();
    }

    /**
     * The host after a restart, in a new JVM: prints the answers of one person.
     *
     * @param args  the JDBC URL, user, password, schema, keyset file, the user id, the clock's instant, the week's
     *     start and end
     */
    public static void main(String[] args) {
        Database db = new Database(args[0], args[1], args[2], args[3], Path.of(args[4]));
        Interval week = Interval.of(Instant.parse(args[7]), Instant.parse(args[8]));
        try (PostgresStores stores = stores(db); StudyTracker tracker = tracker(stores, Instant.parse(args[6]))) {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.print(RestartHost.answers(tracker.forUser(args[5]), week));
            out.flush();
        }
    }
}
