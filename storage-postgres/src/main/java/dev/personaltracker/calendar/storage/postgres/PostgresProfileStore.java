package dev.personaltracker.calendar.storage.postgres;

import com.google.crypto.tink.Aead;
import dev.personaltracker.calendar.spi.ProfileStore;
import dev.personaltracker.calendar.spi.StoreConflictException;
import dev.personaltracker.calendar.spi.StoredProfile;
import dev.personaltracker.calendar.spi.UserIds;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ProfileStore} on PostgreSQL: one row per user in the table {@code profiles} of the library's schema, the
 * document encrypted with Tink AEAD bound to the user (as every other row), with the version the SPI's compare-and-set
 * {@link #save} checks in the same statement that writes ({@code UPDATE ... WHERE version = ?}), so two host
 * instances saving the same person's settings never lose an update: one wins, the other gets
 * {@link StoreConflictException}. Obtain it from {@link PostgresStores}. Thread-safe. {@link #toString()} names only
 * the table.
 */
public final class PostgresProfileStore implements ProfileStore {

    /** The store name in the associated data of profile rows. */
    static final String STORE = "profiles";
    private static final long WRITTEN = -1;

    private final Database db;
    private final RowCipher cipher;
    private final String table;

    PostgresProfileStore(Database db, Aead aead) {
        this.db = db;
        this.table = db.table("profiles");
        this.cipher = new RowCipher(aead, STORE, table, List.of());
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresDecryptionException if the user's row fails to decrypt
     * @throws PostgresStoreException if the database cannot be read
     */
    @Override
    public Optional<StoredProfile> load(String userId) {
        UserIds.require(userId);
        return db.read("load the " + describe(userId), c -> read(c, userId))
                .map(row -> new StoredProfile(userId, new String(cipher.open(userId, List.of(), row.ciphertext()), StandardCharsets.UTF_8),
                        row.version()));
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresStoreException if the database cannot be written
     */
    @Override
    public long save(String userId, String document, long expectedVersion) {
        ProfileStore.requireSave(userId, document, expectedVersion);
        byte[] sealed = cipher.seal(userId, List.of(), document.getBytes(StandardCharsets.UTF_8));
        // WRITTEN if the row was written, else the version stored now (which may even equal the expected one again,
        // if the row was deleted and created anew in between: still a conflict)
        long actual = db.run("save the " + describe(userId), c -> {
            String sql = expectedVersion == 0
                    ? "INSERT INTO " + table + " (user_id, ciphertext, version) VALUES (?, ?, 1) ON CONFLICT (user_id) DO NOTHING"
                    : "UPDATE " + table + " SET ciphertext = ?, version = version + 1, updated_at = now() WHERE user_id = ? AND version = ?";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (expectedVersion == 0) {
                    s.setString(1, userId);
                    s.setBytes(2, sealed);
                } else {
                    s.setBytes(1, sealed);
                    s.setString(2, userId);
                    s.setLong(3, expectedVersion);
                }
                if (s.executeUpdate() == 1) {
                    return WRITTEN;
                }
            }
            return read(c, userId).map(VersionedRow::version).orElse(0L);
        });
        if (actual != WRITTEN) {
            throw StoreConflictException.of(describe(userId), expectedVersion, actual);
        }
        return expectedVersion + 1;
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresStoreException if the database cannot be written
     */
    @Override
    public boolean delete(String userId) {
        UserIds.require(userId);
        return db.run("delete the " + describe(userId), c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE user_id = ?")) {
                s.setString(1, userId);
                return s.executeUpdate() > 0;
            }
        });
    }

    private Optional<VersionedRow> read(Connection c, String userId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT ciphertext, version FROM " + table + " WHERE user_id = ?")) {
            s.setString(1, userId);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(new VersionedRow(rows.getBytes(1), rows.getLong(2))) : Optional.empty();
            }
        }
    }

    private String describe(String userId) {
        return cipher.describe(userId, List.of());
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
        return new KeyRotation(db, cipher, List.of("user_id")).rotate();
    }

    /** @return the store's type and table, nothing else */
    @Override
    public String toString() {
        return "PostgresProfileStore[" + table + "]";
    }
}
