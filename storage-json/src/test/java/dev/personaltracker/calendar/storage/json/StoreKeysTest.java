package dev.personaltracker.calendar.storage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;

class StoreKeysTest {

    @TempDir
    Path dir;

    /** Obtains a keyset holding only the primary key of another, to prove the older keys are no longer needed. */
    static KeysetHandle primaryOnly(KeysetHandle keys) {
        try {
            return KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.importKey(keys.getPrimary().getKey()).withFixedId(keys.getPrimary().getId()).makePrimary())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void generate_makesOneAes256GcmKey() {
        KeysetHandle keys = StoreKeys.generate();
        assertThat(keys.size()).isEqualTo(1);
        assertThat(keys.getPrimary().getKey().getParameters().toString()).contains("AesGcm").contains("32-byte key");
    }

    @Test
    void loadOrCreate_createsOwnerOnlyFileOnFirstUse_thenLoadsTheSameKeys() throws Exception {
        Path file = dir.resolve("keys/store-keyset.json");
        KeysetHandle created = StoreKeys.loadOrCreate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        KeysetHandle loaded = StoreKeys.loadOrCreate(file);
        assertThat(StoreKeys.load(file).getPrimary().getId()).isEqualTo(created.getPrimary().getId());
        byte[] ciphertext = StoreKeys.aead(created).encrypt("hello".getBytes(StandardCharsets.UTF_8), new byte[0]);
        assertThat(StoreKeys.aead(loaded).decrypt(ciphertext, new byte[0])).asString(StandardCharsets.UTF_8).isEqualTo("hello");
    }

    @Test
    void addPrimary_thenSave_keepsOldKeysReadable() throws Exception {
        Path file = dir.resolve("keyset.json");
        KeysetHandle first = StoreKeys.loadOrCreate(file);
        byte[] old = StoreKeys.aead(first).encrypt(new byte[] {1, 2, 3}, new byte[] {9});
        KeysetHandle second = StoreKeys.addPrimary(first);
        StoreKeys.save(second, file);

        KeysetHandle loaded = StoreKeys.load(file);
        assertThat(loaded.size()).isEqualTo(2);
        assertThat(loaded.getPrimary().getId()).isEqualTo(second.getPrimary().getId()).isNotEqualTo(first.getPrimary().getId());
        Aead aead = StoreKeys.aead(loaded);
        assertThat(aead.decrypt(old, new byte[] {9})).containsExactly(1, 2, 3);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void fromEnvironment_readsTheKeysetJson() throws Exception {
        KeysetHandle keys = StoreKeys.generate();
        KeysetHandle read = StoreKeys.fromEnvironment("TRACKER_KEYSET", Map.of("TRACKER_KEYSET", StoreKeys.serialize(keys)));
        assertThat(read.getPrimary().getId()).isEqualTo(keys.getPrimary().getId());
    }

    @Test
    void fromEnvironment_unsetVariable_namesIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> StoreKeys.fromEnvironment("TRACKER_KEYSET", Map.of()))
                .withMessageContaining("TRACKER_KEYSET").withMessageContaining("not set");
    }

    @Test
    void badKeyset_isRefused_withoutQuotingIt() throws Exception {
        String secretish = "{\"primaryKeyId\": 1, \"key\": [{\"keyData\": {\"value\": \"c2VjcmV0LWtleS1tYXRlcmlhbA==\"}}]}";
        assertThatIllegalArgumentException().isThrownBy(() -> StoreKeys.fromEnvironment("K", Map.of("K", secretish)))
                .withMessageContaining("environment variable K").withMessageNotContaining("c2VjcmV0")
                .withNoCause();
        Path file = dir.resolve("bad.json");
        Files.writeString(file, secretish);
        assertThatThrownBy(() -> StoreKeys.loadOrCreate(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.getFileName().toString()).hasMessageNotContaining("c2VjcmV0");
        assertThat(Files.readString(file)).as("a bad keyset file is never replaced").isEqualTo(secretish);
    }

    @Test
    void load_missingFile_raisesStorageException_namingIt() {
        Path file = dir.resolve("missing.json");
        assertThatThrownBy(() -> StoreKeys.load(file)).isInstanceOf(StorageException.class).hasMessageContaining(file.toString());
    }

    @Test
    void load_warnsWhenOthersCanReadTheKeysetFile_withoutLoggingIt() throws Exception {
        Path file = dir.resolve("keyset.json");
        StoreKeys.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Logger logger = (Logger) LoggerFactory.getLogger(StoreKeys.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level previous = logger.getLevel();
        logger.setLevel(Level.WARN); // the test configuration shows only errors
        try {
            StoreKeys.load(file);
        } finally {
            logger.setLevel(previous);
            logger.detachAppender(appender);
        }
        assertThat(appender.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains(file.toString(), "rw-r--r--", "chmod 600")
                    .doesNotContain(Files.readString(file).substring(0, 20));
        });
    }
}
