package dev.personaltracker.calendar.storage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JsonHistoryStore}'s reads: one file read per call, no record decrypted twice while its file's bytes hold it,
 * and every write, by this process or another, seen by the next read.
 */
class JsonHistoryReadsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");
    private static final Interval WEEKS = Interval.of(T0.minus(Duration.ofDays(7)), Duration.ofDays(21));
    private static final String USER = "ada";

    @TempDir
    Path dir;

    KeysetHandle keys;
    CountingAead aead;
    JsonHistoryStore store;
    List<SessionRecord> scheduled;

    /** Counts decryptions. */
    static final class CountingAead implements Aead {
        final Aead delegate;
        final AtomicInteger decrypts = new AtomicInteger();

        CountingAead(Aead delegate) {
            this.delegate = delegate;
        }

        @Override
        public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
            return delegate.encrypt(plaintext, associatedData);
        }

        @Override
        public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
            decrypts.incrementAndGet();
            return delegate.decrypt(ciphertext, associatedData);
        }
    }

    @BeforeEach
    void setUp() {
        keys = StoreKeys.generate();
        aead = new CountingAead(StoreKeys.aead(keys));
        store = JsonHistoryStore.open(dir.resolve("history"), aead);
        scheduled = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            SessionKey key = SessionKey.of("s-" + i);
            Interval at = Interval.of(T0.plus(Duration.ofDays(i)), Duration.ofMinutes(45));
            scheduled.add(SessionRecord.proposed(USER, key, at, T0.minus(Duration.ofDays(2)))
                    .with(SessionChange.of(T0.minus(Duration.ofDays(1)), ChangeKind.SCHEDULED), at, SessionStatus.SCHEDULED));
        }
        store.saveAll(scheduled);
        aead.decrypts.set(0);
    }

    /** What a reconcile asks of the store for a person whose sessions all stand as recorded. */
    private void reconcileLikeReads() {
        assertThat(store.query(USER, WEEKS)).isEqualTo(scheduled);
        for (SessionRecord r : scheduled) {
            assertThat(store.update(USER, r.key(), current -> current.orElseThrow())).isEqualTo(r);
            assertThat(store.find(USER, r.key())).contains(r);
        }
        assertThat(store.query(USER, WEEKS)).isEqualTo(scheduled);
    }

    @Test
    void aPersonsCallsInARow_decryptEachRecordOnce() {
        reconcileLikeReads();
        assertThat(aead.decrypts).hasValue(scheduled.size());

        reconcileLikeReads();
        assertThat(aead.decrypts).as("nothing written since: nothing decrypted again").hasValue(scheduled.size());
    }

    @Test
    void aWriteOfOneRecord_costsTheNextReadOneDecryption_andIsSeen() {
        reconcileLikeReads();
        aead.decrypts.set(0);
        SessionRecord changed = scheduled.get(3).with(SessionChange.of(T0, ChangeKind.CANCELLED),
                scheduled.get(3).interval(), SessionStatus.CANCELLED);
        JsonHistoryStore.open(dir.resolve("history"), keys).save(changed);   // another store: its own cache

        assertThat(store.find(USER, changed.key())).contains(changed);
        assertThat(store.query(USER, WEEKS)).contains(changed).hasSize(scheduled.size());
        assertThat(aead.decrypts).hasValue(1);
    }

    @Test
    void anotherProcessesWrite_isSeen_evenWithTheFilesOldModificationTime() throws Exception {
        Path keyset = dir.resolve("keyset.json");
        StoreKeys.save(keys, keyset);
        reconcileLikeReads();
        Path file = store.fileOf(USER);
        FileTime before = Files.getLastModifiedTime(file);
        SessionKey first = scheduled.get(0).key();

        // the other process replaces a record with one of the same length, and adds one
        runChild(keyset, first.value(), T0.plus(Duration.ofHours(1)).toString(), "45");
        runChild(keyset, "s-new", T0.plus(Duration.ofDays(2)).toString(), "60");
        Files.setLastModifiedTime(file, before);

        assertThat(store.find(USER, first)).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(SessionStatus.PROPOSED);
            assertThat(r.interval().start()).isEqualTo(T0.plus(Duration.ofHours(1)));
        });
        assertThat(store.query(USER, WEEKS)).hasSize(scheduled.size() + 1)
                .anySatisfy(r -> assertThat(r.key()).isEqualTo(SessionKey.of("s-new")));
    }

    private void runChild(Path keyset, String key, String start, String minutes) throws Exception {
        Path errors = dir.resolve("child.err");
        ChildWriter.Running child = ChildWriter.start(HistoryChildWriter.class, List.of(), errors,
                dir.resolve("history").toString(), keyset.toString(), USER, key, start, minutes);
        assertThat(child.finish(120)).as(Files.readString(errors)).isZero();
        assertThat(child.sawDone()).isTrue();
    }

    @Test
    void aRecordOnceDecrypted_copiedUnderAnotherKey_stillFailsToDecrypt() throws Exception {
        reconcileLikeReads();
        Path file = store.fileOf(USER);
        StoreFiles.setCiphertext(file, 1, StoreFiles.ciphertext(file, 0));

        assertThatThrownBy(() -> store.query(USER, WEEKS)).isInstanceOf(RecordDecryptionException.class);
        assertThatThrownBy(() -> store.find(USER, scheduled.get(1).key())).isInstanceOf(RecordDecryptionException.class);
        assertThat(store.find(USER, scheduled.get(0).key())).contains(scheduled.get(0));
    }
}
