package dev.personaltracker.calendar.storage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.TokenStore;
import dev.personaltracker.calendar.spi.contract.TokenStoreContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JsonTokenStore}: the contract, then encryption, rotation and damage. */
class JsonTokenStoreTest extends TokenStoreContract {

    private static final KeysetHandle KEYS = StoreKeys.generate();
    /** Alice and Bob use the same account id at the same provider: only the user tells their records apart. */
    private static final TokenKey ALICE = TokenKey.of("alice", "google", "shared@example.com");
    private static final TokenKey ALICE_WORK = TokenKey.of("alice", "outlook", "alice@work.example");
    private static final TokenKey BOB = TokenKey.of("bob", "google", "shared@example.com");
    private static final OAuthToken BOBS = token("bob-access-secret");

    @TempDir
    Path dir;

    @Override
    protected TokenStore newStore() {
        return store(KEYS);
    }

    @Override
    protected TokenStore reopen(TokenStore written) {
        return store(KEYS);
    }

    private JsonTokenStore store(KeysetHandle keys) {
        return JsonTokenStore.open(dir.resolve("tokens"), keys);
    }

    private Path fileOf(String user) {
        return store(KEYS).fileOf(user);
    }

    private void saveAliceAndBob(KeysetHandle keys) {
        JsonTokenStore store = store(keys);
        store.save(ALICE, FULL);
        store.save(ALICE_WORK, BARE);
        store.save(BOB, BOBS);
    }

    @Test
    void file_holdsNoSecretInTheClear_andNamesItsSchema() throws IOException {
        saveAliceAndBob(KEYS);
        String text = Files.readString(fileOf("alice"));
        assertThat(text).doesNotContain("access-full", "refresh-full", "msal", "calendar.read", "REAUTHORIZATION");
        ObjectNode root = StoreFiles.read(fileOf("alice"));
        assertThat(root.get("format").asText()).isEqualTo("tracker-calendar-store");
        assertThat(root.get("schema").intValue()).isEqualTo(1);
        assertThat(root.get("store").asText()).isEqualTo("tokens");
        assertThat(root.get("records")).hasSize(2);
        assertThat(fileOf("alice").getFileName().toString()).startsWith("tokens-").doesNotContain("alice");
        assertThat(fileOf("bob")).isNotEqualTo(fileOf("alice")).exists();
    }

