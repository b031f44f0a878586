package dev.personaltracker.calendar.benchmarks;

import com.google.crypto.tink.KeysetHandle;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.HistoryStore;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.spi.StoredProfile;
import dev.personaltracker.calendar.spi.TokenStore;
import dev.personaltracker.calendar.storage.json.JsonHistoryStore;
import dev.personaltracker.calendar.storage.json.JsonProfileStore;
import dev.personaltracker.calendar.storage.json.JsonTokenStore;
import dev.personaltracker.calendar.storage.json.StoreKeys;
import dev.personaltracker.calendar.storage.postgres.PostgresStores;
import dev.personaltracker.calendar.time.Interval;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The encrypted JSON stores ({@code storage-json}) and the PostgreSQL stores ({@code storage-postgres}) side by side,
 * in one run, on the same data: 10,000 users, each with an OAuth token, a year of history (5 sessions a week, 260
 * records, as in {@link StorageBenchmark}) and (PostgreSQL) a profile.
 * Operations per second, single-threaded and with 8 threads:
 * <ul>
 * <li>token save: replace one user's token;</li>
 * <li>history append: one lifecycle step, {@link HistoryStore#update} appending a change to one session record
 *     (read, decrypt, change, encrypt, write: the JSON store rewrites the user's file under its lock, PostgreSQL
 *     reads the row and writes it if its version is unchanged);</li>
 * <li>profile load (PostgreSQL only: this branch has no JSON profile store yet).</li>
 * </ul>
 * Both are durable when a write returns: the JSON store fsyncs its file and directory; the embedded PostgreSQL server
 * (started by the benchmark, real binaries) runs with {@code synchronous_commit=on}, so each commit waits for its WAL
 * flush (concurrent commits share a flush). The server is given what a database host would give it for 2.6 million
 * history rows: {@code shared_buffers=2GB} ({@code -Dpg.bench.shared_buffers}) and {@code max_wal_size=4GB}
 * ({@code -Dpg.bench.max_wal_size}); {@code -Dpg.bench.commit_delay} and {@code -Dpg.bench.synchronous_commit} are
 * there for experiments. Data sets are built once under {@code -Dpg.bench.dir} (default: a directory under
 * {@code java.io.tmpdir}) and reused; the PostgreSQL one is loaded through a second pool that does not wait for commit
 * flushes. Results are in {@code storage-postgres/README.md}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class PostgresVsJsonBenchmark {

    static final int USERS = 10_000;
    static final int SESSIONS_PER_USER = 5 * 52;
    static final Instant START = Instant.parse("2027-01-04T18:00:00Z");

    static Path benchDir() throws IOException {
        Path dir = Path.of(System.getProperty("pg.bench.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "tracker-pg-vs-json-bench").toString()));
        return Files.createDirectories(dir);
    }

    static KeysetHandle keys(Path dir) {
        return StoreKeys.loadOrCreate(dir.resolve("keyset.json"));
    }

    // users, token keys and tokens as in StorageBenchmark
    static String user(int u) {
        return StorageBenchmark.user(u);
    }

    static List<SessionRecord> sessions(int u) {
        List<SessionRecord> records = new ArrayList<>(SESSIONS_PER_USER);
        for (int s = 0; s < SESSIONS_PER_USER; s++) {
            Interval at = Interval.of(START.plus(Duration.ofDays(s / 5 * 7L + s % 5)), Duration.ofMinutes(45));
            records.add(SessionRecord.proposed(user(u), SessionKey.of("session-" + s), at, START.minus(Duration.ofDays(1)))
                    .with(SessionChange.of(START.minus(Duration.ofHours(20)), ChangeKind.SCHEDULED), at, SessionStatus.SCHEDULED));
        }
        return records;
    }

    static String profile(int u) {
        return ("tracker-calendar-profile 1\naccount google " + user(u) + "@example.com\nread primary\nwrite primary\n"
                + "work-hours MON-FRI 09:00-17:00 Europe/Berlin\npreferences 45m 5/week\n").repeat(4);
    }

    /** Builds what is missing of the data set, in parallel. */
    static void fill(Path marker, IntConsumer user) throws IOException {
        if (Files.exists(marker)) {
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(8);
        try {
            pool.submit(() -> IntStream.range(0, USERS).parallel().forEach(user)).join();
        } finally {
            pool.shutdown();
        }
        Files.writeString(marker, USERS + " users\n");
    }

    /** One history append: a lifecycle-like step that adds a change to a random session of a random user. */
    static SessionRecord append(HistoryStore history) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String user = user(random.nextInt(USERS));
        SessionKey key = SessionKey.of("session-" + random.nextInt(SESSIONS_PER_USER));
        Instant at = START.plusSeconds(random.nextInt(1_000_000));
        return history.update(user, key, current -> {
            SessionRecord record = current.orElseThrow();
            // keep records from growing without end over repeated runs: drop the oldest change past 8
            SessionRecord next = record.with(new SessionChange(at, ChangeKind.MOVED_BY_PERSON, Optional.of(record.interval()),
                    Optional.of(record.interval()), Optional.empty(), Optional.of("bench")), record.interval(), SessionStatus.SCHEDULED);
            return next.changes().size() <= 8 ? next : new SessionRecord(next.userId(), next.key(), next.interval(), next.status(),
                    next.event(), next.changes().subList(next.changes().size() - 8, next.changes().size()), next.actual(), next.note());
        });
    }

    static void saveToken(TokenStore tokens) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int u = random.nextInt(USERS);
        tokens.save(StorageBenchmark.googleKey(u), StorageBenchmark.token(u, random.nextLong()));
    }

    /** The JSON stores over their directory. */
    @State(Scope.Benchmark)
    public static class Json {
        JsonTokenStore tokens;
        JsonHistoryStore history;
        JsonProfileStore profiles;

        /** Opens the stores, building the data set first if needed. */
        @Setup(Level.Trial)
        public void open() throws IOException {
            Path dir = benchDir().resolve("json");
            Files.createDirectories(dir);
            KeysetHandle keys = keys(benchDir());
            tokens = JsonTokenStore.open(dir.resolve("stores"), keys);
            history = JsonHistoryStore.open(dir.resolve("stores"), keys);
            profiles = JsonProfileStore.open(dir.resolve("profiles"), keys);
            fill(dir.resolve("ready-260"), u -> {
                tokens.save(StorageBenchmark.googleKey(u), StorageBenchmark.token(u, 0));
                history.saveAll(sessions(u));
            });
            fill(dir.resolve("ready-profiles"), u -> profiles.load(user(u))
                    .ifPresentOrElse(p -> { }, () -> profiles.save(user(u), profile(u), 0)));
        }
    }

    /** The PostgreSQL stores on an embedded server of their own. */
    @State(Scope.Benchmark)
    public static class Postgres {
        EmbeddedPostgres server;
        HikariDataSource pool;
        PostgresStores stores;

        /** Starts the server on the kept data directory, opens the stores and builds the data set first if needed. */
        @Setup(Level.Trial)
        public void open() throws IOException {
            Path dir = benchDir().resolve("postgres");
            server = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("data")).setCleanDataDirectory(false)
                    .setServerConfig("synchronous_commit", System.getProperty("pg.bench.synchronous_commit", "on"))
                    .setServerConfig("fsync", "on")
                    .setServerConfig("shared_buffers", System.getProperty("pg.bench.shared_buffers", "2GB"))
                    .setServerConfig("commit_delay", System.getProperty("pg.bench.commit_delay", "0"))
                    .setServerConfig("max_wal_size", System.getProperty("pg.bench.max_wal_size", "4GB"))
                    .start();
            pool = pool(false);
            stores = PostgresStores.builder(pool).keys(keys(benchDir())).build();
            // the data set is loaded without waiting for each commit's flush; the measured pool waits for every one
            try (HikariDataSource loading = pool(true)) {
                PostgresStores loader = PostgresStores.builder(loading).keys(keys(benchDir())).build();
                fill(dir.resolve("ready-260"), u -> {
                    loader.tokenStore().save(StorageBenchmark.googleKey(u), StorageBenchmark.token(u, 0));
                    loader.historyStore().saveAll(sessions(u));
                    loader.profileStore().load(user(u)).ifPresentOrElse(p -> { }, () -> loader.profileStore().save(user(u), profile(u), 0));
                });
            }
        }

        private HikariDataSource pool(boolean loading) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
            config.setUsername("postgres");
            config.setMaximumPoolSize(16);
            if (loading) {
                config.setConnectionInitSql("SET synchronous_commit = off");
                config.addDataSourceProperty("reWriteBatchedInserts", "true");
            }
            return new HikariDataSource(config);
        }

        /** Stops the server. */
        @TearDown(Level.Trial)
        public void close() throws IOException {
            pool.close();
            server.close();
        }
    }

    /** @param json  the JSON stores */
    @Benchmark
    public void jsonTokenSave(Json json) {
        saveToken(json.tokens);
    }

    /** @param json  the JSON stores */
    @Benchmark
    @Threads(8)
    public void jsonTokenSave8Threads(Json json) {
        saveToken(json.tokens);
    }

    /**
     * @param json  the JSON stores
     * @return the appended record
     */
    @Benchmark
    public SessionRecord jsonHistoryAppend(Json json) {
        return append(json.history);
    }

    /**
     * @param json  the JSON stores
     * @return the appended record
     */
    @Benchmark
    @Threads(8)
    public SessionRecord jsonHistoryAppend8Threads(Json json) {
        return append(json.history);
    }

    /** @param pg  the PostgreSQL stores */
    @Benchmark
    public void postgresTokenSave(Postgres pg) {
        saveToken(pg.stores.tokenStore());
    }

    /** @param pg  the PostgreSQL stores */
    @Benchmark
    @Threads(8)
    public void postgresTokenSave8Threads(Postgres pg) {
        saveToken(pg.stores.tokenStore());
    }

    /**
     * @param pg  the PostgreSQL stores
     * @return the appended record
     */
    @Benchmark
    public SessionRecord postgresHistoryAppend(Postgres pg) {
        return append(pg.stores.historyStore());
    }

    /**
     * @param pg  the PostgreSQL stores
     * @return the appended record
     */
    @Benchmark
    @Threads(8)
    public SessionRecord postgresHistoryAppend8Threads(Postgres pg) {
        return append(pg.stores.historyStore());
    }

    /**
     * @param json  the JSON stores
     * @return the profile
     */
    @Benchmark
    public Optional<StoredProfile> jsonProfileLoad(Json json) {
        return json.profiles.load(user(ThreadLocalRandom.current().nextInt(USERS)));
    }

    /**
     * @param json  the JSON stores
     * @return the profile
     */
    @Benchmark
    @Threads(8)
    public Optional<StoredProfile> jsonProfileLoad8Threads(Json json) {
        return json.profiles.load(user(ThreadLocalRandom.current().nextInt(USERS)));
    }

    /**
     * @param pg  the PostgreSQL stores
     * @return the profile
     */
    @Benchmark
    public Optional<StoredProfile> postgresProfileLoad(Postgres pg) {
        return pg.stores.profileStore().load(user(ThreadLocalRandom.current().nextInt(USERS)));
    }

    /**
     * @param pg  the PostgreSQL stores
     * @return the profile
     */
    @Benchmark
    @Threads(8)
    public Optional<StoredProfile> postgresProfileLoad8Threads(Postgres pg) {
        return pg.stores.profileStore().load(user(ThreadLocalRandom.current().nextInt(USERS)));
    }
}
