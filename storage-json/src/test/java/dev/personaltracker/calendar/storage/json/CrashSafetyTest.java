package dev.personaltracker.calendar.storage.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.TokenKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM saving tokens in a loop is killed with SIGKILL ({@link Process#destroyForcibly()}) at random moments,
 * {@value #DEFAULT_KILLS} times (two children at a time, both writing the same file): after each kill the file must load and hold every save
 * the child acknowledged (printed after {@code save} returned), and at most the one save in flight beyond them.
 * <p>
 * A SIGKILL tests the write protocol (temporary file, atomic rename): the page cache survives a killed process, so
 * the fsyncs that protect against power loss are not exercised here. {@code -Dstorage.crash.kills=N} changes the
 * number of kills.
 */
class CrashSafetyTest {

    private static final int DEFAULT_KILLS = 50;
    private static final int KILLS = Integer.getInteger("storage.crash.kills", DEFAULT_KILLS);
    private static final String USER = "crash";

    @TempDir
    Path dir;

    @Test
    void childrenKilledAtRandomMoments_fileAlwaysLoads_andHoldsEveryAcknowledgedSave() throws Exception {
        Path keyset = dir.resolve("keyset.json");
        KeysetHandle keys = StoreKeys.loadOrCreate(keyset);
        Path stores = dir.resolve("stores");
        Path errors = dir.resolve("child.err");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, Integer> acknowledged = new HashMap<>(); // child prefix -> number of acked saves
        int inFlightKept = 0;
        int killedWhileWriting = 0;

        // two children at a time, writing the same file: a kill may also land while the other one holds the lock
        for (int round = 0; round * 2 < KILLS; round++) {
            List<String> prefixes = List.of("r" + round + "a", "r" + round + "b");
            List<ChildWriter.Running> children = new ArrayList<>();
            for (String prefix : prefixes) {
                children.add(ChildWriter.start(errors, stores.toString(), keyset.toString(), USER, prefix, "-1"));
            }
            for (ChildWriter.Running child : children) {
                child.awaitReady(TimeUnit.SECONDS.toMillis(120));
            }
            int[] moments = {random.nextInt(150), random.nextInt(150)};
            int first = moments[0] <= moments[1] ? 0 : 1;
            Thread.sleep(moments[first]);
            children.get(first).process.destroyForcibly();
            Thread.sleep(moments[1 - first] - moments[first]);
            children.get(1 - first).process.destroyForcibly();

            JsonTokenStore store = null;
            for (int c = 0; c < 2; c++) {
                ChildWriter.Running child = children.get(c);
                String prefix = prefixes.get(c);
                child.finish(60);
                killedWhileWriting += child.sawDone() ? 0 : 1;
                List<Long> acks = child.acks();
                assertThat(acks).as("acks arrive in order").isEqualTo(LongStream.range(0, acks.size()).boxed().toList());
                acknowledged.put(prefix, acks.size());

                store = store == null ? JsonTokenStore.open(stores, keys) : store;
                List<TokenKey> listed = store.list(USER); // throws if the file does not load
                for (long i = 0; i < acks.size(); i++) {
                    TokenKey key = key(prefix + "-" + i);
                    assertThat(store.load(key)).as("seed %d %s save %d", seed, prefix, i).contains(ChildWriter.token(prefix + "-" + i));
                }
                long kept = listed.stream().filter(k -> k.accountId().startsWith(prefix + "-")).count();
                assertThat(kept).as("seed %d %s: the acked saves and at most the one in flight; acks %s, kept %s, done %s", seed, prefix,
                                acks, listed.stream().map(TokenKey::accountId).filter(a -> a.startsWith(prefix + "-")).toList(), child.sawDone())
                        .isBetween((long) acks.size(), acks.size() + 1L);
                if (kept > acks.size()) {
                    inFlightKept++;
                    assertThat(store.load(key(prefix + "-" + acks.size()))).contains(ChildWriter.token(prefix + "-" + acks.size()));
                }
            }
        }

        // the whole history at the end, decrypted in one pass
        RecordFiles files = RecordFiles.open(stores, JsonTokenStore.STORE, List.of("provider", "account"), StoreKeys.aead(keys), Optional.empty());
        Map<String, OAuthToken> all = new HashMap<>();
        for (RecordFiles.Opened opened : files.getAll(USER)) {
            all.put(opened.id().get(1), TokenCodec.decode(opened.plaintext()));
        }
        int totalAcked = acknowledged.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(all).hasSize(totalAcked + inFlightKept);
        acknowledged.forEach((prefix, count) -> {
            for (long i = 0; i < count; i++) {
                assertThat(all.get(prefix + "-" + i)).as("seed %d %s-%d", seed, prefix, i).isEqualTo(ChildWriter.token(prefix + "-" + i));
            }
        });
        assertThat(acknowledged).hasSize(KILLS + KILLS % 2);
        assertThat(killedWhileWriting).as("every child was killed while still writing").isEqualTo(acknowledged.size());
        assertThat(totalAcked).as("the children did write").isPositive();
    }

    private static TokenKey key(String account) {
        return TokenKey.of(USER, "google", account);
    }

}
