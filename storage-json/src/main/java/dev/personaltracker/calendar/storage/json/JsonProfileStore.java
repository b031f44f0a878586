package dev.personaltracker.calendar.storage.json;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.spi.ProfileStore;
import dev.personaltracker.calendar.spi.StoreConflictException;
import dev.personaltracker.calendar.spi.StoredProfile;
import dev.personaltracker.calendar.spi.UserIds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ProfileStore} on encrypted JSON files: one file per user ({@code profile-<hash>.json}) in a directory the
 * host chooses (it may be the directory of the other JSON stores), holding that person's profile document and its
 * version, encrypted together with AES256_GCM (Tink AEAD) and bound by their associated data to the store and the
 * user, so that a ciphertext copied onto another user's file fails to decrypt.
 * <p>
 * {@link #save} is a compare-and-set: it takes the file's locks (this JVM and other processes), decrypts the current
 * record, compares its version with the expected one and writes only if they match, so two host processes sharing the
 * directory never lose an update silently. Every save and delete is durable when it returns (temporary file, fsync,
 * atomic rename, directory fsync); reads take no lock and always see a whole file. Damage raises
 * {@link StoreCorruptedException} (the file) or {@link RecordDecryptionException} (the record) naming the user, and
 * never touches other users' files. Files of schema 0 (see {@link ProfileFormatV0}) are read and upgraded by the next
 * write or {@link #rotate()}.
 * <p>
 * Thread-safe. {@link #toString()} names only the directory; no document content is ever logged.
 */
public final class JsonProfileStore implements ProfileStore {

    static final String STORE = "profile";
    /** The id of the one record of each user's file. */
    private static final List<String> RECORD = List.of("settings");

    private final RecordFiles files;

    private JsonProfileStore(RecordFiles files) {
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
    public static JsonProfileStore open(Path directory, KeysetHandle keys) {
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
    public static JsonProfileStore open(Path directory, Aead aead) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(aead, "aead");
        return new JsonProfileStore(RecordFiles.open(directory, STORE, List.of("part"), aead, Optional.of(new ProfileFormatV0())));
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreCorruptedException if the user's file is damaged
     * @throws RecordDecryptionException if the profile's record fails to decrypt
     */
    @Override
    public Optional<StoredProfile> load(String userId) {
        UserIds.require(userId);
        return files.get(userId, RECORD).map(plaintext -> {
            ProfileRecordCodec.ProfileJson json = decode(userId, plaintext);
            return new StoredProfile(userId, json.document(), json.version());
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreCorruptedException if the user's file is damaged; it is left untouched
     * @throws RecordDecryptionException if the stored profile cannot be decrypted to compare its version; it is left
     *     untouched (delete it to start again)
     * @throws StorageException if the file cannot be written
     */
    @Override
    public long save(String userId, String document, long expectedVersion) {
        ProfileStore.requireSave(userId, document, expectedVersion);
        files.update(userId, RECORD, current -> {
            long actual = current.map(plaintext -> decode(userId, plaintext).version()).orElse(0L);
            if (actual != expectedVersion) {
                throw StoreConflictException.of(files.describe(userId, RECORD), expectedVersion, actual);
            }
            return Optional.of(ProfileRecordCodec.encode(expectedVersion + 1, document));
        });
        return expectedVersion + 1;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreCorruptedException if the user's file is damaged; it is left untouched
     * @throws StorageException if the file cannot be written
     */
    @Override
    public boolean delete(String userId) {
        UserIds.require(userId);
        return files.remove(userId, RECORD);
    }

    /**
     * Re-encrypts every profile under the primary key of the keyset the store was opened with, and upgrades files of
     * older schemas.
     *
     * @return the number of profiles re-encrypted
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

    private ProfileRecordCodec.ProfileJson decode(String userId, byte[] plaintext) {
        try {
            return ProfileRecordCodec.decode(plaintext);
        } catch (IOException e) {
            throw files.undecodable(userId, RECORD, e);
        }
    }

    /** The file that holds a user's profile (it may not exist); for tests and tools. */
    Path fileOf(String userId) {
        return files.fileOf(userId);
    }

    /** @return the store's type and directory, nothing else */
    @Override
    public String toString() {
        return "JsonProfileStore[" + files.directory() + "]";
    }
}
