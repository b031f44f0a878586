package dev.personaltracker.calendar.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.personaltracker.calendar.spi.ChangeChannel;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.StoredProfile;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.storage.json.StoreKeys;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Someone with write access to the database (or a restored dump) alters rows: a ciphertext copied onto another
 * user's row or another id of the same user, a flipped byte, a truncated ciphertext, stores opened with the wrong key.
 * Each read of a damaged row fails with {@link PostgresDecryptionException} naming that row; every other row stays
 * readable and nothing secret is in the message.
 */
class TamperTest {

    private static final Instant T0 = Instant.parse("2027-01-04T09:00:00Z");
    private static final String SCHEMA = TestDatabase.freshSchema("tamper");
    private static final HikariDataSource POOL = TestDatabase.pool();
    private static final PostgresStores STORES = PostgresStores.builder(POOL).schema(SCHEMA).aead(TestDatabase.aead()).build();

    private static final TokenKey ALICE = TokenKey.of("alice", "google", "alice@example.com");
    private static final TokenKey BOB = TokenKey.of("bob", "google", "bob@example.com");
    private static final TokenKey ALICE_WORK = TokenKey.of("alice", "outlook", "alice@work.example");

    @AfterAll
    static void closePool() {
        POOL.close();
    }

    @BeforeEach
    void fill() {
        TestDatabase.truncate(POOL, SCHEMA);
        STORES.tokenStore().save(ALICE, token("alice-secret"));
        STORES.tokenStore().save(ALICE_WORK, token("alice-work-secret"));
        STORES.tokenStore().save(BOB, token("bob-secret"));
        STORES.historyStore().save(session("alice", "s-1"));
        STORES.historyStore().save(session("alice", "s-2"));
        STORES.historyStore().save(session("bob", "s-1"));
        STORES.syncStateStore().save(ALICE, "primary", "alice-sync");
        STORES.syncStateStore().save(ALICE, "work", "alice-work-sync");
        STORES.profileStore().save("alice", "alice-settings", 0);
        STORES.profileStore().save("bob", "bob-settings", 0);
    }

    private static OAuthToken token(String access) {
        return OAuthToken.of(access, Optional.of("refresh-" + access), Optional.empty(), Set.of("s"));
    }

    private static SessionRecord session(String user, String key) {
        return SessionRecord.proposed(user, SessionKey.of(key), Interval.of(T0, Duration.ofMinutes(45)), T0.minus(Duration.ofDays(1)));
    }

    private static void sql(String statement) {
        TestDatabase.execute(POOL, statement.replace("$s", SCHEMA));
    }

    @Test
    void tokenCopiedOntoAnotherUsersRow_failsForThatRowOnly() {
        sql("UPDATE $s.tokens SET ciphertext = (SELECT ciphertext FROM $s.tokens WHERE user_id = 'alice' AND provider_id = 'google')"
                + " WHERE user_id = 'bob'");

        assertThatThrownBy(() -> STORES.tokenStore().load(BOB))
                .isInstanceOfSatisfying(PostgresDecryptionException.class, e -> {
                    assertThat(e.record()).contains("user 'bob'", "provider 'google'", "account 'bob@example.com'");
                    assertThat(e.getMessage()).contains(SCHEMA + ".tokens").doesNotContain("alice-secret", "bob-secret");
                });
        assertThat(STORES.tokenStore().load(ALICE)).contains(token("alice-secret"));
        assertThat(STORES.tokenStore().load(ALICE_WORK)).contains(token("alice-work-secret"));
        assertThat(STORES.tokenStore().list("bob")).containsExactly(BOB);
        // the damaged row can be replaced by a fresh grant
        STORES.tokenStore().save(BOB, token("bob-new"));
        assertThat(STORES.tokenStore().load(BOB)).contains(token("bob-new"));
    }

    @Test
    void tokenCopiedOntoAnotherAccountOfTheSameUser_fails() {
        sql("UPDATE $s.tokens SET ciphertext = (SELECT ciphertext FROM $s.tokens WHERE user_id = 'alice' AND provider_id = 'google')"
                + " WHERE user_id = 'alice' AND provider_id = 'outlook'");

        assertThatThrownBy(() -> STORES.tokenStore().load(ALICE_WORK))
                .isInstanceOfSatisfying(PostgresDecryptionException.class, e -> assertThat(e.record()).contains("provider 'outlook'"));
        assertThatThrownBy(() -> STORES.tokenStore().replace(ALICE_WORK, token("alice-work-secret"), token("x")))
                .isInstanceOf(PostgresDecryptionException.class);
        assertThat(STORES.tokenStore().load(ALICE)).contains(token("alice-secret"));
    }

    @Test
    void historyRowWithAFlippedByte_failsForThatSession_othersIntact() {
        sql("UPDATE $s.history SET ciphertext = set_byte(ciphertext, 20, get_byte(ciphertext, 20) # 1)"
                + " WHERE user_id = 'alice' AND session_key = 's-2'");

        assertThatThrownBy(() -> STORES.historyStore().find("alice", SessionKey.of("s-2")))
                .isInstanceOfSatisfying(PostgresDecryptionException.class, e -> assertThat(e.record()).contains("user 'alice'", "session 's-2'"));
        assertThatThrownBy(() -> STORES.historyStore().query("alice", Interval.of(T0, Duration.ofDays(1))))
                .isInstanceOf(PostgresDecryptionException.class).hasMessageContaining("s-2");
        assertThatThrownBy(() -> STORES.historyStore().update("alice", SessionKey.of("s-2"), Optional::orElseThrow))
                .isInstanceOf(PostgresDecryptionException.class);
        assertThat(STORES.historyStore().find("alice", SessionKey.of("s-1"))).contains(session("alice", "s-1"));
        assertThat(STORES.historyStore().query("bob", Interval.of(T0, Duration.ofDays(1)))).containsExactly(session("bob", "s-1"));
    }

