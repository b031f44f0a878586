package dev.personaltracker.calendar.storage.postgres;

import com.google.crypto.tink.Aead;
import dev.personaltracker.calendar.spi.SyncStateStore;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.storage.json.RecordFormat;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SyncStateStore} on PostgreSQL: one row per (user, provider, account, calendar) in the table
 * {@code sync_state} of the library's schema, each state encrypted with Tink AEAD bound to that row's owner, exactly as
 * in the JSON store (sync state may carry tokens and cached event details). Saves replace (the last writer wins, as
 * the SPI says: a state is a cache the provider can rebuild with a full sync). Obtain it from {@link PostgresStores}.
 * Thread-safe. {@link #toString()} names only the table.
 */
public final class PostgresSyncStateStore implements SyncStateStore {

    private final Database db;
    private final RowCipher cipher;
    private final String table;

    PostgresSyncStateStore(Database db, Aead aead) {
        this.db = db;
        this.table = db.table("sync_state");
        this.cipher = new RowCipher(aead, RecordFormat.SYNC, table, List.of("provider", "account", "calendar"));
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresDecryptionException if this state's row fails to decrypt
     * @throws PostgresStoreException if the database cannot be read
     */
    @Override
    public Optional<String> load(TokenKey account, String calendarId) {
        List<String> id = id(account, calendarId);
        Optional<byte[]> ciphertext = db.read("load the " + cipher.describe(account.userId(), id), c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT ciphertext FROM " + table
                    + " WHERE user_id = ? AND provider_id = ? AND account_id = ? AND calendar_id = ?")) {
                bind(s, account, calendarId);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
        return ciphertext.map(bytes -> new String(cipher.open(account.userId(), id, bytes), StandardCharsets.UTF_8));
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresStoreException if the database cannot be written
     */
    @Override
    public void save(TokenKey account, String calendarId, String state) {
        List<String> id = id(account, calendarId);
        Objects.requireNonNull(state, "state");
        byte[] sealed = cipher.seal(account.userId(), id, state.getBytes(StandardCharsets.UTF_8));
        db.run("save the " + cipher.describe(account.userId(), id), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table
                    + " (user_id, provider_id, account_id, calendar_id, ciphertext, version) VALUES (?, ?, ?, ?, ?, 1)"
                    + " ON CONFLICT (user_id, provider_id, account_id, calendar_id) DO UPDATE SET"
                    + " ciphertext = excluded.ciphertext, version = " + table + ".version + 1, updated_at = now()")) {
                bind(s, account, calendarId);
                s.setBytes(5, sealed);
                return s.executeUpdate();
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresStoreException if the database cannot be written
     */
    @Override
    public void delete(TokenKey account, String calendarId) {
        List<String> id = id(account, calendarId);
        db.run("delete the " + cipher.describe(account.userId(), id), c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table
                    + " WHERE user_id = ? AND provider_id = ? AND account_id = ? AND calendar_id = ?")) {
                bind(s, account, calendarId);
                return s.executeUpdate();
            }
        });
    }

    private static void bind(PreparedStatement s, TokenKey account, String calendarId) throws SQLException {
        s.setString(1, account.userId());
        s.setString(2, account.providerId());
        s.setString(3, account.accountId());
        s.setString(4, calendarId);
    }

    private static List<String> id(TokenKey account, String calendarId) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(calendarId, "calendarId");
        return List.of(account.providerId(), account.accountId(), calendarId);
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
        return new KeyRotation(db, cipher, List.of("user_id", "provider_id", "account_id", "calendar_id")).rotate();
    }

    /** @return the store's type and table, nothing else */
    @Override
    public String toString() {
        return "PostgresSyncStateStore[" + table + "]";
    }
}
