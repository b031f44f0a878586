package dev.personaltracker.calendar.spi.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.personaltracker.calendar.spi.SyncStateStore;
import dev.personaltracker.calendar.spi.TokenKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SyncStateStore} promises. An implementation's test extends this class and supplies a
 * fresh, empty store from {@link #newStore()}; persistent stores may also override {@link #reopen(SyncStateStore)}.
 */
public abstract class SyncStateStoreContract {

    private static final TokenKey ALICE = TokenKey.of("alice", "google", "alice@example.com");
    private static final TokenKey BOB = TokenKey.of("bob", "google", "bob@example.com");

    private SyncStateStore store;

    /**
     * @return a new, empty store, not null
     */
    protected abstract SyncStateStore newStore();

    /**
     * Obtains a second view of the same data. The default returns the store itself.
     *
     * @param written  the store written to, not null
     * @return the store to read from, not null
     */
    protected SyncStateStore reopen(SyncStateStore written) {
        return written;
    }

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    @Test
    void load_nothingSaved_isEmpty() {
        assertThat(store.load(ALICE, "primary")).isEmpty();
    }

    @Test
    void save_thenLoad_returnsState() {
        store.save(ALICE, "primary", "sync-token-1");
        assertThat(reopen(store).load(ALICE, "primary")).contains("sync-token-1");
    }

    @Test
    void save_replacesState() {
        store.save(ALICE, "primary", "sync-token-1");
        store.save(ALICE, "primary", "sync-token-2");
        assertThat(reopen(store).load(ALICE, "primary")).contains("sync-token-2");
    }

    @Test
    void statesAreKeptApart_perCalendarAndAccount() {
        store.save(ALICE, "primary", "a-primary");
        store.save(ALICE, "work", "a-work");
        store.save(BOB, "primary", "b-primary");
        SyncStateStore reader = reopen(store);
        assertThat(reader.load(ALICE, "primary")).contains("a-primary");
        assertThat(reader.load(ALICE, "work")).contains("a-work");
        assertThat(reader.load(BOB, "primary")).contains("b-primary");
        assertThat(reader.load(TokenKey.of("alice", "outlook", "alice@example.com"), "primary")).isEmpty();
    }

    @Test
    void emptyAndLargeStates_roundTrip() {
        String large = "x".repeat(200_000) + "\u00e9\u4e2d\"\\\n";
        store.save(ALICE, "empty", "");
        store.save(ALICE, "large", large);
        assertThat(reopen(store).load(ALICE, "empty")).contains("");
        assertThat(reopen(store).load(ALICE, "large")).contains(large);
    }

    @Test
    void delete_forgetsOnlyThatCalendar() {
        store.save(ALICE, "primary", "a-primary");
        store.save(ALICE, "work", "a-work");
        store.delete(ALICE, "primary");
        store.delete(ALICE, "never-saved");
        assertThat(reopen(store).load(ALICE, "primary")).isEmpty();
        assertThat(reopen(store).load(ALICE, "work")).contains("a-work");
    }

    @Test
    void nullArguments_areRefused() {
        assertThatNullPointerException().isThrownBy(() -> store.save(null, "c", "s"));
        assertThatNullPointerException().isThrownBy(() -> store.save(ALICE, null, "s"));
        assertThatNullPointerException().isThrownBy(() -> store.save(ALICE, "c", null));
        assertThatNullPointerException().isThrownBy(() -> store.load(null, "c"));
        assertThatNullPointerException().isThrownBy(() -> store.load(ALICE, null));
        assertThatNullPointerException().isThrownBy(() -> store.delete(null, "c"));
        assertThatNullPointerException().isThrownBy(() -> store.delete(ALICE, null));
    }

    @Test
    void lookAlikeUserIds_haveTheirOwnStates() {
        java.util.List<String> users = LookAlikeUserIds.all();
        for (int i = 0; i < users.size(); i++) {
            store.save(TokenKey.of(users.get(i), "google", "a@example.com"), "primary", "state-" + i);
        }
        SyncStateStore reader = reopen(store);
        for (int i = 0; i < users.size(); i++) {
            assertThat(reader.load(TokenKey.of(users.get(i), "google", "a@example.com"), "primary")).as(users.get(i))
                    .contains("state-" + i);
        }
    }
}
