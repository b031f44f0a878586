package dev.personaltracker.calendar.storage.postgres;

import com.google.crypto.tink.Aead;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.TokenStore;
import dev.personaltracker.calendar.spi.UserIds;
import dev.personaltracker.calendar.storage.json.RecordFormat;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link TokenStore} on PostgreSQL: one row per (user, provider, account) in the table {@code tokens} of the
 * library's schema, the token encrypted with Tink AEAD exactly as the JSON store encrypts it (associated data bound to
 * the user, provider and account), so a database dump, or a ciphertext copied onto another user's row, is useless.
 * <p>
 * Every row has a version that each write counts up. {@link #save} replaces whatever is stored (the SPI's meaning);
 * {@link #replace} is an atomic compare-and-set for refreshed grants, safe across host instances sharing the database.
 * Obtain it from {@link PostgresStores}. Thread-safe. {@link #toString()} names only the table.
 */
public final class PostgresTokenStore implements TokenStore {

    private static final Comparator<TokenKey> ORDER = Comparator.comparing(TokenKey::providerId).thenComparing(TokenKey::accountId);

    private final Database db;
    private final RowCipher cipher;
    private final String table;

    PostgresTokenStore(Database db, Aead aead) {
        this.db = db;
        this.table = db.table("tokens");
        this.cipher = new RowCipher(aead, RecordFormat.TOKENS, table, List.of("provider", "account"));
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresStoreException if the database cannot be written
     */
    @Override
    public void save(TokenKey key, OAuthToken token) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(token, "token");
        byte[] sealed = cipher.seal(key.userId(), id(key), RecordFormat.encodeToken(token));
        db.run("save the " + describe(key), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table
                    + " (user_id, provider_id, account_id, ciphertext, version) VALUES (?, ?, ?, ?, 1)"
                    + " ON CONFLICT (user_id, provider_id, account_id) DO UPDATE SET ciphertext = excluded.ciphertext,"
                    + " version = " + table + ".version + 1, updated_at = now()")) {
                bindKey(s, key);
                s.setBytes(4, sealed);
                return s.executeUpdate();
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresDecryptionException if this token's row fails to decrypt
     * @throws PostgresStoreException if the database cannot be read
     */
    @Override
    public Optional<OAuthToken> load(TokenKey key) {
        Objects.requireNonNull(key, "key");
        return read(key).map(row -> decode(key, row.ciphertext()));
    }

    /**
     * {@inheritDoc}
     * <p>
     * Listing decrypts nothing: a damaged row is still listed, and fails when loaded.
     *
     * @throws PostgresStoreException if the database cannot be read
     */
    @Override
    public List<TokenKey> list(String userId) {
        UserIds.require(userId);
        List<TokenKey> keys = db.read("list the tokens of user '" + userId + "'", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT provider_id, account_id FROM " + table + " WHERE user_id = ?")) {
                s.setString(1, userId);
                List<TokenKey> found = new ArrayList<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        found.add(TokenKey.of(userId, rows.getString(1), rows.getString(2)));
                    }
                }
                return found;
            }
        });
        // sorted here, not by the database: its collation may differ from Java's string order
        keys.sort(ORDER);
        return List.copyOf(keys);
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresStoreException if the database cannot be written
     */
    @Override
    public boolean delete(TokenKey key) {
        Objects.requireNonNull(key, "key");
        return db.run("delete the " + describe(key), c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table
                    + " WHERE user_id = ? AND provider_id = ? AND account_id = ?")) {
                bindKey(s, key);
                return s.executeUpdate() > 0;
            }
        });
    }

    /**
     * {@inheritDoc}
     * <p>
     * Atomic across threads and host instances: the row is written only if its version is still the one whose token
     * equalled {@code expected} ({@code UPDATE ... WHERE version = ?}); if another writer changed it in between, the
     * row is read and compared again.
     *
     * @throws PostgresDecryptionException if the stored token fails to decrypt
     * @throws PostgresStoreException if the database cannot be read or written
     */
    @Override
    public boolean replace(TokenKey key, OAuthToken expected, OAuthToken updated) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(updated, "updated");
        byte[] sealed = cipher.seal(key.userId(), id(key), RecordFormat.encodeToken(updated));
        while (true) {
            Optional<VersionedRow> current = read(key);
            if (current.isEmpty() || !decode(key, current.get().ciphertext()).equals(expected)) {
                return false;
            }
            long version = current.get().version();
            boolean written = db.run("replace the " + describe(key), c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET ciphertext = ?, version = version + 1,"
                        + " updated_at = now() WHERE user_id = ? AND provider_id = ? AND account_id = ? AND version = ?")) {
                    s.setBytes(1, sealed);
                    s.setString(2, key.userId());
                    s.setString(3, key.providerId());
                    s.setString(4, key.accountId());
                    s.setLong(5, version);
                    return s.executeUpdate() == 1;
                }
            });
            if (written) {
                return true;
            }
        }
    }

    private Optional<VersionedRow> read(TokenKey key) {
        return db.read("load the " + describe(key), c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT ciphertext, version FROM " + table
                    + " WHERE user_id = ? AND provider_id = ? AND account_id = ?")) {
                bindKey(s, key);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next() ? Optional.of(new VersionedRow(rows.getBytes(1), rows.getLong(2))) : Optional.empty();
                }
            }
        });
    }

    private OAuthToken decode(TokenKey key, byte[] ciphertext) {
        byte[] plaintext = cipher.open(key.userId(), id(key), ciphertext);
        try {
            return RecordFormat.decodeToken(plaintext);
        } catch (IOException e) {
            throw cipher.undecodable(key.userId(), id(key), e);
        }
    }

    private static void bindKey(PreparedStatement s, TokenKey key) throws java.sql.SQLException {
        s.setString(1, key.userId());
        s.setString(2, key.providerId());
        s.setString(3, key.accountId());
    }

    private static List<String> id(TokenKey key) {
        return List.of(key.providerId(), key.accountId());
    }

    private String describe(TokenKey key) {
        return cipher.describe(key.userId(), id(key));
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
        return new KeyRotation(db, cipher, List.of("user_id", "provider_id", "account_id")).rotate();
    }

    /** @return the store's type and table, nothing else */
    @Override
    public String toString() {
        return "PostgresTokenStore[" + table + "]";
    }
}
