package dev.personaltracker.calendar.storage.postgres;

import com.google.crypto.tink.Aead;
import dev.personaltracker.calendar.spi.HistoryStore;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.StoreConflictException;
import dev.personaltracker.calendar.spi.UserIds;
import dev.personaltracker.calendar.storage.json.RecordFormat;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link HistoryStore} on PostgreSQL: one row per (user, session key) in the table {@code history} of the library's
 * schema. History describes a person's days, so a record's times, notes and event references are all in its
 * ciphertext (Tink AEAD, associated data bound to the user and session key, exactly as in the JSON store); only the
 * user and the session key are readable without the key.
 * <p>
 * <b>Several host instances.</b> {@link #update} is a read-modify-write with optimistic concurrency (a version per
 * row): when another instance changed the record in between, the transition is applied again to what is stored now,
 * so no step is lost; after {@value #MAX_ATTEMPTS} lost races in a row it throws {@link StoreConflictException}.
 * {@link #saveAll} writes all its records in one transaction: all land, or none. Concurrent updates share their
 * commits: the conditional writes that arrive while one commits go together in the next transaction (group commit,
 * see {@link GroupedWrites}), each keeping its own version check and its own outcome.
 * <p>
 * A query decrypts all of the user's rows and filters them (the times are encrypted). Obtain it from
 * {@link PostgresStores}. Thread-safe. {@link #toString()} names only the table.
 */
public final class PostgresHistoryStore implements HistoryStore {

    /** How many times {@link #update} re-applies a transition after losing a race before it gives up. */
    static final int MAX_ATTEMPTS = 32;

    private static final Logger LOG = LoggerFactory.getLogger(PostgresHistoryStore.class);
    private static final Comparator<SessionRecord> ORDER =
            Comparator.comparing((SessionRecord r) -> r.interval().start()).thenComparing(r -> r.key().value());

    private final Database db;
    private final RowCipher cipher;
    private final String table;
    private final String upsert;
    private final GroupedWrites writes;

    PostgresHistoryStore(Database db, Aead aead) {
        this.db = db;
        this.table = db.table("history");
        this.cipher = new RowCipher(aead, RecordFormat.HISTORY, table, List.of("session"));
        this.writes = new GroupedWrites(db, table);
        this.upsert = "INSERT INTO " + table + " (user_id, session_key, ciphertext, version) VALUES (?, ?, ?, 1)"
                + " ON CONFLICT (user_id, session_key) DO UPDATE SET ciphertext = excluded.ciphertext,"
                + " version = " + table + ".version + 1, updated_at = now()";
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresStoreException if the database cannot be written
     */
    @Override
    public void save(SessionRecord record) {
        Objects.requireNonNull(record, "record");
        byte[] sealed = seal(record);
        db.run("save the " + describe(record.userId(), record.key()), c -> {
            try (PreparedStatement s = c.prepareStatement(upsert)) {
                bindUpsert(s, record, sealed);
                return s.executeUpdate();
            }
        });
    }

    /**
     * {@inheritDoc}
     * <p>
     * Atomic: one transaction, so either every record is saved or, on any failure (including a lost connection), none
     * is. Records are encrypted before the transaction starts.
     *
     * @throws PostgresStoreException if the database cannot be written; the message says that nothing was written, or
     *     (if the connection broke during the commit) that the outcome is unknown and saving again is safe
     */
    @Override
    public void saveAll(Collection<SessionRecord> records) {
        Objects.requireNonNull(records, "records");
        Map<List<String>, SessionRecord> last = new LinkedHashMap<>();
        for (SessionRecord record : records) {
            Objects.requireNonNull(record, "records contains null");
            last.remove(List.of(record.userId(), record.key().value()));
            last.put(List.of(record.userId(), record.key().value()), record);
        }
        if (last.isEmpty()) {
            return;
        }
        // rows in key order, as GroupedWrites writes them: two transactions never wait on each other's rows in a cycle
        List<SessionRecord> ordered = last.values().stream()
                .sorted(Comparator.comparing(SessionRecord::userId).thenComparing(r -> r.key().value())).toList();
        List<byte[]> sealed = ordered.stream().map(this::seal).toList();
        db.transaction("save " + ordered.size() + " history records together (first: "
                + describe(ordered.get(0).userId(), ordered.get(0).key()) + ")", c -> {
            try (PreparedStatement s = c.prepareStatement(upsert)) {
                for (int i = 0; i < ordered.size(); i++) {
                    bindUpsert(s, ordered.get(i), sealed.get(i));
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
        LOG.debug("Saved {} history records in one transaction", ordered.size());
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresDecryptionException if this session's row fails to decrypt
     * @throws PostgresStoreException if the database cannot be read
     */
    @Override
    public Optional<SessionRecord> find(String userId, SessionKey key) {
        UserIds.require(userId);
        Objects.requireNonNull(key, "key");
        return read(userId, key).map(row -> decode(userId, key, row.ciphertext()));
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresDecryptionException if any of the user's rows fails to decrypt (the others stay intact and
     *     {@link #find} still reads them)
     * @throws PostgresStoreException if the database cannot be read
     */
    @Override
    public List<SessionRecord> query(String userId, Interval range) {
        UserIds.require(userId);
        Objects.requireNonNull(range, "range");
        Map<String, byte[]> rows = db.read("query the history of user '" + userId + "'", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT session_key, ciphertext FROM " + table + " WHERE user_id = ?")) {
                s.setString(1, userId);
                Map<String, byte[]> found = new LinkedHashMap<>();
                try (ResultSet result = s.executeQuery()) {
                    while (result.next()) {
                        found.put(result.getString(1), result.getBytes(2));
                    }
                }
                return found;
            }
        });
        List<SessionRecord> records = new ArrayList<>();
        rows.forEach((key, ciphertext) -> {
            SessionRecord record = decode(userId, SessionKey.of(key), ciphertext);
            if (record.interval().overlaps(range)) {
                records.add(record);
            }
        });
        records.sort(ORDER);
        return List.copyOf(records);
    }

    /**
     * {@inheritDoc}
     * <p>
     * The times are encrypted, so this decrypts every row (once per background interval, not per user).
     *
     * @throws PostgresStoreException if the database cannot be read
     * @throws PostgresDecryptionException if a row cannot be decrypted
     */
    @Override
    public java.util.Set<String> usersWithScheduledSessions(Interval range) {
        Objects.requireNonNull(range, "range");
        List<Object[]> rows = db.run("list the users with scheduled sessions", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT user_id, session_key, ciphertext FROM " + table);
                 ResultSet result = s.executeQuery()) {
                List<Object[]> found = new ArrayList<>();
                while (result.next()) {
                    found.add(new Object[] {result.getString(1), result.getString(2), result.getBytes(3)});
                }
                return found;
            }
        });
        java.util.Set<String> users = new java.util.TreeSet<>();
        for (Object[] row : rows) {
            String userId = (String) row[0];
            if (users.contains(userId)) {
                continue;
            }
            SessionRecord record = decode(userId, SessionKey.of((String) row[1]), (byte[]) row[2]);
            if (HistoryStore.scheduledDuring(record, range)) {
                users.add(userId);
            }
        }
        return users;
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresStoreException if the database cannot be written
     */
    @Override
    public boolean delete(String userId, SessionKey key) {
        UserIds.require(userId);
        Objects.requireNonNull(key, "key");
        return db.run("delete the " + describe(userId, key), c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE user_id = ? AND session_key = ?")) {
                s.setString(1, userId);
                s.setString(2, key.value());
                return s.executeUpdate() > 0;
            }
        });
    }

    /**
     * {@inheritDoc}
     * <p>
     * Optimistic concurrency: the row is read with its version and written only if the version is unchanged
     * ({@code UPDATE ... WHERE version = ?}, or an insert that fails if another writer created the row first);
     * otherwise the transition is applied again to the row as it is now.
     *
     * @throws StoreConflictException if other writers won {@value #MAX_ATTEMPTS} races in a row; nothing was written
     * @throws PostgresDecryptionException if the session's row fails to decrypt
     * @throws PostgresStoreException if the database cannot be read or written
     */
    @Override
    public SessionRecord update(String userId, SessionKey key, Function<Optional<SessionRecord>, SessionRecord> transition) {
        UserIds.require(userId);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(transition, "transition");
        long lastSeen = 0;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<VersionedRow> row = read(userId, key);
            Optional<SessionRecord> current = row.map(r -> decode(userId, key, r.ciphertext()));
            SessionRecord next = HistoryStore.requireSameRecord(userId, key, transition.apply(current));
            if (current.equals(Optional.of(next))) {
                return next;
            }
            lastSeen = row.map(VersionedRow::version).orElse(0L);
            if (writeIfUnchanged(next, lastSeen)) {
                return next;
            }
            LOG.debug("The {} changed under an update (attempt {}); applying the step again", describe(userId, key), attempt);
        }
        throw StoreConflictException.of(describe(userId, key), lastSeen, read(userId, key).map(VersionedRow::version).orElse(0L));
    }

    /**
     * Writes a record if its row still has the version read (0: if there is still no row), in one transaction with the
     * writes other threads make meanwhile (see {@link GroupedWrites}).
     */
    private boolean writeIfUnchanged(SessionRecord next, long version) {
        return writes.write(new GroupedWrites.Write(next.userId(), next.key().value(), seal(next), version,
                "save the " + describe(next.userId(), next.key())));
    }

    /** @return the grouped conditional writes (for tests) */
    GroupedWrites writes() {
        return writes;
    }

    private Optional<VersionedRow> read(String userId, SessionKey key) {
        return db.read("load the " + describe(userId, key), c -> read(c, userId, key));
    }

    private Optional<VersionedRow> read(Connection c, String userId, SessionKey key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT ciphertext, version FROM " + table
                + " WHERE user_id = ? AND session_key = ?")) {
            s.setString(1, userId);
            s.setString(2, key.value());
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(new VersionedRow(rows.getBytes(1), rows.getLong(2))) : Optional.empty();
            }
        }
    }

    private static void bindUpsert(PreparedStatement s, SessionRecord record, byte[] sealed) throws SQLException {
        s.setString(1, record.userId());
        s.setString(2, record.key().value());
        s.setBytes(3, sealed);
    }

    private byte[] seal(SessionRecord record) {
        return cipher.seal(record.userId(), List.of(record.key().value()), RecordFormat.encodeSession(record));
    }

    private SessionRecord decode(String userId, SessionKey key, byte[] ciphertext) {
        List<String> id = List.of(key.value());
        byte[] plaintext = cipher.open(userId, id, ciphertext);
        try {
            return RecordFormat.decodeSession(userId, key, plaintext);
        } catch (IOException e) {
            throw cipher.undecodable(userId, id, e);
        }
    }

    private String describe(String userId, SessionKey key) {
        return cipher.describe(userId, List.of(key.value()));
    }

    /**
     * Re-encrypts every row under the primary key of the keyset the stores were built with; see
     * {@link PostgresStores#rotate()}.
     *
     * @return the number of rows re-encrypted
     * @throws PostgresDecryptionException after rotating every other row, if some row could not be decrypted
     * @throws PostgresStoreException if the database cannot be read or written
     */
    public int rotate() {
        return new KeyRotation(db, cipher, List.of("user_id", "session_key")).rotate();
    }

    /** @return the store's type and table, nothing else */
    @Override
    public String toString() {
        return "PostgresHistoryStore[" + table + "]";
    }
}
