package dev.personaltracker.calendar.spi.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.spi.ProfileStore;
import dev.personaltracker.calendar.spi.StoreConflictException;
import dev.personaltracker.calendar.spi.StoredProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ProfileStore} promises: exact documents, versions that count saves, compare-and-set
 * saves that refuse a stale version with {@link StoreConflictException} and change nothing, users kept apart, and no
 * lost update under concurrent read-modify-write. An implementation's test extends this class and supplies a fresh,
 * empty store from {@link #newStore()}; persistent stores also override {@link #reopen(ProfileStore)} so that reads
 * (and the racing writers of the concurrency test) go through other instances over the same data.
 */
public abstract class ProfileStoreContract {

    /** A document with the characters an encoding may contain: line ends, tabs, percent signs, non-ASCII. */
    protected static final String DOCUMENT = "tracker-calendar-profile 1\naccount ics timetable\r\n\tzone=Europe/Zürich"
            + " 100% \u4e2d\u6587 \"quoted\" \\ {json:[1]}\n";

    private ProfileStore store;

    /**
     * @return a new, empty store, not null
     */
    protected abstract ProfileStore newStore();

    /**
     * Obtains a second view of the same data, for example a new instance over the same files or database. The
     * default returns the store itself.
     *
     * @param written  the store written to, not null
     * @return another view of the same data, not null
     */
    protected ProfileStore reopen(ProfileStore written) {
        return written;
    }

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    @Test
    void load_unknownUser_isEmpty() {
        assertThat(store.load("nobody")).isEmpty();
    }

    @Test
    void firstSave_withVersionZero_createsVersionOne_andKeepsTheExactDocument() {
        assertThat(store.save("u", DOCUMENT, 0)).isEqualTo(1);

        assertThat(reopen(store).load("u")).contains(new StoredProfile("u", DOCUMENT, 1));
    }

    @Test
    void save_withTheCurrentVersion_replacesTheDocument_andCountsUp() {
        long v1 = store.save("u", "one", 0);
        long v2 = store.save("u", "two", v1);
        long v3 = reopen(store).save("u", "three", v2);

        assertThat(List.of(v1, v2, v3)).containsExactly(1L, 2L, 3L);
        assertThat(reopen(store).load("u")).contains(new StoredProfile("u", "three", 3));
    }

    @Test
    void save_withAStaleVersion_isAConflict_andChangesNothing() {
        store.save("u", "one", 0);
        store.save("u", "two", 1);

        assertThatThrownBy(() -> store.save("u", "lost", 1))
                .isInstanceOfSatisfying(StoreConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.actualVersion()).isEqualTo(2);
                    assertThat(e.record()).contains("u");
                    assertThat(e.getMessage()).doesNotContain("lost").doesNotContain("two");
                });
        assertThat(reopen(store).load("u")).contains(new StoredProfile("u", "two", 2));
    }

    @Test
    void create_whenOneIsStored_isAConflict() {
        store.save("u", "first", 0);

        assertThatThrownBy(() -> reopen(store).save("u", "second", 0))
                .isInstanceOfSatisfying(StoreConflictException.class, e -> assertThat(e.actualVersion()).isEqualTo(1));
        assertThat(reopen(store).load("u")).contains(new StoredProfile("u", "first", 1));
    }

    @Test
    void update_whenNoneIsStored_isAConflict() {
        assertThatThrownBy(() -> store.save("u", "doc", 3))
                .isInstanceOfSatisfying(StoreConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(3);
                    assertThat(e.actualVersion()).isZero();
                });
        assertThat(reopen(store).load("u")).isEmpty();
    }

    @Test
    void users_areKeptApart_includingIdsThatLookAlike() {
        List<String> users = List.of("u", "U", "u ", "u/x", "Zoë / ../ \u4e2d", "o'brien+tag@example.com");
        for (int i = 0; i < users.size(); i++) {
            store.save(users.get(i), "doc-" + i, 0);
        }
        store.save("u", "doc-0b", 1);
        ProfileStore reader = reopen(store);
        assertThat(reader.load("u")).contains(new StoredProfile("u", "doc-0b", 2));
        for (int i = 1; i < users.size(); i++) {
            assertThat(reader.load(users.get(i))).as(users.get(i)).contains(new StoredProfile(users.get(i), "doc-" + i, 1));
        }
    }

    @Test
    void emptyAndLargeDocuments_roundTrip() {
        String large = "line with 100% \u00e9\n".repeat(20_000);
        store.save("empty", "", 0);
        store.save("large", large, 0);

        assertThat(reopen(store).load("empty")).contains(new StoredProfile("empty", "", 1));
        assertThat(reopen(store).load("large").map(StoredProfile::document)).contains(large);
    }

    @Test
    void delete_removesOnlyThatUser_andSaysSoOnce_andCreateWorksAgain() {
        store.save("gone", "a", 0);
        store.save("gone", "b", 1);
        store.save("kept", "k", 0);

        assertThat(store.delete("gone")).isTrue();
        assertThat(store.delete("gone")).isFalse();
        assertThat(reopen(store).load("gone")).isEmpty();
        assertThat(reopen(store).load("kept")).contains(new StoredProfile("kept", "k", 1));
        assertThatThrownBy(() -> store.save("gone", "stale", 2)).isInstanceOf(StoreConflictException.class);
        assertThat(store.save("gone", "again", 0)).isEqualTo(1);
        assertThat(reopen(store).load("gone")).contains(new StoredProfile("gone", "again", 1));
    }

    @Test
    void badArguments_areRefused() {
        assertThatNullPointerException().isThrownBy(() -> store.load(null));
        assertThatNullPointerException().isThrownBy(() -> store.save(null, "d", 0));
        assertThatNullPointerException().isThrownBy(() -> store.save("u", null, 0));
        assertThatNullPointerException().isThrownBy(() -> store.delete(null));
        assertThatIllegalArgumentException().isThrownBy(() -> store.save("u", "d", -1)).withMessageContaining("-1");
        assertThatIllegalArgumentException().isThrownBy(() -> store.save(" ", "d", 0));
        assertThat(store.load("u")).isEmpty();
    }

    /**
     * Several writers (each on its own view of the data) append to one user's document with read, change, save and
     * retry on conflict: every acknowledged append is there afterwards, once, and the version counts every save.
     */
    @Test
    void concurrentReadModifyWrite_losesNoUpdate() throws Exception {
        int writers = 4;
        int appendsEach = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> conflicts = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String writer = "w" + w;
                ProfileStore view = w % 2 == 0 ? store : reopen(store);
                conflicts.add(pool.submit(() -> {
                    start.await();
                    int lost = 0;
                    for (int i = 0; i < appendsEach; i++) {
                        while (true) {
                            var current = view.load("shared");
                            String before = current.map(StoredProfile::document).orElse("");
                            long version = current.map(StoredProfile::version).orElse(0L);
                            try {
                                view.save("shared", before + writer + "-" + i + "\n", version);
                                break;
                            } catch (StoreConflictException e) {
                                lost++;
                            }
                        }
                    }
                    return lost;
                }));
            }
            start.countDown();
            for (Future<Integer> f : conflicts) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        StoredProfile end = reopen(store).load("shared").orElseThrow();
        assertThat(end.version()).isEqualTo(writers * appendsEach);
        List<String> lines = List.of(end.document().split("\n"));
        assertThat(lines).hasSize(writers * appendsEach).doesNotHaveDuplicates();
        for (int w = 0; w < writers; w++) {
            for (int i = 0; i < appendsEach; i++) {
                assertThat(lines).contains("w" + w + "-" + i);
            }
        }
    }

    @Test
    void lookAlikeUserIds_areKeptApart_onEveryStore() {
        List<String> users = LookAlikeUserIds.all();
        for (int i = 0; i < users.size(); i++) {
            store.save(users.get(i), "doc-" + i, 0);
        }
        ProfileStore reader = reopen(store);
        for (int i = 0; i < users.size(); i++) {
            assertThat(reader.load(users.get(i))).as(users.get(i)).contains(new StoredProfile(users.get(i), "doc-" + i, 1));
        }
        assertThat(store.delete("Jose\u0301")).isTrue();
        assertThat(reopen(store).load("Jos\u00e9")).isPresent();
        assertThat(reopen(store).load("Jose\u0301")).isEmpty();
    }

    @Test
    void invalidUserIds_areRefusedOnEveryPath() {
        for (String bad : ContractUserIds.INVALID) {
            assertThatThrownBy(() -> store.save(bad, "doc", 0)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("userId");
            assertThatThrownBy(() -> store.load(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.delete(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
