package dev.personaltracker.calendar.storage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.spi.ChangeChannel;
import dev.personaltracker.calendar.spi.ChannelStore;
import dev.personaltracker.calendar.spi.contract.ChannelStoreContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JsonChannelStore}: the contract, then restart, encryption, damage and what is never in the clear. */
class JsonChannelStoreTest extends ChannelStoreContract {

    private static final KeysetHandle KEYS = StoreKeys.generate();
    private static final ChangeChannel A = new ChangeChannel("ch-a", ALICE_GOOGLE, "alice-calendar-id", "alice-resource-id",
            Instant.parse("2026-04-01T08:00:00Z"), "alice-secret-Zq9");
    private static final ChangeChannel B = new ChangeChannel("ch-b", BOB_WORK, "bob-calendar-id", "bob-resource-id",
            Instant.parse("2026-04-02T08:00:00Z"), "bob-secret-Xk7");

    @TempDir
    Path dir;

    @Override
    protected ChannelStore newStore() {
        return store(KEYS);
    }

    @Override
    protected ChannelStore reopen(ChannelStore written) {
        return store(KEYS);
    }

    private JsonChannelStore store(KeysetHandle keys) {
        return JsonChannelStore.open(dir.resolve("stores"), keys);
    }

    private Path file() {
        return store(KEYS).file();
    }

    private void saveBoth() {
        JsonChannelStore store = store(KEYS);
        store.save(A);
        store.save(B);
    }

    @Test
    void restart_newInstanceOnTheSameDirectory_seesEveryChannel() {
        saveBoth();
        JsonChannelStore restarted = JsonChannelStore.open(dir.resolve("stores"), StoreKeys.aead(KEYS));
        assertThat(restarted.all()).containsExactly(A, B);
        assertThat(restarted.find("ch-b")).contains(B);
        assertThat(restarted.forUser("alice")).containsExactly(A);
    }

