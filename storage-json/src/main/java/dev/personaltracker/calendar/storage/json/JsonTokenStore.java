package dev.personaltracker.calendar.storage.json;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.TokenStore;
import dev.personaltracker.calendar.spi.UserIds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link TokenStore} on encrypted JSON files: one file per user in a directory the host chooses, each token
 * encrypted with AES256_GCM (Tink AEAD) and bound by its associated data to its user, provider and account, so that a
 * ciphertext copied onto another record fails to decrypt.
 * <p>
 * Every {@code save} and {@code delete} is durable when it returns (temporary file, fsync, atomic rename, directory
 * fsync) and excludes concurrent writers of the same user's file, in this JVM and in other processes. Reads take no
 * lock and always see a whole file. Damage raises {@link StoreCorruptedException} (the file) or
 * {@link RecordDecryptionException} (one record) and never destroys other records.
 * <p>
 * Thread-safe. Several instances (and processes) may share a directory. {@link #toString()} names only the directory.
 */
public final class JsonTokenStore implements TokenStore {

    static final String STORE = "tokens";

    private final RecordFiles files;

    private JsonTokenStore(RecordFiles files) {
        this.files = files;
    }

    /**
     * Opens a store over a directory, creating the directory (owner-only) if it does not exist.
     *
     * @param directory  the directory, not null
     * @param keys  the AEAD keyset, for example from {@link StoreKeys#loadOrCreate}, not null
     * @return the store, not null
     * @throws StorageException if the directory cannot be created
     */
    public static JsonTokenStore open(Path directory, KeysetHandle keys) {
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
    public static JsonTokenStore open(Path directory, Aead aead) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(aead, "aead");
        return new JsonTokenStore(RecordFiles.open(directory, STORE, List.of("provider", "account"), aead, Optional.of(new TokenFormatV0())));
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreCorruptedException if the user's file is damaged; it is left untouched
     * @throws RecordDecryptionException if an older schema 0 record of the user cannot be decrypted for its upgrade
     * @throws StorageException if the file cannot be written
     */
    @Override
    public void save(TokenKey key, OAuthToken token) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(token, "token");
        files.put(key.userId(), id(key), TokenCodec.encode(token));
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreCorruptedException if the user's file is damaged
     * @throws RecordDecryptionException if this token's record fails to decrypt
     */
    @Override
    public Optional<OAuthToken> load(TokenKey key) {
        Objects.requireNonNull(key, "key");
        return files.get(key.userId(), id(key)).map(plaintext -> decode(key, plaintext));
    }

    private OAuthToken decode(TokenKey key, byte[] plaintext) {
        try {
            return TokenCodec.decode(plaintext);
        } catch (IOException e) {
            throw files.undecodable(key.userId(), id(key), e);
        }
    }

    /**
     * {@inheritDoc}
     * <p>
     * Listing decrypts nothing: a damaged record is still listed, and fails when loaded.
     *
     * @throws StoreCorruptedException if the user's file is damaged
     */
    @Override
    public List<TokenKey> list(String userId) {
        UserIds.require(userId);
        return files.ids(userId).stream()
                .map(id -> TokenKey.of(userId, id.get(0), id.get(1)))
                .sorted(Comparator.comparing(TokenKey::providerId).thenComparing(TokenKey::accountId))
                .toList();
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreCorruptedException if the user's file is damaged; it is left untouched
     * @throws StorageException if the file cannot be written
     */
    @Override
    public boolean delete(TokenKey key) {
        Objects.requireNonNull(key, "key");
        return files.remove(key.userId(), id(key));
    }

    /**
     * {@inheritDoc}
     * <p>
     * Atomic across threads and processes: the stored token is compared under the file's lock.
     *
     * @throws StoreCorruptedException if the user's file is damaged; it is left untouched
     * @throws RecordDecryptionException if the stored token fails to decrypt
     * @throws StorageException if the file cannot be written
     */
    @Override
    public boolean replace(TokenKey key, OAuthToken expected, OAuthToken updated) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(updated, "updated");
        byte[] plaintext = TokenCodec.encode(updated);
        return files.update(key.userId(), id(key),
                current -> current.filter(stored -> decode(key, stored).equals(expected)).map(stored -> plaintext));
    }

    /**
     * Re-encrypts every token under the primary key of the keyset (or the current key of the AEAD) the store was
     * opened with, and upgrades files of older schemas. Run it after {@link StoreKeys#addPrimary}; afterwards the old
     * keys are no longer needed. Files are rotated one at a time, each atomically; concurrent saves are safe.
     *
     * @return the number of tokens re-encrypted
     * @throws RecordDecryptionException after rotating everything else, if some file held a record that could not be
     *     decrypted; such files are left exactly as they were
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

    private static List<String> id(TokenKey key) {
        return List.of(key.providerId(), key.accountId());
    }

    /** The file that holds a user's records (it may not exist); for tests and tools. */
    Path fileOf(String userId) {
        return files.fileOf(userId);
    }

    /** @return the store's type and directory, nothing else */
    @Override
    public String toString() {
        return "JsonTokenStore[" + files.directory() + "]";
    }
}
