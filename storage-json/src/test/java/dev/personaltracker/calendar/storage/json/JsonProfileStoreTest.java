package dev.personaltracker.calendar.storage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.spi.ProfileStore;
import dev.personaltracker.calendar.spi.StoreConflictException;
import dev.personaltracker.calendar.spi.StoredProfile;
import dev.personaltracker.calendar.spi.contract.ProfileStoreContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JsonProfileStore}: the contract (every read through a new instance), then encryption, damage and migration. */
class JsonProfileStoreTest extends ProfileStoreContract {

    private static final KeysetHandle KEYS = StoreKeys.generate();
    private static final String ALICES = "tracker-calendar-profile 1\naccount ics alice-timetable none own\n"
            + "setting ics alice-timetable property source %2Fhome%2Falice%2Fprivate-timetable.ics\n";

    @TempDir
    Path dir;

    @Override
    protected ProfileStore newStore() {
        return store(KEYS);
    }

    @Override
    protected ProfileStore reopen(ProfileStore written) {
        return store(KEYS);
    }

    private JsonProfileStore store(KeysetHandle keys) {
        return JsonProfileStore.open(dir.resolve("stores"), keys);
    }

    private Path fileOf(String user) {
        return store(KEYS).fileOf(user);
    }

    private void saveAliceAndBob() {
        store(KEYS).save("alice", ALICES, 0);
        store(KEYS).save("bob", "bob's document", 0);
    }

