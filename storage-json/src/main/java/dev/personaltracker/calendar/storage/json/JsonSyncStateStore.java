package dev.personaltracker.calendar.storage.json;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.spi.SyncStateStore;
import dev.personaltracker.calendar.spi.TokenKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SyncStateStore} on encrypted JSON files: one file per user in a directory the host chooses, each state
 * encrypted with AES256_GCM (Tink AEAD) and bound by its associated data to its user, provider, account and calendar.
 * Sync state may carry tokens and cached event details, so it is treated as secret.
 * <p>
 * Writes are durable when they return and exclude concurrent writers across threads and processes; reads take no
 * lock; damage raises {@link StoreCorruptedException} or {@link RecordDecryptionException} and never destroys other
 * records, exactly as in {@link JsonTokenStore}. A load reads the user's file and decrypts nothing while its bytes are
 * as last read (see {@link DecodedRecords}). Thread-safe.
 */
public final class JsonSyncStateStore implements SyncStateStore {

    static final String STORE = "sync";

    private final RecordFiles files;
    /** The states of the users read last, reused while their file's bytes are unchanged: no decryption per read. */
    private final DecodedRecords<String> decoded = new DecodedRecords<>(DecodedRecords.DEFAULT_CAPACITY);

    private JsonSyncStateStore(RecordFiles files) {
        this.files = files;
    }

    /**
     * Opens a store over a directory, creating the directory (owner-only) if it does not exist.
     *
     * @param directory  the directory, not null
     * @param keys  the AEAD keyset, not null
     * @return the store, not null
     * @throws StorageException if the directory cannot be created
     */
    public static JsonSyncStateStore open(Path directory, KeysetHandle keys) {
        return open(directory, StoreKeys.aead(Objects.requireNonNull(keys, "keys")));
    }

    /**
     * Opens a store over a directory with an AEAD the host provides, for example from a KMS client.
     *
     * @param directory  the directory, not null
     * @param aead  the cipher, not null
     * @return the store, not null
     * @throws StorageException if the directory cannot be created
     */
    public static JsonSyncStateStore open(Path directory, Aead aead) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(aead, "aead");
        return new JsonSyncStateStore(RecordFiles.open(directory, STORE, List.of("provider", "account", "calendar"), aead, Optional.empty()));
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreCorruptedException if the user's file is damaged
     * @throws RecordDecryptionException if this state's record fails to decrypt
     */
    @Override
    public Optional<String> load(TokenKey account, String calendarId) {
        return files.get(account.userId(), id(account, calendarId), decoded,
                (id, bytes) -> new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreCorruptedException if the user's file is damaged; it is left untouched
     * @throws StorageException if the file cannot be written
     */
    @Override
    public void save(TokenKey account, String calendarId, String state) {
        List<String> id = id(account, calendarId);
        Objects.requireNonNull(state, "state");
        files.put(account.userId(), id, state.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreCorruptedException if the user's file is damaged; it is left untouched
     * @throws StorageException if the file cannot be written
     */
    @Override
    public void delete(TokenKey account, String calendarId) {
        files.remove(account.userId(), id(account, calendarId));
    }

    /**
     * Re-encrypts every state under the primary key of the keyset the store was opened with.
     *
     * @return the number of states re-encrypted
     * @throws RecordDecryptionException after rotating everything else, if some file held a record that could not be
     *     decrypted; such files are left exactly as they were
     * @see JsonTokenStore#rotate()
     */
    public int rotate() {
        return files.rotate();
    }

    /**
     * Gets the directory the store keeps its files in.
     *
     * @return the real path of the directory, not null
     */
    public Path directory() {
        return files.directory();
    }

    private static List<String> id(TokenKey account, String calendarId) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(calendarId, "calendarId");
        return List.of(account.providerId(), account.accountId(), calendarId);
    }

    /** The file that holds a user's records (it may not exist); for tests and tools. */
    Path fileOf(String userId) {
        return files.fileOf(userId);
    }

    /** @return the store's type and directory, nothing else */
    @Override
    public String toString() {
        return "JsonSyncStateStore[" + files.directory() + "]";
    }
}
