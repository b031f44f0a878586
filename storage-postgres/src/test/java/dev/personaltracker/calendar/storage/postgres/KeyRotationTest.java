package dev.personaltracker.calendar.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import com.zaxxer.hikari.HikariDataSource;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.storage.json.StoreKeys;
import dev.personaltracker.calendar.time.Interval;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Key rotation re-encrypts every row under the new primary key, keeps the content, and leaves a damaged row alone. */
class KeyRotationTest {

    private static final Instant T0 = Instant.parse("2027-01-04T09:00:00Z");
    private static final HikariDataSource POOL = TestDatabase.pool();

    @AfterAll
    static void closePool() {
        POOL.close();
    }

    @Test
    void rotate_reencryptsEveryRowUnderTheNewPrimary_andReportsADamagedRowLast() {
        String schema = TestDatabase.freshSchema("rotate");
        KeysetHandle old = StoreKeys.generate();
        PostgresStores before = PostgresStores.builder(POOL).schema(schema).keys(old).build();
        OAuthToken token = OAuthToken.of("access", Optional.of("refresh"), Optional.empty(), Set.of("s"));
        List<TokenKey> keys = new ArrayList<>();
        for (int u = 0; u < 120; u++) {
            keys.add(TokenKey.of("user-" + u, "google", "a@example.com"));
            before.tokenStore().save(keys.get(u), token);
        }
        SessionRecord session = SessionRecord.proposed("user-1", SessionKey.of("s-1"), Interval.of(T0, Duration.ofMinutes(30)), T0);
        before.historyStore().save(session);
        before.syncStateStore().save(keys.get(1), "primary", "state");
        before.profileStore().save("user-1", "doc", 0);
        before.historyStore().save(SessionRecord.proposed("user-2", SessionKey.of("damaged"), Interval.of(T0, Duration.ofMinutes(30)), T0));
        TestDatabase.execute(POOL, "UPDATE " + schema + ".history SET ciphertext = set_byte(ciphertext, 30, get_byte(ciphertext, 30) # 1)"
                + " WHERE session_key = 'damaged'");

        KeysetHandle rotated = StoreKeys.addPrimary(old);
        PostgresStores after = PostgresStores.builder(POOL).schema(schema).keys(rotated).build();
        assertThatThrownBy(after::rotate).isInstanceOfSatisfying(PostgresDecryptionException.class,
                e -> assertThat(e.record()).contains("user 'user-2'", "session 'damaged'"));

        int primary = rotated.getPrimary().getId();
        assertThat(keyIds(schema, "tokens")).hasSize(120).containsOnly(primary);
        assertThat(keyIds(schema, "sync_state")).containsOnly(primary);
        assertThat(keyIds(schema, "profiles")).containsOnly(primary);
        assertThat(keyIds(schema, "history")).containsOnly(primary, old.getPrimary().getId());
        assertThat(after.tokenStore().load(keys.get(119))).contains(token);
        assertThat(after.historyStore().find("user-1", SessionKey.of("s-1"))).contains(session);
        assertThat(after.syncStateStore().load(keys.get(1), "primary")).contains("state");
        assertThat(after.profileStore().load("user-1").orElseThrow().version()).isEqualTo(2);

        after.historyStore().delete("user-2", SessionKey.of("damaged"));
        assertThat(after.rotate()).isEqualTo(120 + 3);
    }

    /** The id of the key each row's ciphertext names (Tink's 5-byte prefix: a version byte and the key id). */
    private static List<Integer> keyIds(String schema, String table) {
        List<Integer> ids = new ArrayList<>();
        try (Connection c = POOL.getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT ciphertext FROM " + schema + "." + table)) {
            while (rows.next()) {
                ids.add(ByteBuffer.wrap(rows.getBytes(1), 1, 4).getInt());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }
}