    @Test
    void historyRowCopiedOntoAnotherUser_andTruncatedRow_fail() {
        sql("UPDATE $s.history SET ciphertext = (SELECT ciphertext FROM $s.history WHERE user_id = 'alice' AND session_key = 's-1')"
                + " WHERE user_id = 'bob'");
        sql("UPDATE $s.history SET ciphertext = substring(ciphertext from 1 for 10) WHERE user_id = 'alice' AND session_key = 's-2'");

        assertThatThrownBy(() -> STORES.historyStore().find("bob", SessionKey.of("s-1")))
                .isInstanceOfSatisfying(PostgresDecryptionException.class, e -> assertThat(e.record()).contains("user 'bob'"));
        assertThatThrownBy(() -> STORES.historyStore().find("alice", SessionKey.of("s-2")))
                .isInstanceOf(PostgresDecryptionException.class);
        assertThat(STORES.historyStore().find("alice", SessionKey.of("s-1"))).contains(session("alice", "s-1"));
    }

    @Test
    void syncStateCopiedOntoAnotherCalendar_andProfileCopiedOntoAnotherUser_fail() {
        sql("UPDATE $s.sync_state SET ciphertext = (SELECT ciphertext FROM $s.sync_state WHERE calendar_id = 'primary')"
                + " WHERE calendar_id = 'work'");
        sql("UPDATE $s.profiles SET ciphertext = (SELECT ciphertext FROM $s.profiles WHERE user_id = 'alice') WHERE user_id = 'bob'");

        assertThatThrownBy(() -> STORES.syncStateStore().load(ALICE, "work"))
                .isInstanceOfSatisfying(PostgresDecryptionException.class, e -> assertThat(e.record()).contains("calendar 'work'"));
        assertThatThrownBy(() -> STORES.profileStore().load("bob"))
                .isInstanceOfSatisfying(PostgresDecryptionException.class, e -> {
                    assertThat(e.record()).contains("user 'bob'");
                    assertThat(e.getMessage()).doesNotContain("alice-settings");
                });
        assertThat(STORES.syncStateStore().load(ALICE, "primary")).contains("alice-sync");
        assertThat(STORES.profileStore().load("alice")).contains(new StoredProfile("alice", "alice-settings", 1));
    }

    @Test
    void wrongKey_failsOnEveryRow_andTheRightKeyStillReadsThem() {
        HikariDataSource otherPool = TestDatabase.pool();
        try {
            PostgresStores wrong = PostgresStores.builder(otherPool).schema(SCHEMA).keys(StoreKeys.generate()).build();

            assertThatThrownBy(() -> wrong.tokenStore().load(ALICE)).isInstanceOf(PostgresDecryptionException.class)
                    .hasMessageContaining("wrong key").hasMessageNotContaining("alice-secret");
            assertThatThrownBy(() -> wrong.historyStore().find("bob", SessionKey.of("s-1"))).isInstanceOf(PostgresDecryptionException.class);
            assertThatThrownBy(() -> wrong.syncStateStore().load(ALICE, "primary")).isInstanceOf(PostgresDecryptionException.class);
            assertThatThrownBy(() -> wrong.profileStore().load("alice")).isInstanceOf(PostgresDecryptionException.class);
        } finally {
            otherPool.close();
        }
        assertThat(STORES.tokenStore().load(ALICE)).contains(token("alice-secret"));
        assertThat(STORES.profileStore().load("alice")).isPresent();
    }

    @Test
    void aDumpHoldsNoSecretInTheClear() {
        StringBuilder dump = new StringBuilder();
        try (var c = POOL.getConnection(); var s = c.createStatement();
                var rows = s.executeQuery("SELECT encode(ciphertext, 'escape') FROM " + SCHEMA + ".tokens UNION ALL"
                        + " SELECT encode(ciphertext, 'escape') FROM " + SCHEMA + ".profiles UNION ALL"
                        + " SELECT encode(ciphertext, 'escape') FROM " + SCHEMA + ".sync_state")) {
            while (rows.next()) {
                dump.append(rows.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(dump.toString()).isNotEmpty().doesNotContain("alice-secret", "refresh-", "settings", "sync");
    }

    @Test
    void channelRowHandedToAnotherUser_failsToDecrypt_andIsNeverListedAsTheirs() {
        STORES.channelStore().save(new ChangeChannel("ch-alice", ALICE, "primary", "res-1", T0, "alice-channel-secret"));
        sql("UPDATE $s.channels SET user_id = 'bob' WHERE channel_id = 'ch-alice'");

        assertThatThrownBy(() -> STORES.channelStore().find("ch-alice"))
                .isInstanceOfSatisfying(PostgresDecryptionException.class,
                        e -> assertThat(e.getMessage()).doesNotContain("alice-channel-secret"));
        assertThatThrownBy(() -> STORES.channelStore().forUser("bob")).isInstanceOf(PostgresDecryptionException.class);
        assertThat(STORES.channelStore().forUser("alice")).isEmpty();
    }
}
