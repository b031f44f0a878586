package dev.personaltracker.calendar.benchmarks;

import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.EventRef;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.storage.json.JsonHistoryStore;
import dev.personaltracker.calendar.storage.json.JsonTokenStore;
import dev.personaltracker.calendar.storage.json.StoreKeys;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Saves and loads per second on the encrypted JSON stores ({@code storage-json}) holding 1,000 users, each with two
 * OAuth tokens (Google and Outlook) and a year of study history (5 sessions a week, 260 records of 3 changes each).
 * <p>
 * Every save is durable: written to a temporary file, fsynced, renamed, and the directory fsynced; so save figures
 * measure the disk's fsync latency as much as the code. Loads read and parse the user's file and decrypt one record
 * (a month's query decrypts all 260). The data set is built once into {@code -Dstorage.bench.dir} (default: a
 * directory under {@code java.io.tmpdir}) and reused by later runs; saves only replace existing records, so it does
 * not grow. Results are in {@code storage-json/README.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
public class StorageBenchmark {

    static final int USERS = 1_000;
    static final int SESSIONS_PER_USER = 5 * 52;
    static final Instant YEAR_START = Instant.parse("2026-01-05T00:00:00Z");
    private static final String READY_MARKER = "dataset-ready-v1";

    private JsonTokenStore tokens;
    private JsonHistoryStore history;

    /** Opens the stores over the data set, building it first if this directory does not hold it yet. */
    @Setup
    public void openStores() throws IOException {
        Path dir = Path.of(System.getProperty("storage.bench.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "tracker-storage-bench").toString()));
        Files.createDirectories(dir);
        KeysetHandle keys = StoreKeys.loadOrCreate(dir.resolve("keyset.json"));
        tokens = JsonTokenStore.open(dir.resolve("stores"), keys);
        history = JsonHistoryStore.open(dir.resolve("stores"), keys);
        if (!Files.exists(dir.resolve(READY_MARKER))) {
            // parallel, so that the 3,000 file writes' fsyncs overlap; one file write per user for the history
            ForkJoinPool pool = new ForkJoinPool(8);
            try {
                pool.submit(() -> IntStream.range(0, USERS).parallel().forEach(u -> {
                    tokens.save(googleKey(u), token(u, 0));
                    tokens.save(TokenKey.of(user(u), "outlook", user(u) + "@work.example"), token(u, 1));
                    history.saveAll(year(u));
                })).join();
            } finally {
                pool.shutdown();
            }
            Files.writeString(dir.resolve(READY_MARKER), "1000 users, 2 tokens and 260 sessions each\n");
        }
    }

    static String user(int u) {
        return "user-" + u;
    }

    static TokenKey googleKey(int u) {
        return TokenKey.of(user(u), "google", user(u) + "@example.com");
    }

    static OAuthToken token(int u, long version) {
        return OAuthToken.of("ya29.access-" + u + "-" + version, Optional.of("1//refresh-" + u),
                Optional.of(YEAR_START.plus(Duration.ofHours(1))), Set.of("https://www.googleapis.com/auth/calendar"));
    }

    static SessionKey sessionKey(int s) {
        return SessionKey.of("session-" + s);
    }

    /** A session's record: proposed, scheduled with an event, completed with an outcome. */
    static SessionRecord session(int u, int s, long version) {
        Instant start = YEAR_START.plus(Duration.ofDays(s / 5 * 7L + s % 5)).plus(Duration.ofHours(18));
        Interval interval = Interval.of(start, Duration.ofMinutes(45 + version % 30));
        return SessionRecord.proposed(user(u), sessionKey(s), interval, start.minus(Duration.ofDays(2)))
                .with(SessionChange.of(start.minus(Duration.ofDays(1)), ChangeKind.SCHEDULED), interval, SessionStatus.SCHEDULED)
                .withEvent(new EventRef("google", user(u) + "@example.com", "primary", "studysession" + s))
                .with(SessionChange.of(interval.end(), ChangeKind.COMPLETED), interval, SessionStatus.COMPLETED)
                .withOutcome(Optional.of(Duration.ofMinutes(40)), Optional.of("chapter " + s));
    }

    static List<SessionRecord> year(int u) {
        List<SessionRecord> records = new ArrayList<>(SESSIONS_PER_USER);
        for (int s = 0; s < SESSIONS_PER_USER; s++) {
            records.add(session(u, s, 0));
        }
        return records;
    }

    /** Replaces one user's Google token. */
    @Benchmark
    public void tokenSave() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int u = random.nextInt(USERS);
        tokens.save(googleKey(u), token(u, random.nextLong()));
    }

    /** Replaces random users' Google tokens from four threads at once (their fsyncs overlap). */
    @Benchmark
    @Threads(4)
    public void tokenSaveFourThreads() {
        tokenSave();
    }

    /** Loads one user's Google token. */
    @Benchmark
    public Optional<OAuthToken> tokenLoad() {
        return tokens.load(googleKey(ThreadLocalRandom.current().nextInt(USERS)));
    }

    /** Replaces one session record in a user's year of history (the whole 260-record file is rewritten). */
    @Benchmark
    public void historySave() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int u = random.nextInt(USERS);
        history.save(session(u, random.nextInt(SESSIONS_PER_USER), random.nextLong()));
    }

    /** Finds one session record in a user's year of history. */
    @Benchmark
    public Optional<SessionRecord> historyFind() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return history.find(user(random.nextInt(USERS)), sessionKey(random.nextInt(SESSIONS_PER_USER)));
    }

    /** Queries a month of a user's history (decrypts all 260 records, keeps about 22). */
    @Benchmark
    public List<SessionRecord> historyQueryMonth() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Instant from = YEAR_START.plus(Duration.ofDays(random.nextInt(330)));
        return history.query(user(random.nextInt(USERS)), Interval.of(from, Duration.ofDays(30)));
    }
}
