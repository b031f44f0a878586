package dev.personaltracker.calendar.storage.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.Aead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine under the three JSON stores: one file per (store, user) in a directory, holding that user's records,
 * each encrypted on its own with associated data that binds it to the store, the user and its id.
 * <p>
 * File layout (schema 1):
 * <pre>
 * {"format":"tracker-calendar-store","schema":1,"store":"tokens","user":"alice",
 *  "records":[{"id":["google","alice@example.com"],"ct":"AbC..."}]}
 * </pre>
 * Writes take the file's exclusive lock, read the current file, change their records (leaving every other
 * ciphertext as it was, decrypted or not) and replace the file atomically; concurrent writers in this JVM are
 * combined into one file write (group commit). Reads take no lock. Thread-safe.
 */
final class RecordFiles {

    private static final Logger LOG = LoggerFactory.getLogger(RecordFiles.class);

    static final String FORMAT = "tracker-calendar-store";
    static final int SCHEMA = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A record as stored: its ciphertext in base64 and the schema that wrote it. */
    private record Sealed(String ciphertext, int schema) {
    }

    /** One user's file, parsed; records in file order. */
    private static final class Document {
        final String user;
        final Map<List<String>, Sealed> records;

        Document(String user, Map<List<String>, Sealed> records) {
            this.user = user;
            this.records = records;
        }
    }

    /**
     * One pending save (plaintext present), removal (plaintext and update null) or conditional update (update present).
     * Its outcome fields are written by the thread that applies it while holding the combiner's lock, and read by its
     * owner after taking that lock.
     */
    private static final class Change {
        final Path file;
        final String user;
        final List<String> id;
        final byte[] plaintext;
        /**
         * For a read-modify-write: from the current plaintext (empty if none) to the new one (empty: leave the record as
         * it is), applied under the file's lock; null for an unconditional change.
         */
        final Function<Optional<byte[]>, Optional<byte[]>> transform;
        boolean done;
        boolean existed;
        RuntimeException failure;

        Change(Path file, String user, List<String> id, byte[] plaintext) {
            this(file, user, id, plaintext, null);
        }

        Change(Path file, String user, List<String> id, byte[] plaintext, Function<Optional<byte[]>, Optional<byte[]>> transform) {
            this.file = file;
            this.user = user;
            this.id = id;
            this.plaintext = plaintext;
            this.transform = transform;
        }

        boolean isRemoval() {
            return plaintext == null && transform == null;
        }
    }

    /** A queue of changes and the lock whose holder applies them; striped by file so users do not wait for each other. */
    private static final class Combiner {
        final ReentrantLock lock = new ReentrantLock();
        final Queue<Change> queue = new ConcurrentLinkedQueue<>();
    }

    /** A decrypted record. */
    record Opened(List<String> id, byte[] plaintext) {
    }

    private final Path directory;
    private final String store;
    private final List<String> idNames;
    private final Aead aead;
    private final Optional<LegacyFormat> legacy;
    private final Combiner[] combiners = new Combiner[64];

    /**
     * @param directory  the real path of the store's directory, not null
     * @param store  the store's name, used in file names and associated data, not null
     * @param idNames  the names of a record id's parts, for messages, not null
     * @param aead  the cipher, not null
     * @param legacy  how to read schema 0 files, if this store had them
     */
    private RecordFiles(Path directory, String store, List<String> idNames, Aead aead, Optional<LegacyFormat> legacy) {
        this.directory = directory;
        this.store = store;
        this.idNames = List.copyOf(idNames);
        this.aead = aead;
        this.legacy = legacy;
        for (int i = 0; i < combiners.length; i++) {
            combiners[i] = new Combiner();
        }
    }

