package dev.personaltracker.calendar.storage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.spi.SyncStateStore;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.contract.SyncStateStoreContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JsonSyncStateStore}: the contract, then encryption and binding to the calendar. */
class JsonSyncStateStoreTest extends SyncStateStoreContract {

    private static final KeysetHandle KEYS = StoreKeys.generate();
    private static final TokenKey ALICE = TokenKey.of("alice", "google", "alice@example.com");

    @TempDir
    Path dir;

    @Override
    protected SyncStateStore newStore() {
        return store(KEYS);
    }

    @Override
    protected SyncStateStore reopen(SyncStateStore written) {
        return store(KEYS);
    }

    private JsonSyncStateStore store(KeysetHandle keys) {
        return JsonSyncStateStore.open(dir.resolve("sync"), keys);
    }

    @Test
    void file_holdsNoStateInTheClear() throws IOException {
        store(KEYS).save(ALICE, "primary", "sync-token-CAESBgjX");
        assertThat(Files.readString(store(KEYS).fileOf("alice"))).doesNotContain("sync-token", "CAESBgjX");
    }

    @Test
    void stateSwappedBetweenCalendars_failsToDecrypt() throws IOException {
        JsonSyncStateStore store = store(KEYS);
        store.save(ALICE, "primary", "state-primary");
        store.save(ALICE, "work", "state-work");
        Path file = store.fileOf("alice");
        String first = StoreFiles.ciphertext(file, 0);
        StoreFiles.setCiphertext(file, 0, StoreFiles.ciphertext(file, 1));
        StoreFiles.setCiphertext(file, 1, first);
        assertThatThrownBy(() -> store.load(ALICE, "primary")).isInstanceOf(RecordDecryptionException.class)
                .hasMessageContaining("calendar 'primary'");
    }

    @Test
    void rotate_reencryptsEveryState() {
        KeysetHandle old = StoreKeys.generate();
        store(old).save(ALICE, "primary", "a");
        store(old).save(ALICE, "work", "b");
        KeysetHandle both = StoreKeys.addPrimary(old);
        assertThat(store(both).rotate()).isEqualTo(2);
        assertThat(store(StoreKeysTest.primaryOnly(both)).load(ALICE, "work")).contains("b");
    }
}