    @Test
    void filesAndDirectory_areOwnerOnly() throws IOException {
        saveAliceAndBob(KEYS);
        Path directory = store(KEYS).directory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        try (var files = Files.list(directory)) {
            assertThat(files.toList()).hasSize(4) // two data files, two lock files
                    .allSatisfy(f -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
        }
    }

    @Test
    void toString_namesOnlyTheDirectory() {
        JsonTokenStore store = store(KEYS);
        store.save(ALICE, FULL);
        assertThat(store.toString()).isEqualTo("JsonTokenStore[" + store.directory() + "]");
    }

    @Test
    void rotate_reencryptsUnderNewPrimary_soTheOldKeyCanGo() throws Exception {
        KeysetHandle old = StoreKeys.generate();
        saveAliceAndBob(old);
        String before = StoreFiles.ciphertext(fileOf("alice"), 0);

        KeysetHandle both = StoreKeys.addPrimary(old);
        JsonTokenStore store = store(both);
        assertThat(store.load(ALICE)).as("records under the old key stay readable before rotate()").contains(FULL);
        assertThat(store.rotate()).isEqualTo(3);

        assertThat(StoreFiles.ciphertext(fileOf("alice"), 0)).isNotEqualTo(before);
        KeysetHandle newOnly = StoreKeysTest.primaryOnly(both);
        JsonTokenStore reader = store(newOnly);
        assertThat(reader.load(ALICE)).contains(FULL);
        assertThat(reader.load(ALICE_WORK)).contains(BARE);
        assertThat(reader.load(BOB)).contains(BOBS);
        assertThatThrownBy(() -> store(old).load(ALICE)).isInstanceOf(RecordDecryptionException.class);
    }

    @Test
    void rotate_leavesFileWithUndecryptableRecordUntouched_andRotatesTheRest() throws Exception {
        KeysetHandle old = StoreKeys.generate();
        saveAliceAndBob(old);
        StoreFiles.flipCiphertextByte(fileOf("alice"), 0, 20);
        byte[] damaged = Files.readAllBytes(fileOf("alice"));
        String bobBefore = StoreFiles.ciphertext(fileOf("bob"), 0);

        KeysetHandle both = StoreKeys.addPrimary(old);
        RecordDecryptionException failure = storageFailure(() -> store(both).rotate());

        assertThat(failure.file()).isEqualTo(fileOf("alice"));
        assertThat(failure.getMessage()).contains("1 file(s)", "user 'alice'", "account 'shared@example.com'");
        assertThat(Files.readAllBytes(fileOf("alice"))).isEqualTo(damaged);
        assertThat(StoreFiles.ciphertext(fileOf("bob"), 0)).isNotEqualTo(bobBefore);
        assertThat(store(both).load(BOB)).contains(BOBS);
    }

    @Test
    void wrongKey_raisesRecordDecryptionException_namingFileAndRecord() {
        saveAliceAndBob(KEYS);
        RecordDecryptionException failure = storageFailure(() -> store(StoreKeys.generate()).load(ALICE));
        assertThat(failure.file()).isEqualTo(fileOf("alice"));
        assertThat(failure.record()).isEqualTo("tokens record (user 'alice', provider 'google', account 'shared@example.com')");
        assertThat(failure.getMessage()).contains(fileOf("alice").toString(), failure.record(), "wrong key")
                .doesNotContain("access-full", "refresh-full");
    }

    @Test
    void oneFlippedCiphertextByte_failsThatRecordOnly_andSurvivesLaterWrites() throws IOException {
        saveAliceAndBob(KEYS);
        StoreFiles.flipCiphertextByte(fileOf("alice"), 0, 33);
        String damaged = StoreFiles.ciphertext(fileOf("alice"), 0);
        JsonTokenStore store = store(KEYS);

        assertThatThrownBy(() -> store.load(ALICE)).isInstanceOf(RecordDecryptionException.class);
        assertThat(store.load(ALICE_WORK)).contains(BARE);
        assertThat(store.list("alice")).containsExactly(ALICE, ALICE_WORK);

        store.save(ALICE_WORK, FULL);
        assertThat(StoreFiles.ciphertext(fileOf("alice"), 0)).as("the damaged record is kept verbatim").isEqualTo(damaged);
        assertThat(store.load(ALICE_WORK)).contains(FULL);
        store.save(ALICE, BARE);
        assertThat(store.load(ALICE)).as("saving over a damaged record repairs it").contains(BARE);
    }

    @Test
    void anyOneFlippedFileByte_neverYieldsAWrongToken() throws IOException {
        store(KEYS).save(ALICE, FULL);
        Path file = fileOf("alice");
        byte[] original = Files.readAllBytes(file);
        int typedFailures = 0;
        for (int i = 0; i < original.length; i++) {
            byte[] flipped = original.clone();
            flipped[i] ^= 0x01;
            Files.write(file, flipped);
            try {
                Optional<OAuthToken> loaded = store(KEYS).load(ALICE);
                // a flip the decoders ignore (a base64 pad bit) still gives the token; a flip in the record id
                // leaves no record under Alice's key; nothing else may come back
                assertThat(loaded).as("byte " + i).satisfiesAnyOf(l -> assertThat(l).contains(FULL), l -> assertThat(l).isEmpty());
            } catch (StoreCorruptedException | RecordDecryptionException expected) {
                typedFailures++;
            }
        }
        assertThat(typedFailures).isGreaterThan(original.length * 9 / 10);
        Files.write(file, original);
        assertThat(store(KEYS).load(ALICE)).contains(FULL);
    }

    @Test
    void ciphertextsSwappedBetweenUsers_failToDecrypt() throws IOException {
        saveAliceAndBob(KEYS);
        String alices = StoreFiles.ciphertext(fileOf("alice"), 0);
        String bobs = StoreFiles.ciphertext(fileOf("bob"), 0);
        StoreFiles.setCiphertext(fileOf("alice"), 0, bobs);
        StoreFiles.setCiphertext(fileOf("bob"), 0, alices);

        JsonTokenStore store = store(KEYS);
        assertThatThrownBy(() -> store.load(ALICE)).isInstanceOf(RecordDecryptionException.class).hasMessageContaining("user 'alice'");
        assertThatThrownBy(() -> store.load(BOB)).isInstanceOf(RecordDecryptionException.class).hasMessageContaining("user 'bob'");
        assertThat(store.load(ALICE_WORK)).contains(BARE);
    }

    @Test
    void ciphertextsSwappedBetweenOneUsersRecords_failToDecrypt() throws IOException {
        saveAliceAndBob(KEYS);
        String first = StoreFiles.ciphertext(fileOf("alice"), 0);
        StoreFiles.setCiphertext(fileOf("alice"), 0, StoreFiles.ciphertext(fileOf("alice"), 1));
        StoreFiles.setCiphertext(fileOf("alice"), 1, first);
        assertThatThrownBy(() -> store(KEYS).load(ALICE)).isInstanceOf(RecordDecryptionException.class);
        assertThatThrownBy(() -> store(KEYS).load(ALICE_WORK)).isInstanceOf(RecordDecryptionException.class);
    }

    @Test
    void wholeFileCopiedOntoAnotherUser_isRefused() throws IOException {
        saveAliceAndBob(KEYS);
        Files.copy(fileOf("bob"), fileOf("alice"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> store(KEYS).load(ALICE)).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("another user");
    }

    @Test
    void truncatedFile_raisesStoreCorrupted_andIsNeverOverwritten() throws IOException {
        saveAliceAndBob(KEYS);
        StoreFiles.truncate(fileOf("alice"), 0.6);
        byte[] truncated = Files.readAllBytes(fileOf("alice"));
        JsonTokenStore store = store(KEYS);

        StoreCorruptedException failure = storageFailure(() -> store.load(ALICE));
        assertThat(failure.file()).isEqualTo(fileOf("alice"));
        assertThat(failure.getMessage()).contains(fileOf("alice").toString(), "not valid JSON", "left untouched");
        assertThatThrownBy(() -> store.save(ALICE_WORK, FULL)).isInstanceOf(StoreCorruptedException.class);
        assertThatThrownBy(() -> store.delete(ALICE)).isInstanceOf(StoreCorruptedException.class);
        assertThatThrownBy(() -> store.list("alice")).isInstanceOf(StoreCorruptedException.class);
        assertThat(Files.readAllBytes(fileOf("alice"))).isEqualTo(truncated);
        assertThat(store.load(BOB)).as("other users are unaffected").contains(BOBS);
    }

    @Test
    void emptyFile_raisesStoreCorrupted() throws IOException {
        saveAliceAndBob(KEYS);
        Files.write(fileOf("alice"), new byte[0]);
        assertThatThrownBy(() -> store(KEYS).load(ALICE)).isInstanceOf(StoreCorruptedException.class);
    }

    @Test
    void newerSchema_raisesStoreCorrupted_namingTheSchema() throws IOException {
        saveAliceAndBob(KEYS);
        ObjectNode root = StoreFiles.read(fileOf("alice"));
        root.put("schema", 2);
        StoreFiles.write(fileOf("alice"), root);
        assertThatThrownBy(() -> store(KEYS).load(ALICE)).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("schema 2").hasMessageContaining("reads schema 1");
    }

    @Test
    void fileOfAnotherStore_isRefused() throws IOException {
        saveAliceAndBob(KEYS);
        ObjectNode root = StoreFiles.read(fileOf("alice"));
        root.put("store", "history");
        StoreFiles.write(fileOf("alice"), root);
        assertThatThrownBy(() -> store(KEYS).load(ALICE)).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("'history' store");
    }

    @Test
    void leftoverTempFileOfAKilledWriter_isIgnoredByReads_andReusedByTheNextWrite() throws IOException {
        saveAliceAndBob(KEYS);
        Path leftover = AtomicFiles.temporaryOf(fileOf("alice"));
        Files.write(leftover, "{\"format\":\"tracker-calendar-st".getBytes(StandardCharsets.UTF_8));
        assertThat(store(KEYS).load(ALICE)).contains(FULL);
        store(KEYS).save(ALICE_WORK, FULL);
        assertThat(leftover).doesNotExist();
        assertThat(store(KEYS).load(ALICE_WORK)).contains(FULL);
    }

    @Test
    void deletingTheLastToken_removesTheUsersFile() {
        JsonTokenStore store = store(KEYS);
        store.save(ALICE, FULL);
        store.delete(ALICE);
        assertThat(fileOf("alice")).doesNotExist();
    }

    @Test
    void openWithAead_fromTheHost_works() {
        JsonTokenStore store = JsonTokenStore.open(dir.resolve("kms"), StoreKeys.aead(KEYS));
        store.save(ALICE, FULL);
        assertThat(JsonTokenStore.open(dir.resolve("kms"), KEYS).load(ALICE)).contains(FULL);
    }

    @Test
    void open_createsMissingDirectories() {
        JsonTokenStore store = JsonTokenStore.open(dir.resolve("a/b/c"), KEYS);
        store.save(ALICE, FULL);
        assertThat(dir.resolve("a/b/c")).isDirectory();
    }

    // --- schema 0 -> 1 migration, on a checked-in schema 0 file (src/test/resources/v0) ---

    private static final OAuthToken LEGACY_GOOGLE = OAuthToken.of("ya29.legacy-access", Optional.of("1//legacy-refresh"),
            Optional.of(Instant.ofEpochSecond(1767225600)),
            Set.of("https://www.googleapis.com/auth/calendar.readonly", "https://www.googleapis.com/auth/calendar.events"));
    private static final OAuthToken LEGACY_OUTLOOK = OAuthToken.of("eyJ0-legacy-outlook", Optional.empty(), Optional.empty(),
            Set.of("Calendars.ReadWrite"));
    private static final TokenKey LEGACY_GOOGLE_KEY = TokenKey.of("alice", "google", "alice@example.com");
    private static final TokenKey LEGACY_OUTLOOK_KEY = TokenKey.of("alice", "outlook", "alice@work.example");

    private KeysetHandle installSchema0Fixture() throws IOException {
        KeysetHandle keys = StoreKeys.fromEnvironment("FIXTURE", Map.of("FIXTURE", resource("v0/keyset.json")));
        Files.writeString(store(keys).fileOf("alice"), resource("v0/tokens-alice-schema0.json"));
        return keys;
    }

    private static String resource(String name) throws IOException {
        try (var in = JsonTokenStoreTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void schema0File_isReadAsIs() throws IOException {
        KeysetHandle keys = installSchema0Fixture();
        JsonTokenStore store = store(keys);
        assertThat(store.load(LEGACY_GOOGLE_KEY)).contains(LEGACY_GOOGLE);
        assertThat(store.load(LEGACY_OUTLOOK_KEY)).contains(LEGACY_OUTLOOK);
        assertThat(store.list("alice")).containsExactly(LEGACY_GOOGLE_KEY, LEGACY_OUTLOOK_KEY);
        assertThat(StoreFiles.read(store.fileOf("alice")).has("schema")).as("reading never rewrites").isFalse();
    }

    @Test
    void schema0File_isUpgradedToSchema1_byTheNextWrite() throws IOException {
        KeysetHandle keys = installSchema0Fixture();
        TokenKey added = TokenKey.of("alice", "google", "second@example.com");
        store(keys).save(added, FULL);

        ObjectNode root = StoreFiles.read(store(keys).fileOf("alice"));
        assertThat(root.get("schema").intValue()).isEqualTo(1);
        assertThat(root.get("records")).hasSize(3);
        JsonTokenStore reader = store(keys);
        assertThat(reader.load(LEGACY_GOOGLE_KEY)).contains(LEGACY_GOOGLE);
        assertThat(reader.load(LEGACY_OUTLOOK_KEY)).contains(LEGACY_OUTLOOK);
        assertThat(reader.load(added)).contains(FULL);
    }

    @Test
    void schema0File_isUpgradedByRotate_underTheNewPrimary() throws IOException {
        KeysetHandle both = StoreKeys.addPrimary(installSchema0Fixture());
        assertThat(store(both).rotate()).isEqualTo(2);
        assertThat(StoreFiles.read(store(both).fileOf("alice")).get("schema").intValue()).isEqualTo(1);
        assertThat(store(StoreKeysTest.primaryOnly(both)).load(LEGACY_GOOGLE_KEY)).contains(LEGACY_GOOGLE);
    }

    @Test
    void schema0File_withADamagedRecord_isNeitherUpgradedNorOverwritten() throws IOException {
        KeysetHandle keys = installSchema0Fixture();
        Path file = store(keys).fileOf("alice");
        ObjectNode root = StoreFiles.read(file);
        ObjectNode record = (ObjectNode) root.get("records").get(1);
        byte[] ct = Base64.getDecoder().decode(record.get("ciphertext").asText());
        ct[ct.length - 1] ^= 0x01;
        record.put("ciphertext", Base64.getEncoder().encodeToString(ct));
        StoreFiles.write(file, root);
        byte[] damaged = Files.readAllBytes(file);

        assertThat(store(keys).load(LEGACY_GOOGLE_KEY)).contains(LEGACY_GOOGLE);
        assertThatThrownBy(() -> store(keys).load(LEGACY_OUTLOOK_KEY)).isInstanceOf(RecordDecryptionException.class);
        assertThatThrownBy(() -> store(keys).save(TokenKey.of("alice", "google", "x@example.com"), FULL))
                .isInstanceOf(RecordDecryptionException.class).hasMessageContaining("account 'alice@work.example'");
        assertThat(Files.readAllBytes(file)).isEqualTo(damaged);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T storageFailure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(StorageException.class);
        return (T) thrown;
    }
}
