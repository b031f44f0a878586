package dev.personaltracker.calendar.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs the stores at TRACE level (Flyway, HikariCP and the library all log through SLF4J) through saves, loads,
 * conflicts, tampered rows, a wrong key, key rotation and an unreachable server, and checks that no token, sync state,
 * settings document, note or database password appears in any log line, exception message or cause, or toString().
 */
class NoSecretsInLogsTest {

    private static final String ACCESS = "ya29.SecretAccessToken";
    private static final String REFRESH = "1//SecretRefreshToken";
    private static final String SYNC = "SecretSyncToken";
    private static final String DOCUMENT = "SecretSettingsDocument";
    private static final String NOTE = "SecretPersonalNote";
    private static final String PASSWORD = "SecretDbPassword";

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger root;
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previousLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(appender);
        root.setLevel(previousLevel);
    }

    @Test
    void everyPath_logsAndErrorsAndToStrings_holdNoSecret() {
        List<String> texts = new ArrayList<>();
        String schema = TestDatabase.freshSchema("secrets");
        try (HikariDataSource pool = TestDatabase.pool()) {
            PostgresStores stores = PostgresStores.builder(pool).schema(schema).aead(TestDatabase.aead()).build();
            TokenKey key = TokenKey.of("alice", "google", "alice@example.com");
            OAuthToken token = new OAuthToken(ACCESS, Optional.of(REFRESH), Optional.empty(), Set.of("s"), Optional.empty(),
                    dev.personaltracker.calendar.spi.TokenHealth.HEALTHY);
            Instant t0 = Instant.parse("2027-01-04T09:00:00Z");
            SessionRecord session = SessionRecord.proposed("alice", SessionKey.of("s-1"), Interval.of(t0, Duration.ofMinutes(30)), t0)
                    .withOutcome(Optional.empty(), Optional.of(NOTE));

            stores.tokenStore().save(key, token);
            stores.tokenStore().replace(key, token, token.withProviderState(SYNC));
            stores.historyStore().saveAll(List.of(session));
            stores.historyStore().update("alice", SessionKey.of("s-1"), r -> r.orElseThrow());
            stores.syncStateStore().save(key, "primary", SYNC);
            stores.profileStore().save("alice", DOCUMENT, 0);
            texts.add(String.valueOf(catchThrowable(() -> stores.profileStore().save("alice", DOCUMENT + "2", 0))));
            texts.add(String.valueOf(stores.tokenStore().load(key)));
            texts.add(stores.toString() + stores.tokenStore() + stores.historyStore() + stores.syncStateStore() + stores.profileStore());

            TestDatabase.execute(pool, "UPDATE " + schema + ".tokens SET ciphertext = set_byte(ciphertext, 9, get_byte(ciphertext, 9) # 1)");
            TestDatabase.execute(pool, "UPDATE " + schema + ".history SET ciphertext = (SELECT ciphertext FROM " + schema + ".profiles)");
            texts.add(describe(catchThrowable(() -> stores.tokenStore().load(key))));
            texts.add(describe(catchThrowable(() -> stores.historyStore().query("alice", Interval.of(t0, Duration.ofDays(1))))));
            texts.add(describe(catchThrowable(stores::rotate)));
            PostgresStores wrongKey = PostgresStores.builder(pool).schema(schema)
                    .keys(dev.personaltracker.calendar.storage.json.StoreKeys.generate()).build();
            texts.add(describe(catchThrowable(() -> wrongKey.syncStateStore().load(key, "primary"))));
            texts.add(describe(catchThrowable(() -> wrongKey.profileStore().load("alice"))));
        }
        texts.add(describe(catchThrowable(() -> PostgresStores.builder("jdbc:postgresql://127.0.0.1:1/db?password=" + PASSWORD,
                "u", PASSWORD).aead(TestDatabase.aead()).build())));

        for (ILoggingEvent event : appender.list) {
            texts.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getMessage());
            }
        }
        assertThat(appender.list).as("the flow logs at all").isNotEmpty();
        for (String text : texts) {
            assertThat(String.valueOf(text)).doesNotContain(ACCESS, REFRESH, SYNC, DOCUMENT, NOTE, PASSWORD);
        }
    }

    private static String describe(Throwable thrown) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            text.append(t).append(" | ");
        }
        return text.toString();
    }
}