    @Test
    void theFile_isOwnerOnly_andHoldsNeitherTheDocumentNorItsVersionInTheClear() throws IOException {
        saveAliceAndBob();
        store(KEYS).save("alice", ALICES + "write ics alice-timetable study-sessions\n", 1);

        String file = Files.readString(fileOf("alice"));

        assertThat(file).doesNotContain("private-timetable").doesNotContain("tracker-calendar-profile")
                .doesNotContain("version").contains("\"user\":\"alice\"").contains("\"store\":\"profile\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fileOf("alice")))).isEqualTo("rw-------");
    }

    @Test
    void ciphertextCopiedOntoAnotherUser_failsToDecrypt_namingTheRecord_othersIntact() throws IOException {
        saveAliceAndBob();
        store(KEYS).save("carol", "carol's", 0);
        StoreFiles.setCiphertext(fileOf("alice"), 0, StoreFiles.ciphertext(fileOf("bob"), 0));

        assertThatThrownBy(() -> store(KEYS).load("alice")).isInstanceOf(RecordDecryptionException.class)
                .hasMessageContaining("profile record (user 'alice', part 'settings')")
                .hasMessageNotContaining("bob's document");
        // a compare-and-set cannot compare against a record it cannot read: refused, file left as it is
        byte[] damaged = Files.readAllBytes(fileOf("alice"));
        assertThatThrownBy(() -> store(KEYS).save("alice", "new", 1)).isInstanceOf(RecordDecryptionException.class);
        assertThat(Files.readAllBytes(fileOf("alice"))).isEqualTo(damaged);
        assertThat(store(KEYS).load("bob")).contains(new StoredProfile("bob", "bob's document", 1));
        assertThat(store(KEYS).load("carol")).contains(new StoredProfile("carol", "carol's", 1));
        // deleting the damaged profile lets the person start again
        assertThat(store(KEYS).delete("alice")).isTrue();
        assertThat(store(KEYS).save("alice", "again", 0)).isEqualTo(1);
    }

    @Test
    void aFlippedCiphertextByte_orTheWrongKey_failsToDecrypt() throws IOException {
        saveAliceAndBob();

        assertThatThrownBy(() -> store(StoreKeys.generate()).load("alice")).isInstanceOf(RecordDecryptionException.class);
        StoreFiles.flipCiphertextByte(fileOf("alice"), 0, 40);
        assertThatThrownBy(() -> store(KEYS).load("alice")).isInstanceOf(RecordDecryptionException.class)
                .hasMessageContaining("user 'alice'");
        assertThat(store(KEYS).load("bob")).isPresent();
    }

    @Test
    void anOlderCiphertextPutBack_isAuthentic_soItsVersionIsTheOlderOne() throws IOException {
        // AEAD gives integrity per record, not freshness (see the README): a rolled-back file is read as the older
        // version, and a writer holding the newer version then gets a conflict rather than overwriting blindly
        JsonProfileStore store = store(KEYS);
        store.save("alice", "v1", 0);
        byte[] old = Files.readAllBytes(fileOf("alice"));
        store.save("alice", "v2", 1);
        Files.write(fileOf("alice"), old);

        assertThat(store.load("alice")).contains(new StoredProfile("alice", "v1", 1));
        assertThatThrownBy(() -> store.save("alice", "v3", 2)).isInstanceOf(StoreConflictException.class);
    }

    @Test
    void wholeFileCopiedOntoAnotherUser_orAnotherStoresFile_isRefused() throws IOException {
        saveAliceAndBob();
        Files.copy(fileOf("bob"), fileOf("alice"), StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> store(KEYS).load("alice")).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("another user");

        JsonTokenStore tokens = JsonTokenStore.open(dir.resolve("stores"), KEYS);
        tokens.save(dev.personaltracker.calendar.spi.TokenKey.of("bob", "google", "b@example.com"),
                dev.personaltracker.calendar.spi.OAuthToken.of("a", java.util.Optional.empty(), java.util.Optional.empty(), java.util.Set.of()));
        Files.copy(tokens.fileOf("bob"), fileOf("bob"), StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> store(KEYS).load("bob")).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("'tokens' store");
    }

    @Test
    void truncatedFile_raisesStoreCorrupted_andIsNeverOverwritten() throws IOException {
        saveAliceAndBob();
        StoreFiles.truncate(fileOf("alice"), 0.6);
        byte[] truncated = Files.readAllBytes(fileOf("alice"));

        assertThatThrownBy(() -> store(KEYS).load("alice")).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining(fileOf("alice").toString()).hasMessageContaining("left untouched");
        assertThatThrownBy(() -> store(KEYS).save("alice", "x", 1)).isInstanceOf(StoreCorruptedException.class);
        assertThatThrownBy(() -> store(KEYS).delete("alice")).isInstanceOf(StoreCorruptedException.class);
        assertThat(Files.readAllBytes(fileOf("alice"))).isEqualTo(truncated);
        assertThat(store(KEYS).load("bob")).isPresent();
    }

    @Test
    void newerSchema_raisesStoreCorrupted_namingTheSchema() throws IOException {
        saveAliceAndBob();
        ObjectNode root = StoreFiles.read(fileOf("alice"));
        root.put("schema", 2);
        StoreFiles.write(fileOf("alice"), root);

        assertThatThrownBy(() -> store(KEYS).load("alice")).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("schema 2");
    }

    @Test
    void rotate_reEncryptsUnderTheNewPrimary_andTheOldKeyCanGo() {
        saveAliceAndBob();
        KeysetHandle both = StoreKeys.addPrimary(KEYS);

        assertThat(store(both).rotate()).isEqualTo(2);

        KeysetHandle onlyNew = StoreKeysTest.primaryOnly(both);
        assertThat(store(onlyNew).load("alice")).contains(new StoredProfile("alice", ALICES, 1));
        assertThatThrownBy(() -> store(KEYS).load("alice")).isInstanceOf(RecordDecryptionException.class);
    }

    // --- schema 0 -> 1 migration, on a checked-in schema 0 file (src/test/resources/v0) ---

    private KeysetHandle installSchema0Fixture() throws IOException {
        KeysetHandle keys = StoreKeys.fromEnvironment("FIXTURE", Map.of("FIXTURE", resource("v0/keyset.json")));
        Files.createDirectories(dir.resolve("stores"));
        Files.writeString(store(keys).fileOf("alice"), resource("v0/profile-alice-schema0.json"));
        return keys;
    }

    private static String resource(String name) throws IOException {
        try (var in = JsonProfileStoreTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void schema0File_isReadAsVersion1() throws IOException {
        KeysetHandle keys = installSchema0Fixture();

        assertThat(store(keys).load("alice"))
                .contains(new StoredProfile("alice", resource("v0/profile-alice-schema0.document.txt"), 1));
    }

    @Test
    void schema0File_isUpgradedToSchema1_byTheNextSave_whichComparesItsVersion() throws IOException {
        KeysetHandle keys = installSchema0Fixture();
        String document = resource("v0/profile-alice-schema0.document.txt");

        assertThatThrownBy(() -> store(keys).save("alice", "stale", 0)).isInstanceOf(StoreConflictException.class);
        assertThat(store(keys).save("alice", document + "preferences-later\n", 1)).isEqualTo(2);

        assertThat(StoreFiles.read(store(keys).fileOf("alice")).get("schema").asInt()).isEqualTo(1);
        assertThat(store(keys).load("alice")).contains(new StoredProfile("alice", document + "preferences-later\n", 2));
    }

    @Test
    void schema0File_isUpgradedByRotate() throws IOException {
        KeysetHandle both = StoreKeys.addPrimary(installSchema0Fixture());

        assertThat(store(both).rotate()).isEqualTo(1);

        assertThat(StoreFiles.read(store(both).fileOf("alice")).get("schema").asInt()).isEqualTo(1);
        assertThat(store(both).load("alice").map(StoredProfile::version)).contains(1L);
    }

    @Test
    void schema0File_withADamagedRecord_isNeitherUpgradedNorOverwritten() throws IOException {
        KeysetHandle keys = installSchema0Fixture();
        Path file = store(keys).fileOf("alice");
        ObjectNode root = StoreFiles.read(file);
        ((ObjectNode) root.get("records").get(0)).put("part", "other");   // the associated data no longer matches
        StoreFiles.write(file, root);
        byte[] damaged = Files.readAllBytes(file);

        assertThatThrownBy(() -> store(keys).rotate()).isInstanceOf(RecordDecryptionException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(damaged);
    }
}
