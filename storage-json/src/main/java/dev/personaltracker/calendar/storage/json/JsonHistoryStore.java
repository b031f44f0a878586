package dev.personaltracker.calendar.storage.json;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.spi.HistoryStore;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.UserIds;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link HistoryStore} on encrypted JSON files: one file per user in a directory the host chooses, each session
 * record encrypted with AES256_GCM (Tink AEAD) and bound by its associated data to its user and session key.
 * History describes a person's days, so its times, notes and event references are all encrypted.
 * <p>
 * Every read reads the user's file once; the records decoded from it are kept for the users read last, so a read
 * that finds the file's bytes unchanged parses and decrypts nothing, and after a write (by any thread or process)
 * only the records written since are decrypted (see {@link DecodedRecords}). Nothing but the session keys is
 * readable without the key. Writes are durable when they return and exclude concurrent writers across
 * threads and processes; reads take no lock; damage raises {@link StoreCorruptedException} or
 * {@link RecordDecryptionException} and never destroys other records, exactly as in {@link JsonTokenStore}.
 * Thread-safe.
 */
public final class JsonHistoryStore implements HistoryStore {

    private static final Logger LOG = LoggerFactory.getLogger(JsonHistoryStore.class);

    static final String STORE = "history";

    private static final Comparator<SessionRecord> ORDER =
            Comparator.comparing((SessionRecord r) -> r.interval().start()).thenComparing(r -> r.key().value());

    private final RecordFiles files;
    private final DecodedRecords<SessionRecord> decoded = new DecodedRecords<>(DecodedRecords.DEFAULT_CAPACITY);

