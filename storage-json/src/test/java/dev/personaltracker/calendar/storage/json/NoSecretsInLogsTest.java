package dev.personaltracker.calendar.storage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.spi.ChangeChannel;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Runs a full flow at TRACE level (create keys, save and load tokens, sync state and history, rotate, damage a file,
 * hit every error path) and checks that no token, sync state, note or key material appears in any log line, in any
 * exception message or cause chain, or in any {@code toString()}.
 */
class NoSecretsInLogsTest {

    private static final String ACCESS = "ya29.a0AfH6SMBsecretAccess";
    private static final String PROFILE = "tracker-calendar-profile 1\nsetting ics x property source SecretProfileLocation";
    private static final String REFRESH = "1//0gSecretRefreshToken";
    private static final String PROVIDER_STATE = "{\"msal-cache\":\"SecretMsalCacheBlob\"}";
    private static final String SYNC_STATE = "CPDAlvWDx-SecretSyncToken";
    private static final String NOTE = "SecretPersonalNote about chapter 7";
    private static final String CHANNEL_SECRET = "SecretChannelClientState-4f1";

    @TempDir
    Path dir;

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
    void fullFlow_logsAndErrorsAndToStrings_holdNoSecret() throws Exception {
        List<String> texts = new ArrayList<>();
        Path keysetFile = dir.resolve("keys/keyset.json");
        KeysetHandle keys = StoreKeys.loadOrCreate(keysetFile);
        JsonTokenStore tokens = JsonTokenStore.open(dir.resolve("stores"), keys);
        JsonSyncStateStore sync = JsonSyncStateStore.open(dir.resolve("stores"), keys);
        JsonHistoryStore history = JsonHistoryStore.open(dir.resolve("stores"), keys);
        JsonProfileStore profiles = JsonProfileStore.open(dir.resolve("stores"), keys);
        JsonChannelStore channels = JsonChannelStore.open(dir.resolve("stores"), keys);

        TokenKey alice = TokenKey.of("alice", "google", "alice@example.com");
        OAuthToken token = new OAuthToken(ACCESS, Optional.of(REFRESH), Optional.of(Instant.parse("2026-05-01T00:00:00Z")),
                Set.of("calendar"), Optional.of(PROVIDER_STATE), TokenHealth.HEALTHY);
        tokens.save(alice, token);
        assertThat(tokens.load(alice)).contains(token);
        tokens.list("alice");
        sync.save(alice, "primary", SYNC_STATE);
        assertThat(sync.load(alice, "primary")).contains(SYNC_STATE);
        SessionRecord record = SessionRecord.proposed("alice", SessionKey.of("s-1"), Interval.of(Instant.parse("2026-05-02T18:00:00Z"),
                Duration.ofHours(1)), Instant.parse("2026-05-01T08:00:00Z")).withOutcome(Optional.empty(), Optional.of(NOTE));
        history.save(record);
        history.query("alice", Interval.of(Instant.parse("2026-05-01T00:00:00Z"), Duration.ofDays(7)));
        // a profile is not secret, but personal: no store logs or quotes its content, not even in a conflict
        profiles.save("alice", PROFILE, 0);
        profiles.save("alice", PROFILE + "\n", 1);
        texts.add(describe(catchThrowable(() -> profiles.save("alice", PROFILE, 1))));
        assertThat(profiles.load("alice").orElseThrow().document()).isEqualTo(PROFILE + "\n");
        ChangeChannel channel = new ChangeChannel("ch-1", alice, "primary", "res-1", Instant.parse("2026-05-08T00:00:00Z"), CHANNEL_SECRET);
        channels.save(channel);
        assertThat(channels.find("ch-1")).contains(channel);
        assertThat(channels.forUser("alice")).containsExactly(channel);

        KeysetHandle rotated = StoreKeys.addPrimary(keys);
        StoreKeys.save(rotated, keysetFile);
        JsonTokenStore.open(dir.resolve("stores"), rotated).rotate();
        JsonSyncStateStore.open(dir.resolve("stores"), rotated).rotate();
        JsonHistoryStore.open(dir.resolve("stores"), rotated).rotate();
        JsonProfileStore.open(dir.resolve("stores"), rotated).rotate();
        JsonChannelStore.open(dir.resolve("stores"), rotated).rotate();
        tokens.delete(alice);
        tokens.save(alice, token);

        // error paths: wrong key, damaged record, truncated file, bad keysets
        texts.add(describe(catchThrowable(() -> JsonTokenStore.open(dir.resolve("stores"), StoreKeys.generate()).load(alice))));
        texts.add(describe(catchThrowable(() -> JsonChannelStore.open(dir.resolve("stores"), StoreKeys.generate()).find("ch-1"))));
        StoreFiles.flipCiphertextByte(channels.file(), 0, 5);
        texts.add(describe(catchThrowable(() -> channels.find("ch-1"))));
        texts.add(describe(catchThrowable(channels::all)));
        StoreFiles.flipCiphertextByte(sync.fileOf("alice"), 0, 5);
        texts.add(describe(catchThrowable(() -> sync.load(alice, "primary"))));
        StoreFiles.flipCiphertextByte(profiles.fileOf("alice"), 0, 5);
        texts.add(describe(catchThrowable(() -> profiles.load("alice"))));
        texts.add(describe(catchThrowable(() -> profiles.save("alice", PROFILE, 2))));
        StoreFiles.truncate(history.fileOf("alice"), 0.5);
        texts.add(describe(catchThrowable(() -> history.find("alice", SessionKey.of("s-1")))));
        texts.add(describe(catchThrowable(() -> history.save(record))));
        String keysetJson = Files.readString(keysetFile);
        texts.add(describe(catchThrowable(() -> StoreKeys.fromEnvironment("KEYS", Map.of("KEYS", keysetJson.replace("AesGcmKey", "NoSuchKey"))))));
        texts.add(describe(catchThrowable(() -> StoreKeys.fromEnvironment("KEYS", Map.of("KEYS", keysetJson.substring(0, 60))))));
        texts.addAll(List.of(tokens.toString(), sync.toString(), history.toString(), profiles.toString(), channels.toString(), channel.toString(),
                token.toString(), keys.toString(), rotated.toString()));

        for (ILoggingEvent event : appender.list) {
            texts.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getClassName() + ": " + t.getMessage());
            }
        }

        List<String> secrets = new ArrayList<>(List.of(ACCESS, REFRESH, "SecretMsalCacheBlob", SYNC_STATE, "SecretPersonalNote",
                "SecretProfileLocation", CHANNEL_SECRET));
        secrets.addAll(keyMaterial(keysetJson));
        assertThat(secrets).hasSizeGreaterThan(7 + 1); // two keys' material after rotation
        assertThat(appender.list).as("the flow logged something to check").hasSizeGreaterThan(5)
                .extracting(ILoggingEvent::getLevel).contains(Level.DEBUG, Level.INFO, Level.WARN);
        for (String text : texts) {
            for (String secret : secrets) {
                assertThat(text).as("a log line, message or toString").doesNotContain(secret);
            }
        }
    }

    /** The message of an exception and of every cause, for checking. */
    private static String describe(Throwable thrown) {
        assertThat(thrown).as("an error path was hit").isNotNull();
        StringBuilder text = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    /** The base64 key values in a Tink JSON keyset, and slices of them (a log could quote part of a key). */
    private static List<String> keyMaterial(String keysetJson) throws Exception {
        List<String> values = new ArrayList<>();
        for (JsonNode key : new ObjectMapper().readTree(keysetJson).get("key")) {
            String value = key.get("keyData").get("value").asText();
            values.add(value);
            values.add(value.substring(8, 24));
        }
        return values;
    }
}