    /**
     * Opens the engine of one store over a directory, creating the directory (owner-only) if needed.
     *
     * @param directory  the directory, not null
     * @param store  the store's name, not null
     * @param idNames  the names of a record id's parts, not null
     * @param aead  the cipher, not null
     * @param legacy  how to read schema 0 files, if this store had them
     * @return the engine, not null
     * @throws StorageException if the directory cannot be created
     */
    static RecordFiles open(Path directory, String store, List<String> idNames, Aead aead, Optional<LegacyFormat> legacy) {
        try {
            return new RecordFiles(AtomicFiles.ensureDirectory(directory), store, idNames, aead, legacy);
        } catch (IOException e) {
            throw new StorageException("Could not create the store directory " + directory + ": " + e.getMessage()
                    + "; check that its parent is writable", directory, e);
        }
    }

    /**
     * Obtains the exception for a record that decrypted (so it is authentic) but does not parse as its store's JSON,
     * which only a bug or a future minor version can cause.
     *
     * @param user  the user, not null
     * @param id  the record's id, not null
     * @param cause  the parse failure, not null
     * @return the exception to throw, not null
     */
    StoreCorruptedException undecodable(String user, List<String> id, IOException cause) {
        Path file = fileOf(user);
        return new StoreCorruptedException("The " + describe(user, id) + " in " + file + " is authentic but its content is not"
                + " readable by this version of the library (" + cause.getMessage() + "); upgrade the library", file, cause);
    }

    Path directory() {
        return directory;
    }