    private JsonHistoryStore(RecordFiles files) {
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
    public static JsonHistoryStore open(Path directory, KeysetHandle keys) {
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
    public static JsonHistoryStore open(Path directory, Aead aead) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(aead, "aead");
        return new JsonHistoryStore(RecordFiles.open(directory, STORE, List.of("session"), aead, Optional.empty()));
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreCorruptedException if the user's file is damaged; it is left untouched
     * @throws StorageException if the file cannot be written
     */
    @Override
    public void save(SessionRecord record) {
        Objects.requireNonNull(record, "record");
        files.put(record.userId(), List.of(record.key().value()), SessionCodec.encode(record));
    }

    /**
     * Saves many records, replacing records with the same user and key, with one file write per user: for importing
     * history, far faster than saving one record at a time. Durable when it returns. Users are written one after
     * another, so a failure may leave the records of the users before it saved.
     *
     * @param records  the records, in the order to apply (a later record with the same user and key wins), not null
     * @throws StoreCorruptedException if a user's file is damaged; it is left untouched
     * @throws StorageException if a file cannot be written
     */
    @Override
    public void saveAll(Collection<SessionRecord> records) {
        Objects.requireNonNull(records, "records");
        Map<String, Map<List<String>, byte[]>> byUser = new LinkedHashMap<>();
        for (SessionRecord record : records) {
            Objects.requireNonNull(record, "records contains null");
            byUser.computeIfAbsent(record.userId(), u -> new LinkedHashMap<>()).put(List.of(record.key().value()), SessionCodec.encode(record));
        }
        byUser.forEach(files::putAll);
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreCorruptedException if the user's file is damaged
     * @throws RecordDecryptionException if this session's record fails to decrypt
     */
    @Override
    public Optional<SessionRecord> find(String userId, SessionKey key) {
        UserIds.require(userId);
        Objects.requireNonNull(key, "key");
        return files.get(userId, List.of(key.value()), decoded, (id, plaintext) -> decode(userId, id, plaintext));
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreCorruptedException if the user's file is damaged
     * @throws RecordDecryptionException if any of the user's records fails to decrypt (the others stay intact and
     *     {@link #find} still reads them)
     */
    @Override
    public List<SessionRecord> query(String userId, Interval range) {
        UserIds.require(userId);
        Objects.requireNonNull(range, "range");
        return all(userId).stream()
                .map(DecodedRecords.Decoded::value)
                .filter(r -> r.interval().overlaps(range))
                .sorted(ORDER)
                .toList();
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreCorruptedException if the user's file is damaged; it is left untouched
     * @throws StorageException if the file cannot be written
     */
    @Override
    public boolean delete(String userId, SessionKey key) {
        UserIds.require(userId);
        Objects.requireNonNull(key, "key");
        return files.remove(userId, List.of(key.value()));
    }

    /**
     * {@inheritDoc}
     * <p>
     * Atomic across threads and processes: the transition is first applied to the record as read now (without a
     * lock); if it leaves the record as it is, that is the answer and nothing is written. Otherwise the record is
     * read, transformed again and written under the file's lock, so a transition that changes the record runs twice.
     *
     * @throws StoreCorruptedException if the user's file is damaged; it is left untouched
     * @throws RecordDecryptionException if the session's record fails to decrypt; nothing is written
     * @throws StorageException if the file cannot be written
     */
    @Override
    public SessionRecord update(String userId, SessionKey key, Function<Optional<SessionRecord>, SessionRecord> transition) {
        UserIds.require(userId);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(transition, "transition");
        Optional<SessionRecord> now = find(userId, key);
        SessionRecord unchanged = HistoryStore.requireSameRecord(userId, key, transition.apply(now));
        if (now.equals(Optional.of(unchanged))) {
            return unchanged;   // as of this read the step changes nothing: a settle that finds all as recorded
        }
        List<String> id = List.of(key.value());
        AtomicReference<SessionRecord> result = new AtomicReference<>();
        files.update(userId, id, stored -> {
            Optional<SessionRecord> current = stored.map(plaintext -> decode(userId, id, plaintext));
            SessionRecord next = HistoryStore.requireSameRecord(userId, key, transition.apply(current));
            result.set(next);
            return current.equals(Optional.of(next)) ? Optional.empty() : Optional.of(SessionCodec.encode(next));
        });
        return result.get();
    }

    /**
     * {@inheritDoc}
     * <p>
     * Reads every user's file in the directory (the user is named inside it) and decrypts its records: meant for a
     * background reconciler's once-per-interval listing, not for every request. A user whose file is damaged or holds
     * a record that fails to decrypt is left out with a warning naming the file, so that one damaged file does not stop
     * everyone else's background work; that user's own reads raise the typed error.
     *
     * @throws StorageException if the directory cannot be listed
     */
    @Override
    public Set<String> usersWithScheduledSessions(Interval range) {
        Objects.requireNonNull(range, "range");
        Set<String> users = new TreeSet<>();
        for (String userId : files.users()) {
            List<DecodedRecords.Decoded<SessionRecord>> records;
            try {
                records = all(userId);
            } catch (StoreCorruptedException | RecordDecryptionException e) {
                // one person's damaged file must not stop the background work of everyone else; their own reads
                // raise this typed error, and the warning names the file
                LOG.warn("Left user {} out of the users with scheduled sessions: {}", userId, e.getMessage());
                continue;
            }
            if (records.stream().map(DecodedRecords.Decoded::value)
                    .anyMatch(r -> HistoryStore.scheduledDuring(r, range))) {
                users.add(userId);
            }
        }
        return users;
    }

    /**
     * Re-encrypts every record under the primary key of the keyset the store was opened with.
     *
     * @return the number of records re-encrypted
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

    private List<DecodedRecords.Decoded<SessionRecord>> all(String userId) {
        return files.getAll(userId, decoded, (id, plaintext) -> decode(userId, id, plaintext));
    }

    private SessionRecord decode(String userId, List<String> id, byte[] plaintext) {
        try {
            return SessionCodec.decode(userId, SessionKey.of(id.get(0)), plaintext);
        } catch (IOException | IllegalArgumentException e) {
            throw files.undecodable(userId, id, e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
    }

    /** The file that holds a user's records (it may not exist); for tests and tools. */
    Path fileOf(String userId) {
        return files.fileOf(userId);
    }

    /** @return the store's type and directory, nothing else */
    @Override
    public String toString() {
        return "JsonHistoryStore[" + files.directory() + "]";
    }
}
