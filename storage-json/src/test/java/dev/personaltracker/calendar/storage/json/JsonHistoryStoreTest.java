package dev.personaltracker.calendar.storage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.HistoryStore;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.spi.contract.HistoryStoreContract;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JsonHistoryStore}: the contract, then encryption, rotation and damage. */
class JsonHistoryStoreTest extends HistoryStoreContract {

    private static final KeysetHandle KEYS = StoreKeys.generate();
    private static final Instant T0 = Instant.parse("2026-02-02T18:00:00Z");
    private static final SessionKey S1 = SessionKey.of("s-1");
    private static final SessionKey S2 = SessionKey.of("s-2");

    @TempDir
    Path dir;

    @Override
    protected HistoryStore newStore() {
        return store(KEYS);
    }

    @Override
    protected HistoryStore reopen(HistoryStore written) {
        return store(KEYS);
    }

    private JsonHistoryStore store(KeysetHandle keys) {
        return JsonHistoryStore.open(dir.resolve("history"), keys);
    }

    @Test
    void usersWithScheduledSessions_leavesOutADamagedFileOrRecord_andListsEveryoneElse() throws IOException {
        JsonHistoryStore store = store(KEYS);
        Interval range = Interval.of(T0.minus(Duration.ofDays(1)), Duration.ofDays(30));
        for (String user : List.of("alice", "bob", "carol", "dave")) {
            SessionRecord p = SessionRecord.proposed(user, S1, Interval.of(T0, Duration.ofMinutes(45)), T0.minus(Duration.ofDays(1)));
            store.save(p.with(SessionChange.of(T0.minus(Duration.ofHours(2)), ChangeKind.SCHEDULED), p.interval(), SessionStatus.SCHEDULED));
        }
        Files.writeString(store.fileOf("bob"), "{\"format\": \"tracker-calendar-store\", \"sche");
        StoreFiles.flipCiphertextByte(store.fileOf("carol"), 0, 7);

        assertThat(store(KEYS).usersWithScheduledSessions(range)).containsExactly("alice", "dave");
        assertThatThrownBy(() -> store.find("bob", S1)).isInstanceOf(StoreCorruptedException.class);
        assertThatThrownBy(() -> store.find("carol", S1)).isInstanceOf(RecordDecryptionException.class);
    }

    @Test
    void file_holdsNoHistoryInTheClear() throws IOException {
        SessionRecord record = fullRecord("alice", S1, T0);
        store(KEYS).save(record);
        String text = Files.readString(store(KEYS).fileOf("alice"));
        assertThat(text).contains("s-1").doesNotContain("2026", "Dentist", "chapter", "evt-", "COMPLETED", "PT40M");
    }

    @Test
    void ciphertextsSwappedBetweenUsers_failToDecrypt() throws IOException {
        JsonHistoryStore store = store(KEYS);
        store.save(fullRecord("alice", S1, T0));
        store.save(fullRecord("bob", S1, T0.plus(Duration.ofDays(1))));
        Path alice = store.fileOf("alice");
        Path bob = store.fileOf("bob");
        String alices = StoreFiles.ciphertext(alice, 0);
        StoreFiles.setCiphertext(alice, 0, StoreFiles.ciphertext(bob, 0));
        StoreFiles.setCiphertext(bob, 0, alices);

        assertThatThrownBy(() -> store.find("alice", S1)).isInstanceOf(RecordDecryptionException.class)
                .hasMessageContaining("history record (user 'alice', session 's-1')");
        assertThatThrownBy(() -> store.find("bob", S1)).isInstanceOf(RecordDecryptionException.class);
    }

    @Test
    void oneFlippedByte_failsQueryAndThatRecord_butOthersStayReadable() throws IOException {
        JsonHistoryStore store = store(KEYS);
        store.save(fullRecord("alice", S1, T0));
        SessionRecord second = fullRecord("alice", S2, T0.plus(Duration.ofDays(1)));
        store.save(second);
        StoreFiles.flipCiphertextByte(store.fileOf("alice"), 0, 7);

        assertThatThrownBy(() -> store.find("alice", S1)).isInstanceOf(RecordDecryptionException.class);
        assertThatThrownBy(() -> store.query("alice", Interval.of(T0, Duration.ofDays(7)))).isInstanceOf(RecordDecryptionException.class);
        assertThat(store.find("alice", S2)).contains(second);
        assertThat(store.delete("alice", S1)).isTrue();
        assertThat(store.query("alice", Interval.of(T0, Duration.ofDays(7)))).containsExactly(second);
    }

    @Test
    void truncatedFile_raisesStoreCorrupted_andIsNeverOverwritten() throws IOException {
        JsonHistoryStore store = store(KEYS);
        store.save(fullRecord("alice", S1, T0));
        StoreFiles.truncate(store.fileOf("alice"), 0.3);
        byte[] truncated = Files.readAllBytes(store.fileOf("alice"));
        assertThatThrownBy(() -> store.query("alice", Interval.of(T0, Duration.ofDays(1)))).isInstanceOf(StoreCorruptedException.class);
        assertThatThrownBy(() -> store.save(fullRecord("alice", S2, T0))).isInstanceOf(StoreCorruptedException.class);
        assertThat(Files.readAllBytes(store.fileOf("alice"))).isEqualTo(truncated);
    }

    @Test
    void rotate_reencryptsEveryRecord() {
        KeysetHandle old = StoreKeys.generate();
        for (int i = 0; i < 5; i++) {
            store(old).save(fullRecord(i % 2 == 0 ? "alice" : "bob", SessionKey.of("s-" + i), T0.plus(Duration.ofDays(i))));
        }
        KeysetHandle both = StoreKeys.addPrimary(old);
        assertThat(store(both).rotate()).isEqualTo(5);
        KeysetHandle newOnly = StoreKeysTest.primaryOnly(both);
        assertThat(store(newOnly).query("alice", Interval.of(T0, Duration.ofDays(10)))).hasSize(3);
        assertThat(store(newOnly).query("bob", Interval.of(T0, Duration.ofDays(10)))).hasSize(2);
    }

    @Test
    void saveAll_savesEveryUsersRecords_andLaterDuplicatesWin() {
        SessionRecord first = proposed("alice", "s-1", T0, 30);
        SessionRecord replaced = proposed("alice", "s-1", T0.plus(Duration.ofHours(2)), 45);
        SessionRecord bobs = proposed("bob", "s-1", T0, 60);
        List<SessionRecord> year = new ArrayList<>(List.of(first, bobs));
        for (int day = 1; day <= 365; day++) {
            year.add(proposed("alice", "day-" + day, T0.plus(Duration.ofDays(day)), 60));
        }
        year.add(replaced);
        store(KEYS).saveAll(year);

        JsonHistoryStore reader = store(KEYS);
        assertThat(reader.find("alice", S1)).contains(replaced);
        assertThat(reader.find("bob", S1)).contains(bobs);
        assertThat(reader.query("alice", Interval.of(T0, Duration.ofDays(400)))).hasSize(366);
    }

    @Test
    void saveAll_refusesNullElements_beforeWritingAnything() {
        List<SessionRecord> withNull = new ArrayList<>();
        withNull.add(proposed("alice", "s-1", T0, 30));
        withNull.add(null);
        assertThatThrownBy(() -> store(KEYS).saveAll(withNull)).isInstanceOf(NullPointerException.class);
        assertThat(store(KEYS).find("alice", S1)).isEmpty();
    }
}
