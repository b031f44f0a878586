package dev.personaltracker.calendar.storage.postgres;

import com.google.crypto.tink.Aead;
import dev.personaltracker.calendar.spi.ChangeChannel;
import dev.personaltracker.calendar.spi.ChannelStore;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.UserIds;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ChannelStore} on PostgreSQL: one row per push channel in the table {@code channels}, so that whichever host
 * instance a notification reaches can check it. The channel's secret is encrypted (Tink AEAD, associated data bound to
 * the user, provider, account, calendar and channel id, so a row's secret cannot be moved to another channel); the
 * rest is readable. Obtain it from {@link PostgresStores}. Thread-safe. {@link #toString()} names only the table.
 */
public final class PostgresChannelStore implements ChannelStore {

    private static final String COLUMNS = "channel_id, user_id, provider_id, account_id, calendar_id, resource_id,"
            + " expires_at, ciphertext";

    private final Database db;
    private final RowCipher cipher;
    private final String table;

    PostgresChannelStore(Database db, Aead aead) {
        this.db = db;
        this.table = db.table("channels");
        this.cipher = new RowCipher(aead, "channels", table, List.of("provider", "account", "calendar", "channel"));
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresStoreException if the database cannot be written
     */
    @Override
    public void save(ChangeChannel channel) {
        Objects.requireNonNull(channel, "channel");
        byte[] sealed = cipher.seal(channel.account().userId(), id(channel.account(), channel.calendarId(), channel.channelId()),
                channel.secret().getBytes(StandardCharsets.UTF_8));
        db.run("save push channel " + channel.channelId(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (" + COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel_id) DO UPDATE SET user_id = excluded.user_id,"
                    + " provider_id = excluded.provider_id, account_id = excluded.account_id,"
                    + " calendar_id = excluded.calendar_id, resource_id = excluded.resource_id,"
                    + " expires_at = excluded.expires_at, ciphertext = excluded.ciphertext, updated_at = now()")) {
                s.setString(1, channel.channelId());
                s.setString(2, channel.account().userId());
                s.setString(3, channel.account().providerId());
                s.setString(4, channel.account().accountId());
                s.setString(5, channel.calendarId());
                s.setString(6, channel.resourceId());
                s.setTimestamp(7, Timestamp.from(channel.expiresAt()));
                s.setBytes(8, sealed);
                return s.executeUpdate();
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresStoreException if the database cannot be read
     * @throws PostgresDecryptionException if the row's secret does not decrypt for it
     */
    @Override
    public Optional<ChangeChannel> find(String channelId) {
        Objects.requireNonNull(channelId, "channelId");
        return select("find push channel " + channelId, " WHERE channel_id = ?", channelId).stream().findFirst();
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresStoreException if the database cannot be written
     */
    @Override
    public boolean delete(String channelId) {
        Objects.requireNonNull(channelId, "channelId");
        return db.run("delete push channel " + channelId, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE channel_id = ?")) {
                s.setString(1, channelId);
                return s.executeUpdate() > 0;
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresStoreException if the database cannot be read
     */
    @Override
    public List<ChangeChannel> forUser(String userId) {
        UserIds.require(userId);
        return select("list the push channels of user '" + userId + "'", " WHERE user_id = ? ORDER BY channel_id", userId);
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresStoreException if the database cannot be read
     */
    @Override
    public List<ChangeChannel> all() {
        return select("list the push channels", " ORDER BY channel_id", null);
    }

    private List<ChangeChannel> select(String what, String where, String parameter) {
        return db.run(what, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + where)) {
                if (parameter != null) {
                    s.setString(1, parameter);
                }
                List<ChangeChannel> out = new ArrayList<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        out.add(channel(rows));
                    }
                }
                return out;
            }
        });
    }

    private ChangeChannel channel(ResultSet rows) throws SQLException {
        String channelId = rows.getString(1);
        TokenKey account = TokenKey.of(rows.getString(2), rows.getString(3), rows.getString(4));
        String calendarId = rows.getString(5);
        byte[] secret = cipher.open(account.userId(), id(account, calendarId, channelId), rows.getBytes(8));
        return new ChangeChannel(channelId, account, calendarId, rows.getString(6), rows.getTimestamp(7).toInstant(),
                new String(secret, StandardCharsets.UTF_8));
    }

    private static List<String> id(TokenKey account, String calendarId, String channelId) {
        return List.of(account.providerId(), account.accountId(), calendarId, channelId);
    }

    /** @return the table, never a secret */
    @Override
    public String toString() {
        return "PostgresChannelStore[" + table + "]";
    }
}