    @Test
    void file_holdsOnlyChannelIdsInTheClear_oneFileForEveryUser() throws IOException {
        saveBoth();
        String text = Files.readString(file());
        assertThat(text).contains("ch-a", "ch-b")
                .doesNotContain("alice-secret", "bob-secret", "Zq9", "Xk7", "alice-calendar-id", "bob-resource-id",
                        "alice@example.com", "bob@work.example", "\"alice\"", "\"bob\"", "2026-04");
        ObjectNode root = StoreFiles.read(file());
        assertThat(root.get("store").asText()).isEqualTo("channels");
        assertThat(root.get("records")).hasSize(2);
        try (var listing = Files.list(dir.resolve("stores"))) {
            assertThat(listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")))
                    .containsExactly(file().getFileName().toString());
        }
    }

    @Test
    void toStrings_neverShowTheSecret() {
        saveBoth();
        JsonChannelStore store = store(KEYS);
        assertThat(store.toString()).isEqualTo("JsonChannelStore[" + store.directory() + "]");
        assertThat(store.find("ch-a").orElseThrow().toString()).doesNotContain("alice-secret");
        assertThat(store.all().toString()).doesNotContain("alice-secret", "bob-secret");
    }

    @Test
    void flippedCiphertextByte_failsThatChannelNamingIt_otherChannelsStillFound() throws IOException {
        saveBoth();
        StoreFiles.flipCiphertextByte(file(), 0, 40);
        JsonChannelStore store = store(KEYS);

        RecordDecryptionException failure = catchThrowableOfType(() -> store.find("ch-a"), RecordDecryptionException.class);
        assertThat(failure.record()).isEqualTo("channels record (user 'every-user', channel 'ch-a')");
        assertThat(failure.file()).isEqualTo(file());
        assertThat(failure.getMessage()).contains("ch-a", file().toString()).doesNotContain("alice-secret", "Zq9");
        assertThat(store.find("ch-b")).contains(B);
        assertThat(store.find("unknown")).isEmpty();
        assertThatThrownBy(() -> store.forUser("bob")).as("a listing cannot know whose the damaged channel is")
                .isInstanceOf(RecordDecryptionException.class).hasMessageContaining("ch-a");
        assertThatThrownBy(store::all).isInstanceOf(RecordDecryptionException.class);

        ChangeChannel c = channel("ch-c", BOB_GOOGLE, "primary");
        store.save(c);
        assertThat(store.find("ch-c")).as("writes keep working beside a damaged record").contains(c);
        assertThat(store.delete("ch-a")).as("deleting the damaged channel mends the file").isTrue();
        assertThat(store.all()).containsExactly(B, c);
    }

    @Test
    void savingOverADamagedChannel_replacesIt() throws IOException {
        saveBoth();
        StoreFiles.flipCiphertextByte(file(), 1, 3);
        store(KEYS).save(B);
        assertThat(store(KEYS).all()).containsExactly(A, B);
    }

    @Test
    void ciphertextCopiedOntoAnotherChannelId_failsToDecrypt() throws IOException {
        saveBoth();
        StoreFiles.setCiphertext(file(), 1, StoreFiles.ciphertext(file(), 0));
        RecordDecryptionException failure = catchThrowableOfType(() -> store(KEYS).find("ch-b"), RecordDecryptionException.class);
        assertThat(failure.record()).contains("channel 'ch-b'");
        assertThat(failure.getMessage()).doesNotContain("alice-secret", "bob-secret");
        assertThat(store(KEYS).find("ch-a")).contains(A);
    }

    @Test
    void channelIdEditedInTheFile_failsToDecrypt() throws IOException {
        saveBoth();
        ObjectNode root = StoreFiles.read(file());
        ((ObjectNode) root.get("records").get(0)).putArray("id").add("ch-forged");
        StoreFiles.write(file(), root);
        assertThatThrownBy(() -> store(KEYS).find("ch-forged")).isInstanceOf(RecordDecryptionException.class)
                .hasMessageContaining("ch-forged");
        assertThat(store(KEYS).find("ch-a")).isEmpty();
    }

    @Test
    void wrongKey_raisesRecordDecryptionException_withoutTheSecret() {
        saveBoth();
        JsonChannelStore wrong = store(StoreKeys.generate());
        RecordDecryptionException failure = catchThrowableOfType(() -> wrong.find("ch-a"), RecordDecryptionException.class);
        assertThat(failure.getMessage()).contains("wrong key", "ch-a").doesNotContain("alice-secret");
        assertThatThrownBy(wrong::all).isInstanceOf(RecordDecryptionException.class);
    }

    @Test
    void truncatedFile_raisesStoreCorrupted_andIsNeverOverwritten() throws IOException {
        saveBoth();
        StoreFiles.truncate(file(), 0.5);
        byte[] truncated = Files.readAllBytes(file());
        JsonChannelStore store = store(KEYS);
        assertThatThrownBy(() -> store.find("ch-a")).isInstanceOf(StoreCorruptedException.class);
        assertThatThrownBy(() -> store.save(channel("ch-c", BOB_GOOGLE, "primary"))).isInstanceOf(StoreCorruptedException.class);
        assertThatThrownBy(() -> store.delete("ch-b")).isInstanceOf(StoreCorruptedException.class);
        assertThat(Files.readAllBytes(file())).isEqualTo(truncated);
    }

    @Test
    void authenticRecordThatDoesNotDecode_raisesStoreCorrupted_withoutQuotingIt() throws Exception {
        store(KEYS).save(A);
        String plaintext = "{\"userId\":\"alice\",\"providerId\":\"google\",\"accountId\":\"a@example.com\",\"calendarId\":\"c\","
                + "\"resourceId\":\"\",\"expiresAt\":\"not-a-time\",\"secret\":\"leaky-secret-77\"}";
        byte[] ct = StoreKeys.aead(KEYS).encrypt(plaintext.getBytes(StandardCharsets.UTF_8),
                RecordFormat.associatedData(JsonChannelStore.STORE, JsonChannelStore.OWNER, List.of("ch-a")));
        StoreFiles.setCiphertext(file(), 0, Base64.getEncoder().encodeToString(ct));
        StoreCorruptedException failure = catchThrowableOfType(() -> store(KEYS).find("ch-a"), StoreCorruptedException.class);
        assertThat(failure.getMessage()).contains("ch-a").doesNotContain("leaky-secret", "not-a-time");
    }

    @Test
    void forgedIds_readOnlyTheChannelFile_neverOtherFilesInTheDirectory() throws IOException {
        saveBoth();
        Path stores = dir.resolve("stores");
        // what a scan of the directory would trip over: a damaged file of another "owner" of this store
        Files.writeString(stores.resolve("channels-00000000000000000000000000000000.json"), "garbage");
        JsonChannelStore store = store(KEYS);
        for (int i = 0; i < 50; i++) {
            assertThat(store.find("forged-" + i)).isEmpty();
        }
        assertThat(store.find("../channels-00000000000000000000000000000000")).isEmpty();
        assertThat(store.all()).containsExactly(A, B);
    }

    @Test
    void twoInstances_savingAtOnce_loseNothing() {
        JsonChannelStore first = store(KEYS);
        JsonChannelStore second = store(KEYS);
        List<ChangeChannel> expected = new ArrayList<>();
        List<ChangeChannel> viaFirst = new ArrayList<>();
        List<ChangeChannel> viaSecond = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            viaFirst.add(channel("first-" + i, ALICE_GOOGLE, "c" + i));
            viaSecond.add(channel("second-" + i, BOB_GOOGLE, "c" + i));
        }
        expected.addAll(viaFirst);
        expected.addAll(viaSecond);
        ExecutorService pool = Executors.newFixedThreadPool(2); // own threads: the common pool may have only one
        try {
            CompletableFuture.allOf(CompletableFuture.runAsync(() -> viaFirst.forEach(first::save), pool),
                    CompletableFuture.runAsync(() -> viaSecond.forEach(second::save), pool)).join();
        } finally {
            pool.shutdownNow();
        }
        assertThat(store(KEYS).all()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void rotate_reencryptsEveryChannel_soTheOldKeyCanGo() {
        KeysetHandle old = StoreKeys.generate();
        store(old).save(A);
        store(old).save(B);
        KeysetHandle both = StoreKeys.addPrimary(old);
        assertThat(store(both).rotate()).isEqualTo(2);
        assertThat(store(StoreKeysTest.primaryOnly(both)).all()).containsExactly(A, B);
    }

    @Test
    void lists_areSortedByChannelId() {
        JsonChannelStore store = store(KEYS);
        store.save(channel("c", ALICE_GOOGLE, "x"));
        store.save(channel("a", ALICE_GOOGLE, "y"));
        store.save(channel("b", BOB_GOOGLE, "z"));
        assertThat(store.all()).extracting(ChangeChannel::channelId).containsExactly("a", "b", "c");
        assertThat(store.forUser("alice")).extracting(ChangeChannel::channelId).containsExactly("a", "c");
    }
}
