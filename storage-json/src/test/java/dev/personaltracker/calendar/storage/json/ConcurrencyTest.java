package dev.personaltracker.calendar.storage.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.TokenKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many writers at once, in one JVM and in two: every write that returned is there afterwards.
 * <p>
 * These tests check exclusion (no lost update, no half-written file seen), not durability, so where the machine has
 * a memory file system ({@code /dev/shm}) they run there: an fsync costs nothing and 8,000 writes take seconds
 * instead of minutes on a busy shared disk. Durability across a kill is {@link CrashSafetyTest}'s job, on the disk.
 */
class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int WRITES_PER_THREAD = 1_000;
    /** Each thread cycles over this many accounts, so files stay small while every write replaces a record. */
    private static final int ACCOUNTS_PER_THREAD = 25;

    @TempDir
    Path diskDir;

    private Path dir;

    @BeforeEach
    void chooseDirectory() throws IOException {
        Path shm = Path.of("/dev/shm");
        dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "storage-json-test") : diskDir;
    }

    @AfterEach
    void removeDirectory() throws IOException {
        if (!dir.equals(diskDir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    @Test
    void eightThreadsTimesAThousandWrites_onTwoSharedFiles_loseNothing_whileReadersSeeWholeFiles() throws Exception {
        KeysetHandle keys = StoreKeys.generate();
        // two instances over one directory, as two components of one host would have
        JsonTokenStore first = JsonTokenStore.open(dir, keys);
        JsonTokenStore second = JsonTokenStore.open(dir, keys);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            JsonTokenStore store = t % 2 == 0 ? first : second;
            writers.add(new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < WRITES_PER_THREAD; i++) {
                        store.save(key(thread, i % ACCOUNTS_PER_THREAD), token(thread + "-" + i));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "writer-" + t));
        }
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            String user = "user-" + r;
            readers.add(new Thread(() -> {
                try {
                    start.await();
                    // a modest pace: the point is to read while files are replaced, not to starve the writers of CPU
                    while (writing.get()) {
                        List<TokenKey> listed = first.list(user);
                        if (!listed.isEmpty()) {
                            TokenKey key = listed.get(ThreadLocalRandom.current().nextInt(listed.size()));
                            assertThat(first.load(key)).isPresent(); // tokens are only ever replaced, never removed
                            reads.incrementAndGet();
                        }
                        Thread.sleep(1);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "reader-" + r));
        }
        writers.forEach(Thread::start);
        readers.forEach(Thread::start);
        start.countDown();
        for (Thread writer : writers) {
            writer.join();
        }
        writing.set(false);
        for (Thread reader : readers) {
            reader.join();
        }

        assertThat(failures).isEmpty();
        assertThat(reads.get()).as("reads done while writing").isPositive();
        JsonTokenStore reopened = JsonTokenStore.open(dir, keys);
        for (int t = 0; t < THREADS; t++) {
            for (int a = 0; a < ACCOUNTS_PER_THREAD; a++) {
                int lastWrite = WRITES_PER_THREAD - ACCOUNTS_PER_THREAD + a;
                assertThat(reopened.load(key(t, a))).as("thread %d account %d", t, a).contains(token(t + "-" + lastWrite));
            }
        }
        assertThat(reopened.list("user-0")).hasSize(THREADS / 2 * ACCOUNTS_PER_THREAD);
        assertThat(reopened.list("user-1")).hasSize(THREADS / 2 * ACCOUNTS_PER_THREAD);
        try (var files = Files.list(reopened.directory())) {
            assertThat(files.filter(f -> f.toString().endsWith(AtomicFiles.TEMP_SUFFIX))).as("no temporary file is left").isEmpty();
        }
    }

    @Test
    void twoProcessesWritingOneFileAtOnce_loseNoAcknowledgedWrite() throws Exception {
        Path keyset = dir.resolve("keyset.json");
        KeysetHandle keys = StoreKeys.loadOrCreate(keyset);
        Path stores = dir.resolve("stores");
        int writes = 150;
        ChildWriter.Running a = ChildWriter.start(diskDir.resolve("child-a.err"), stores.toString(), keyset.toString(), "shared", "a", String.valueOf(writes));
        ChildWriter.Running b = ChildWriter.start(diskDir.resolve("child-b.err"), stores.toString(), keyset.toString(), "shared", "b", String.valueOf(writes));
        // this JVM writes the same file too, while the children run
        JsonTokenStore store = JsonTokenStore.open(stores, keys);
        a.awaitReady(60_000);
        b.awaitReady(60_000);
        for (int i = 0; i < 50; i++) {
            store.save(TokenKey.of("shared", "google", "parent-" + i), ChildWriter.token("parent-" + i));
        }
        assertThat(a.finish(120)).as(Files.readString(diskDir.resolve("child-a.err"))).isZero();
        assertThat(b.finish(120)).as(Files.readString(diskDir.resolve("child-b.err"))).isZero();

        assertThat(a.acks()).hasSize(writes);
        assertThat(b.acks()).hasSize(writes);
        JsonTokenStore reopened = JsonTokenStore.open(stores, keys);
        assertThat(reopened.list("shared")).hasSize(2 * writes + 50);
        for (String prefix : List.of("a", "b")) {
            for (int i = 0; i < writes; i++) {
                String account = prefix + "-" + i;
                assertThat(reopened.load(TokenKey.of("shared", "google", account))).as(account).contains(ChildWriter.token(account));
            }
        }
    }

    @Test
    void twoProcessesAndThisOne_appendingToOneProfile_byCompareAndSet_loseNoAcknowledgedAppend() throws Exception {
        Path keyset = dir.resolve("keyset.json");
        KeysetHandle keys = StoreKeys.loadOrCreate(keyset);
        Path stores = dir.resolve("stores");
        int appends = 40;
        ChildWriter.Running a = ChildWriter.start(ProfileAppender.class, List.of(), diskDir.resolve("child-a.err"),
                stores.toString(), keyset.toString(), "shared", "a", String.valueOf(appends));
        ChildWriter.Running b = ChildWriter.start(ProfileAppender.class, List.of(), diskDir.resolve("child-b.err"),
                stores.toString(), keyset.toString(), "shared", "b", String.valueOf(appends));
        JsonProfileStore store = JsonProfileStore.open(stores, keys);
        a.awaitReady(60_000);
        b.awaitReady(60_000);
        for (int i = 0; i < appends; i++) {
            ProfileAppender.append(store, "shared", "parent-" + i);
        }
        assertThat(a.finish(120)).as(Files.readString(diskDir.resolve("child-a.err"))).isZero();
        assertThat(b.finish(120)).as(Files.readString(diskDir.resolve("child-b.err"))).isZero();

        assertThat(a.acks()).hasSize(appends);
        assertThat(b.acks()).hasSize(appends);
        var stored = JsonProfileStore.open(stores, keys).load("shared").orElseThrow();
        List<String> lines = List.of(stored.document().split("\n"));
        assertThat(lines).hasSize(3 * appends).doesNotHaveDuplicates();
        for (String prefix : List.of("a", "b", "parent")) {
            for (int i = 0; i < appends; i++) {
                assertThat(lines).contains(prefix + "-" + i);
            }
        }
        assertThat(stored.version()).as("one version per save, none lost").isEqualTo(3L * appends);
    }

    @Test
    void twoProcessesAndThisOne_savingChannelsOfDifferentUsers_intoTheOneChannelFile_loseNone() throws Exception {
        Path keyset = dir.resolve("keyset.json");
        KeysetHandle keys = StoreKeys.loadOrCreate(keyset);
        Path stores = dir.resolve("stores");
        int saves = 60;
        ChildWriter.Running a = ChildWriter.start(ChannelWriter.class, List.of(), diskDir.resolve("child-a.err"),
                stores.toString(), keyset.toString(), "alice", "a", String.valueOf(saves));
        ChildWriter.Running b = ChildWriter.start(ChannelWriter.class, List.of(), diskDir.resolve("child-b.err"),
                stores.toString(), keyset.toString(), "bob", "b", String.valueOf(saves));
        JsonChannelStore store = JsonChannelStore.open(stores, keys);
        a.awaitReady(60_000);
        b.awaitReady(60_000);
        for (int i = 0; i < saves; i++) {
            store.save(ChannelWriter.channel("carol", "c-" + i));
        }
        assertThat(a.finish(120)).as(Files.readString(diskDir.resolve("child-a.err"))).isZero();
        assertThat(b.finish(120)).as(Files.readString(diskDir.resolve("child-b.err"))).isZero();

        assertThat(a.acks()).hasSize(saves);
        assertThat(b.acks()).hasSize(saves);
        JsonChannelStore reopened = JsonChannelStore.open(stores, keys);
        assertThat(reopened.all()).hasSize(3 * saves);
        for (String[] owner : new String[][] {{"alice", "a"}, {"bob", "b"}, {"carol", "c"}}) {
            assertThat(reopened.forUser(owner[0])).hasSize(saves);
            for (int i = 0; i < saves; i++) {
                String id = owner[1] + "-" + i;
                assertThat(reopened.find(id)).as(id).contains(ChannelWriter.channel(owner[0], id));
            }
        }
    }

    private static TokenKey key(int thread, int account) {
        return TokenKey.of("user-" + (thread % 2), "google", "t" + thread + "-a" + account + "@example.com");
    }

    private static OAuthToken token(String value) {
        return OAuthToken.of("access-" + value, Optional.of("refresh-" + value), Optional.empty(), Set.of("calendar"));
    }
}
