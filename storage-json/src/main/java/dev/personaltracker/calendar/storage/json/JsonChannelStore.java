package dev.personaltracker.calendar.storage.json;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.spi.ChangeChannel;
import dev.personaltracker.calendar.spi.ChannelStore;
import dev.personaltracker.calendar.spi.UserIds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ChannelStore} on an encrypted JSON file, so that a single-machine host keeps its push channels (Google
 * {@code events.watch} channels, Microsoft Graph subscriptions) across restarts: notifications for them are still
 * checked and routed, and the host can still stop them.
 * <p>
 * Every channel of every user is one record of a single file, {@code channels-<h>.json}, owned by the fixed internal
 * name {@value #OWNER} (the other JSON stores keep one file per user, but {@link #find(String)} has no user, and a
 * notification from the internet must not make the store search a directory for a forged channel id: here a lookup
 * reads this one file, whatever the id). The record's id is the channel id, the only part in the clear; the
 * account (user, provider, account), calendar, resource id, expiry and secret are encrypted together with Tink AEAD
 * (AES256_GCM), and the associated data binds the ciphertext to this store and the channel id, so that a ciphertext
 * copied onto another channel fails to decrypt.
 * <p>
 * Scale: each write rewrites the file (about 400 bytes a channel), so this store suits one machine with hundreds to a
 * few thousand channels; beyond that, or with several host instances on several machines, use the PostgreSQL store.
 * <p>
 * Writes are durable when they return and exclude concurrent writers across threads, store instances and processes
 * sharing the directory; reads take no lock and reuse the decoded channels while the file's bytes are unchanged (see
 * {@link DecodedRecords}). A damaged record raises {@link RecordDecryptionException} naming it when it is found, and
 * from {@link #forUser(String)} and {@link #all()} (its user is encrypted, so no listing can be complete without it);
 * the other channels stay readable by {@link #find(String)}, and saving or deleting the damaged channel mends the
 * file. A damaged file raises {@link StoreCorruptedException} and is never overwritten.
 * <p>
 * Thread-safe. {@link #toString()} names only the directory; no message or log line holds a secret.
 */
public final class JsonChannelStore implements ChannelStore {

    static final String STORE = "channels";
    /** The owner of the one file holding every channel; not a user id (no user ever has a file of this store). */
    static final String OWNER = "every-user";

    private static final Comparator<ChangeChannel> BY_ID = Comparator.comparing(ChangeChannel::channelId);

    private final RecordFiles files;
    /** The channels as last decoded, reused while the file's bytes are unchanged: no decryption per notification. */
    private final DecodedRecords<ChangeChannel> decoded = new DecodedRecords<>(1);

    private JsonChannelStore(RecordFiles files) {
        this.files = files;
    }

    /**
     * Opens a store over a directory, creating the directory (owner-only) if it does not exist. The directory may be
     * shared with the other JSON stores.
     *
     * @param directory  the directory, not null
     * @param keys  the AEAD keyset, for example from {@link StoreKeys#loadOrCreate}, not null
     * @return the store, not null
     * @throws StorageException if the directory cannot be created
     */
    public static JsonChannelStore open(Path directory, KeysetHandle keys) {
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
    public static JsonChannelStore open(Path directory, Aead aead) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(aead, "aead");
        return new JsonChannelStore(RecordFiles.open(directory, STORE, List.of("channel"), aead, Optional.empty()));
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreCorruptedException if the file is damaged; it is left untouched
     * @throws StorageException if the file cannot be written
     */
    @Override
    public void save(ChangeChannel channel) {
        Objects.requireNonNull(channel, "channel");
        files.put(OWNER, id(channel.channelId()), ChannelCodec.encode(channel));
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreCorruptedException if the file is damaged, or this channel's record decrypts but does not decode
     * @throws RecordDecryptionException if this channel's record fails to decrypt (altered, copied from another
     *     channel, or another key)
     */
    @Override
    public Optional<ChangeChannel> find(String channelId) {
        return files.get(OWNER, id(channelId), decoded, this::decode);
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreCorruptedException if the file is damaged; it is left untouched
     * @throws StorageException if the file cannot be written
     */
    @Override
    public boolean delete(String channelId) {
        return files.remove(OWNER, id(channelId));
    }

    /**
     * {@inheritDoc}
     * <p>
     * Sorted by channel id.
     *
     * @throws StoreCorruptedException if the file is damaged, or a record decrypts but does not decode
     * @throws RecordDecryptionException if any channel's record fails to decrypt (its user cannot be known)
     */
    @Override
    public List<ChangeChannel> forUser(String userId) {
        UserIds.require(userId);
        return all().stream().filter(c -> c.account().userId().equals(userId)).toList();
    }

    /**
     * {@inheritDoc}
     * <p>
     * Sorted by channel id.
     *
     * @throws StoreCorruptedException if the file is damaged, or a record decrypts but does not decode
     * @throws RecordDecryptionException if any channel's record fails to decrypt
     */
    @Override
    public List<ChangeChannel> all() {
        return files.getAll(OWNER, decoded, this::decode).stream().map(DecodedRecords.Decoded::value).sorted(BY_ID).toList();
    }

    /**
     * Re-encrypts every channel under the primary key of the keyset (or the current key of the AEAD) the store was
     * opened with; see {@link JsonTokenStore#rotate()}.
     *
     * @return the number of channels re-encrypted
     * @throws RecordDecryptionException if a record could not be decrypted; the file is then left exactly as it was
     */
    public int rotate() {
        return files.rotate();
    }

    /**
     * Gets the directory the store keeps its file in.
     *
     * @return the real path of the directory, not null
     */
    public Path directory() {
        return files.directory();
    }

    private ChangeChannel decode(List<String> id, byte[] plaintext) {
        try {
            return ChannelCodec.decode(id.get(0), plaintext);
        } catch (IOException e) {
            throw files.undecodable(OWNER, id, e);
        }
    }

    private static List<String> id(String channelId) {
        return List.of(Objects.requireNonNull(channelId, "channelId"));
    }

    /** The file that holds every channel (it may not exist); for tests and tools. */
    Path file() {
        return files.fileOf(OWNER);
    }

    /** @return the store's type and directory, nothing else */
    @Override
    public String toString() {
        return "JsonChannelStore[" + files.directory() + "]";
    }
}