    /**
     * @param user  the user, not null
     * @return the file holding that user's records of this store (it may not exist)
     */
    Path fileOf(String user) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(user.getBytes(StandardCharsets.UTF_8));
            return directory.resolve(store + "-" + HexFormat.of().formatHex(digest, 0, 16) + ".json");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }

    /** Reads and decrypts one record. */
    Optional<byte[]> get(String user, List<String> id) {
        Path file = fileOf(user);
        Optional<Document> document = readDocument(file, user);
        return document.flatMap(d -> Optional.ofNullable(d.records.get(id)).map(s -> open(file, user, id, s)));
    }

    /** Reads and decrypts all of a user's records, in file order. */
    List<Opened> getAll(String user) {
        Path file = fileOf(user);
        List<Opened> all = new ArrayList<>();
        readDocument(file, user).ifPresent(d -> d.records.forEach((id, sealed) -> all.add(new Opened(id, open(file, user, id, sealed)))));
        return all;
    }

    /**
     * Reads and decodes all of a user's records, in file order, reusing what {@code cache} decoded from the same file
     * bytes (nothing is parsed or decrypted when the file is unchanged) or from the same record ciphertexts (only
     * records written since are decrypted).
     *
     * @param decoder  from a record's id and plaintext to its value
     */
    <T> List<DecodedRecords.Decoded<T>> getAll(String user, DecodedRecords<T> cache,
            BiFunction<List<String>, byte[], T> decoder) {
        Path file = fileOf(user);
        Optional<byte[]> bytes = readBytes(file);
        if (bytes.isEmpty()) {
            cache.forget(user);
            return List.of();
        }
        Optional<DecodedRecords.Entry<T>> known = cache.get(user);
        if (known.isPresent() && Arrays.equals(known.get().bytes(), bytes.get())) {
            return known.get().records();
        }
        Document document = parsed(file, bytes.get(), user);
        Map<DecodedRecords.Sealing, T> previous = known.map(DecodedRecords.Entry::bySealing).orElse(Map.of());
        Map<DecodedRecords.Sealing, T> bySealing = new HashMap<>();
        List<DecodedRecords.Decoded<T>> records = new ArrayList<>(document.records.size());
        document.records.forEach((id, sealed) -> {
            DecodedRecords.Sealing sealing = new DecodedRecords.Sealing(id, sealed);
            T value = previous.get(sealing);
            if (value == null) {
                value = decoder.apply(id, open(file, user, id, sealed));
            }
            bySealing.put(sealing, value);
            records.add(new DecodedRecords.Decoded<>(id, value));
        });
        List<DecodedRecords.Decoded<T>> all = List.copyOf(records);
        cache.put(user, new DecodedRecords.Entry<>(bytes.get(), all, bySealing));
        return all;
    }

    /**
     * Reads and decodes one record through {@code cache} as {@link #getAll(String, DecodedRecords, BiFunction)} does;
     * if another of the user's records fails to decrypt or to decode, this one is still read on its own (and fails
     * only if it is damaged itself).
     */
    <T> Optional<T> get(String user, List<String> id, DecodedRecords<T> cache,
            BiFunction<List<String>, byte[], T> decoder) {
        List<DecodedRecords.Decoded<T>> all;
        try {
            all = getAll(user, cache, decoder);
        } catch (RecordDecryptionException | StoreCorruptedException damaged) {
            return get(user, id).map(plaintext -> decoder.apply(id, plaintext));
        }
        for (DecodedRecords.Decoded<T> r : all) {
            if (r.id().equals(id)) {
                return Optional.of(r.value());
            }
        }
        return Optional.empty();
    }

    /** Lists the ids of a user's records without decrypting them, in file order. */
    List<List<String>> ids(String user) {
        return readDocument(fileOf(user), user).map(d -> List.copyOf(d.records.keySet())).orElse(List.of());
    }

    /** Encrypts and stores one record, replacing any record with the same id; durable when it returns. */
    void put(String user, List<String> id, byte[] plaintext) {
        commit(List.of(new Change(fileOf(user), user, List.copyOf(id), plaintext)));
    }

    /**
     * Encrypts and stores many records of one user with a single file write; durable when it returns.
     *
     * @param user  the user, not null
     * @param records  id to plaintext, in the order to apply, not null
     */
    void putAll(String user, Map<List<String>, byte[]> records) {
        Path file = fileOf(user);
        List<Change> changes = new ArrayList<>(records.size());
        records.forEach((id, plaintext) -> changes.add(new Change(file, user, List.copyOf(id), plaintext)));
        commit(changes);
    }

    /**
     * Reads, transforms and stores one record under the file's lock, so atomically against every writer in this JVM
     * and in other processes; durable when it returns. The transform runs once; an exception it throws fails only this
     * change, and nothing of it is written.
     *
     * @param user  the user, not null
     * @param id  the record's id, not null
     * @param transform  from the current plaintext (empty if none) to the new plaintext (empty: leave it), not null
     * @return true if a new plaintext was stored
     */
    boolean update(String user, List<String> id, Function<Optional<byte[]>, Optional<byte[]>> transform) {
        Change change = new Change(fileOf(user), user, List.copyOf(id), null, transform);
        commit(List.of(change));
        return change.existed;
    }

    /** Removes one record; durable when it returns. */
    boolean remove(String user, List<String> id) {
        Change change = new Change(fileOf(user), user, List.copyOf(id), null);
        commit(List.of(change));
        return change.existed;
    }

    /**
     * Applies changes durably, combining them with the changes other threads are waiting to make (group commit):
     * whoever holds a combiner's lock applies every queued change, one file write and fsync per file for the whole
     * batch, and each caller returns once its own changes are on disk. The file lock is taken for each file as for a
     * single write, so other processes are excluded just the same.
     *
     * @param changes  changes to one file, not empty
     */
    private void commit(List<Change> changes) {
        Combiner combiner = combiners[Math.floorMod(changes.get(0).file.hashCode(), combiners.length)];
        combiner.queue.addAll(changes);
        combiner.lock.lock();
        try {
            if (!changes.get(changes.size() - 1).done) {
                Map<Path, List<Change>> batch = new LinkedHashMap<>();
                for (Change queued; (queued = combiner.queue.poll()) != null; ) {
                    batch.computeIfAbsent(queued.file, f -> new ArrayList<>()).add(queued);
                }
                try {
                    batch.forEach(this::applyAll);
                } finally {
                    // an Error thrown for one file must not let the owners of the others return as if saved
                    batch.values().forEach(unapplied -> unapplied.stream().filter(c -> !c.done).forEach(c -> {
                        c.failure = new StorageException("A change to " + c.file + " was not applied because the write of another"
                                + " file failed; try again", c.file, null);
                        c.done = true;
                    }));
                }
            }
        } finally {
            combiner.lock.unlock();
        }
        for (Change change : changes) {
            if (change.failure != null) {
                throw change.failure;
            }
        }
    }

    /** Applies changes to one file, in order, with one write; marks each done, or failed if the write failed. */
    private void applyAll(Path file, List<Change> changes) {
        try {
            locked(file, () -> {
                String user = changes.get(0).user;
                Optional<Document> current = readDocument(file, user);
                Document document = current.orElseGet(() -> new Document(user, new LinkedHashMap<>()));
                boolean modified = false;
                for (Change change : changes) {
                    if (change.transform != null) {
                        Optional<byte[]> next = transformed(file, user, change, document.records.get(change.id));
                        if (next.isPresent()) {
                            document.records.put(change.id, new Sealed(seal(user, change.id, next.get()), SCHEMA));
                            modified = true;
                        }
                        continue;
                    }
                    if (change.plaintext == null) {
                        change.existed = document.records.remove(change.id) != null;
                        modified |= change.existed;
                    } else {
                        document.records.put(change.id, new Sealed(seal(user, change.id, change.plaintext), SCHEMA));
                        change.existed = true;
                        modified = true;
                    }
                }
                if (modified) {
                    write(file, document);
                }
                return null;
            });
            for (Change change : changes) {
                change.done = true;
                if (change.failure == null) {
                    LOG.debug("{} {} in {}", change.isRemoval() ? "Deleted" : "Saved", describe(change.user, change.id), file.getFileName());
                }
            }
        } catch (RuntimeException failure) {
            for (Change change : changes) {
                change.failure = failure;
                change.done = true;
            }
        }
    }

    /**
     * Applies a read-modify-write change to the record stored now; a record that fails to decrypt, or a transform that
     * throws, fails only this change, never the others combined into the same write.
     */
    private Optional<byte[]> transformed(Path file, String user, Change change, Sealed current) {
        try {
            Optional<byte[]> next = change.transform.apply(current == null ? Optional.empty() : Optional.of(open(file, user, change.id, current)));
            change.existed = next.isPresent();
            return next;
        } catch (RuntimeException e) {
            change.existed = false;
            change.failure = e;
            return Optional.empty();
        }
    }

    /**
     * Re-encrypts every record of this store under the cipher's current primary key (and upgrades schema 0 files).
     * A file with a record that cannot be decrypted is left exactly as it was; the others are still rotated, and the
     * first failure is thrown at the end.
     *
     * @return the number of records re-encrypted
     */
    int rotate() {
        int rotated = 0;
        int skippedFiles = 0;
        RecordDecryptionException first = null;
        for (Path file : files()) {
            try {
                rotated += locked(file, () -> {
                    Optional<Document> document = readDocument(file, null);
                    if (document.isEmpty()) {
                        return 0;
                    }
                    Document d = document.get();
                    Map<List<String>, Sealed> fresh = new LinkedHashMap<>();
                    d.records.forEach((id, sealed) -> fresh.put(id, new Sealed(seal(d.user, id, open(file, d.user, id, sealed)), SCHEMA)));
                    write(file, new Document(d.user, fresh));
                    return fresh.size();
                });
            } catch (RecordDecryptionException failure) {
                skippedFiles++;
                first = first == null ? failure : first;
            }
        }
        LOG.info("Re-encrypted {} {} records under the primary key in {}; {} files left unchanged", rotated, store, directory, skippedFiles);
        if (first != null) {
            throw new RecordDecryptionException(skippedFiles + " file(s) of the " + store + " store were left under their old key because a record"
                    + " could not be decrypted, first " + first.record() + " in " + first.file()
                    + "; restore that file or remove the record, then rotate again", first.file(), first.record(), first);
        }
        return rotated;
    }

    /**
     * Lists the users that have a file in this store, read from the files themselves (their names are hashes). A file
     * that cannot be parsed is left out with a warning naming it; reading that user's records raises the typed error.
     *
     * @return the users, sorted, not null
     */
    List<String> users() {
        List<String> users = new ArrayList<>();
        for (Path file : files()) {
            try {
                readDocument(file, null).ifPresent(d -> users.add(d.user));
            } catch (StoreCorruptedException e) {
                LOG.warn("Left {} out of the {} store's users: {}", file, store, e.getMessage());
            }
        }
        users.sort(null);
        return users;
    }

    /** Lists this store's files in the directory. */
    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, store + "-*.json")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new StorageException("Could not list the " + store + " store directory " + directory + ": " + e.getMessage()
                    + "; check that it exists and is readable", directory, e);
        }
        files.sort(null);
        return files;
    }

    private <T> T locked(Path file, AtomicFiles.LockedWork<T> work) {
        try {
            return AtomicFiles.withLock(file, work);
        } catch (IOException e) {
            throw new StorageException("Could not write " + file + ": " + e.getMessage()
                    + "; check that the directory is writable and has free space", file, e);
        }
    }

    /** Writes a document as schema 1, upgrading schema 0 records first; an emptied document deletes the file. */
    private void write(Path file, Document document) throws IOException {
        if (document.records.isEmpty()) {
            AtomicFiles.delete(file);
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + document.records.size() * 256);
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            json.writeNumberField("schema", SCHEMA);
            json.writeStringField("store", store);
            json.writeStringField("user", document.user);
            json.writeArrayFieldStart("records");
            for (Map.Entry<List<String>, Sealed> entry : document.records.entrySet()) {
                List<String> id = entry.getKey();
                Sealed sealed = entry.getValue();
                String ciphertext = sealed.schema == SCHEMA ? sealed.ciphertext : seal(document.user, id, open(file, document.user, id, sealed));
                json.writeStartObject();
                json.writeArrayFieldStart("id");
                for (String part : id) {
                    json.writeString(part);
                }
                json.writeEndArray();
                json.writeStringField("ct", ciphertext);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        AtomicFiles.replace(file, out.toByteArray());
    }

    /**
     * Reads and parses a user's file.
     *
     * @param expectedUser  the user the file must belong to, or null to accept whichever user it names
     */
    private Optional<Document> readDocument(Path file, String expectedUser) {
        return readBytes(file).map(bytes -> parsed(file, bytes, expectedUser));
    }

    private static Optional<byte[]> readBytes(Path file) {
        try {
            return AtomicFiles.read(file);
        } catch (IOException e) {
            throw new StorageException("Could not read " + file + ": " + e.getMessage() + "; check its permissions", file, e);
        }
    }

    /** Parses a user's file; {@code expectedUser} null accepts whichever user it names. */
    private Document parsed(Path file, byte[] bytes, String expectedUser) {
        Document document = parse(file, bytes);
        if (expectedUser != null && !document.user.equals(expectedUser)) {
            throw corrupted(file, "belongs to another user than the one its name was derived from", null);
        }
        return document;
    }

    private Document parse(Path file, byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw corrupted(file, "is not valid JSON (truncated or overwritten?)", e);
        }
        if (root == null || !root.isObject()) {
            throw corrupted(file, "is not a JSON object", null);
        }
        if (!root.has("schema") && !root.has("format")) {
            if (legacy.isEmpty()) {
                throw corrupted(file, "has no schema field", null);
            }
            return parseLegacy(file, root, legacy.get());
        }
        if (!FORMAT.equals(root.path("format").asText()) || !root.path("schema").isInt()) {
            throw corrupted(file, "is not a " + FORMAT + " file", null);
        }
        int schema = root.get("schema").intValue();
        if (schema != SCHEMA) {
            throw corrupted(file, "has schema " + schema + " but this version of the library reads schema " + SCHEMA
                    + " (a newer library wrote it?)", null);
        }
        if (!store.equals(root.path("store").asText())) {
            throw corrupted(file, "belongs to the '" + root.path("store").asText() + "' store, not '" + store + "'", null);
        }
        String user = text(file, root, "user");
        JsonNode records = root.path("records");
        if (!records.isArray()) {
            throw corrupted(file, "has no records array", null);
        }
        Map<List<String>, Sealed> sealed = new LinkedHashMap<>();
        for (JsonNode record : records) {
            JsonNode idNode = record.path("id");
            if (!idNode.isArray() || idNode.size() != idNames.size()) {
                throw corrupted(file, "has a record without a valid id", null);
            }
            List<String> id = new ArrayList<>(idNames.size());
            for (JsonNode part : idNode) {
                if (!part.isTextual()) {
                    throw corrupted(file, "has a record without a valid id", null);
                }
                id.add(part.textValue());
            }
            sealed.put(List.copyOf(id), new Sealed(text(file, record, "ct"), SCHEMA));
        }
        return new Document(user, sealed);
    }

    private Document parseLegacy(Path file, JsonNode root, LegacyFormat format) {
        String user = text(file, root, "user");
        JsonNode records = root.path("records");
        if (!records.isArray()) {
            throw corrupted(file, "has no records array", null);
        }
        Map<List<String>, Sealed> sealed = new LinkedHashMap<>();
        try {
            for (JsonNode record : records) {
                sealed.put(List.copyOf(format.id(record)), new Sealed(format.ciphertext(record), 0));
            }
        } catch (IllegalArgumentException e) {
            throw corrupted(file, "has a schema 0 record that lacks a field: " + e.getMessage(), e);
        }
        return new Document(user, sealed);
    }

    private String text(Path file, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw corrupted(file, "lacks the text field '" + field + "'", null);
        }
        return value.textValue();
    }

    private StoreCorruptedException corrupted(Path file, String what, Throwable cause) {
        LOG.warn("The {} store file {} {}", store, file, what);
        return new StoreCorruptedException("The " + store + " store file " + file + " " + what
                + "; it is left untouched: restore it from a backup or move it aside", file, cause);
    }

    private String seal(String user, List<String> id, byte[] plaintext) {
        try {
            return Base64.getEncoder().encodeToString(aead.encrypt(plaintext, associatedData(user, id)));
        } catch (GeneralSecurityException e) {
            throw new StorageException("Could not encrypt " + describe(user, id) + ": " + e.getClass().getSimpleName()
                    + "; check the key handed to the store", fileOf(user), e);
        }
    }

    private byte[] open(Path file, String user, List<String> id, Sealed sealed) {
        try {
            byte[] ciphertext = Base64.getDecoder().decode(sealed.ciphertext);
            if (sealed.schema == SCHEMA) {
                return aead.decrypt(ciphertext, associatedData(user, id));
            }
            LegacyFormat format = legacy.orElseThrow();
            return format.upgrade(aead.decrypt(ciphertext, format.associatedData(user, id)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            String record = describe(user, id);
            LOG.warn("Could not decrypt {} in {}", record, file);
            throw new RecordDecryptionException("Could not decrypt " + record + " in " + file
                    + ": it was altered, truncated or copied from another record, or the store has the wrong key."
                    + " The other records are unaffected; restore the file from a backup or delete the record", file, record, e);
        } catch (IOException e) {
            String record = describe(user, id);
            throw new StoreCorruptedException("The schema 0 " + record + " in " + file + " decrypted but is not what schema 0 wrote;"
                    + " restore the file from a backup or delete the record", file, e);
        }
    }

    /** Associated data of schema 1; see {@link RecordFormat#associatedData}. */
    private byte[] associatedData(String user, List<String> id) {
        return RecordFormat.associatedData(store, user, id);
    }

    /** Names a record by its owner and id, for messages and logs; never its content. */
    String describe(String user, List<String> id) {
        StringBuilder text = new StringBuilder(store).append(" record (user '").append(user).append('\'');
        for (int i = 0; i < id.size(); i++) {
            text.append(", ").append(idNames.get(i)).append(" '").append(id.get(i)).append('\'');
        }
        return text.append(')').toString();
    }

    @Override
    public String toString() {
        return store + " files in " + directory;
    }

}
