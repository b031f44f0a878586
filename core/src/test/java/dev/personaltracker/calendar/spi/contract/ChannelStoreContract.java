package dev.personaltracker.calendar.spi.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.personaltracker.calendar.spi.ChangeChannel;
import dev.personaltracker.calendar.spi.ChannelStore;
import dev.personaltracker.calendar.spi.TokenKey;
import java.time.Duration;
import java.time.Instant;
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
 * The behaviour every {@link ChannelStore} promises. An implementation's test extends this class and supplies a fresh,
 * empty store from {@link #newStore()}; persistent stores may also override {@link #reopen(ChannelStore)} so that every
 * read goes through a second instance over the same data.
 * <p>
 * Expiry times are whole milliseconds: a store may keep no finer precision than microseconds.
 */
public abstract class ChannelStoreContract {

    /** Alice's Google account. */
    protected static final TokenKey ALICE_GOOGLE = TokenKey.of("alice", "google", "alice@example.com");
    /** Alice's Outlook account. */
    protected static final TokenKey ALICE_OUTLOOK = TokenKey.of("alice", "outlook", "alice@contoso.example");
    /** Bob's Google account. */
    protected static final TokenKey BOB_GOOGLE = TokenKey.of("bob", "google", "bob@example.com");
    /** Bob's second Google account. */
    protected static final TokenKey BOB_WORK = TokenKey.of("bob", "google", "bob@work.example");

    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");

    private ChannelStore store;

    /**
     * @return a new, empty store, not null
     */
    protected abstract ChannelStore newStore();

    /**
     * Obtains a second view of the same data, for example a new instance over the same files. The default returns
     * the store itself.
     *
     * @param written  the store written to, not null
     * @return the store to read from, not null
     */
    protected ChannelStore reopen(ChannelStore written) {
        return written;
    }

    /**
     * Obtains a channel with a secret derived from its id.
     *
     * @param channelId  the id, not blank
     * @param account  the account, not null
     * @param calendarId  the calendar, not blank
     * @return the channel, not null
     */
    protected static ChangeChannel channel(String channelId, TokenKey account, String calendarId) {
        return new ChangeChannel(channelId, account, calendarId, "res-" + channelId, T0, "secret-" + channelId);
    }

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    @Test
    void emptyStore_findsNothingAndListsNothing() {
        assertThat(store.find("unknown")).isEmpty();
        assertThat(store.forUser("alice")).isEmpty();
        assertThat(store.all()).isEmpty();
        assertThat(store.delete("unknown")).isFalse();
    }

    @Test
    void save_thenFind_returnsEveryComponent() {
        ChangeChannel saved = new ChangeChannel("ch-1", ALICE_OUTLOOK, "AAMkAGI2=", "https://graph/res/1",
                T0.plus(Duration.ofDays(3)), "client-state-1");
        store.save(saved);
        ChangeChannel found = reopen(store).find("ch-1").orElseThrow();
        assertThat(found).isEqualTo(saved);
        assertThat(found.secret()).isEqualTo("client-state-1");
        assertThat(found.account()).isEqualTo(ALICE_OUTLOOK);
    }

    @Test
    void emptyResourceId_roundTrips() {
        ChangeChannel saved = new ChangeChannel("ch-graph", ALICE_OUTLOOK, "primary", "", T0, "s");
        store.save(saved);
        assertThat(reopen(store).find("ch-graph")).contains(saved);
    }

    @Test
    void secret_roundTripsExactly() {
        String secret = " \u00e9\u4e2d\uD83D\uDE00\"\\\n\t{}'" + "x".repeat(4_000) + "= ";
        ChangeChannel saved = new ChangeChannel("ch-odd", BOB_GOOGLE, "primary", "r", T0, secret);
        store.save(saved);
        assertThat(reopen(store).find("ch-odd").orElseThrow().secret()).isEqualTo(secret);
    }

    @Test
    void save_sameId_replacesEveryComponent() {
        store.save(channel("ch-1", ALICE_GOOGLE, "primary"));
        ChangeChannel replacement = new ChangeChannel("ch-1", BOB_WORK, "work", "res-2", T0.plusSeconds(60), "secret-2");
        store.save(replacement);
        ChannelStore reader = reopen(store);
        assertThat(reader.find("ch-1")).contains(replacement);
        assertThat(reader.all()).containsExactly(replacement);
        assertThat(reader.forUser("alice")).isEmpty();
        assertThat(reader.forUser("bob")).containsExactly(replacement);
    }

    @Test
    void renewedWithNewId_coexistsUntilTheOldIsDeleted() {
        ChangeChannel old = channel("ch-old", ALICE_GOOGLE, "primary");
        store.save(old);
        ChangeChannel renewed = old.renewed("ch-new", "res-new", T0.plus(Duration.ofDays(7)));
        store.save(renewed);
        ChannelStore reader = reopen(store);
        assertThat(reader.find("ch-old")).contains(old);
        assertThat(reader.find("ch-new")).contains(renewed);
        assertThat(reader.find("ch-new").orElseThrow().secret()).isEqualTo(old.secret());
        assertThat(reader.forUser("alice")).containsExactlyInAnyOrder(old, renewed);

        assertThat(store.delete("ch-old")).isTrue();
        assertThat(reopen(store).find("ch-old")).isEmpty();
        assertThat(reopen(store).forUser("alice")).containsExactly(renewed);
    }

    @Test
    void renewedWithSameId_replacesTheChannel() {
        ChangeChannel old = channel("ch-1", ALICE_GOOGLE, "primary");
        store.save(old);
        ChangeChannel renewed = old.renewed("ch-1", "res-2", T0.plus(Duration.ofDays(5)));
        store.save(renewed);
        assertThat(reopen(store).all()).containsExactly(renewed);
    }

    @Test
    void delete_returnsWhetherThereWasOne_andForgetsOnlyThatChannel() {
        store.save(channel("ch-1", ALICE_GOOGLE, "primary"));
        store.save(channel("ch-2", ALICE_GOOGLE, "work"));
        assertThat(store.delete("ch-1")).isTrue();
        assertThat(store.delete("ch-1")).isFalse();
        assertThat(store.delete("never-saved")).isFalse();
        ChannelStore reader = reopen(store);
        assertThat(reader.find("ch-1")).isEmpty();
        assertThat(reader.find("ch-2")).contains(channel("ch-2", ALICE_GOOGLE, "work"));
    }

    @Test
    void delete_lastChannel_leavesAnEmptyStoreThatStillWorks() {
        store.save(channel("ch-1", ALICE_GOOGLE, "primary"));
        assertThat(store.delete("ch-1")).isTrue();
        assertThat(reopen(store).all()).isEmpty();
        store.save(channel("ch-2", BOB_GOOGLE, "primary"));
        assertThat(reopen(store).all()).containsExactly(channel("ch-2", BOB_GOOGLE, "primary"));
    }

    @Test
    void forUser_listsOnlyThatUsersChannels_overAllTheirAccounts() {
        List<ChangeChannel> alice = List.of(channel("a-1", ALICE_GOOGLE, "primary"), channel("a-2", ALICE_GOOGLE, "work"),
                channel("a-3", ALICE_OUTLOOK, "AAMk=="));
        List<ChangeChannel> bob = List.of(channel("b-1", BOB_GOOGLE, "primary"), channel("b-2", BOB_WORK, "primary"));
        // interleaved, so that no store passes by returning the channels in the order they were saved
        store.save(bob.get(1));
        store.save(alice.get(2));
        store.save(bob.get(0));
        store.save(alice.get(0));
        store.save(alice.get(1));
        ChannelStore reader = reopen(store);
        assertThat(reader.forUser("alice")).containsExactlyInAnyOrderElementsOf(alice);
        assertThat(reader.forUser("bob")).containsExactlyInAnyOrderElementsOf(bob);
        assertThat(reader.forUser("carol")).isEmpty();
        assertThat(reader.forUser("alice@example.com")).isEmpty();
    }

    @Test
    void all_listsEveryUsersChannels() {
        List<ChangeChannel> every = List.of(channel("a-1", ALICE_GOOGLE, "primary"), channel("a-2", ALICE_OUTLOOK, "c"),
                channel("b-1", BOB_GOOGLE, "primary"), channel("b-2", BOB_WORK, "primary"));
        every.forEach(store::save);
        assertThat(reopen(store).all()).containsExactlyInAnyOrderElementsOf(every);
    }

    @Test
    void sameCalendarOfTwoUsers_areKeptApart() {
        ChangeChannel alice = channel("c-alice", TokenKey.of("alice", "google", "shared@example.com"), "shared-calendar");
        ChangeChannel bob = channel("c-bob", TokenKey.of("bob", "google", "shared@example.com"), "shared-calendar");
        store.save(alice);
        store.save(bob);
        assertThat(reopen(store).forUser("alice")).containsExactly(alice);
        assertThat(reopen(store).forUser("bob")).containsExactly(bob);
    }

    @Test
    void concurrentSaves_fromSeveralThreads_allLand() throws Exception {
        int threads = 4;
        int perThread = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        List<ChangeChannel> expected = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                TokenKey account = TokenKey.of("user-" + (t % 2), "google", "account-" + t + "@example.com");
                List<ChangeChannel> mine = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    mine.add(channel("t" + t + "-c" + i, account, "cal-" + i));
                }
                expected.addAll(mine);
                done.add(pool.submit(() -> {
                    start.await();
                    mine.forEach(store::save);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        ChannelStore reader = reopen(store);
        assertThat(reader.all()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(reader.forUser("user-0")).hasSize(2 * perThread);
        for (ChangeChannel c : expected) {
            assertThat(reader.find(c.channelId())).contains(c);
        }
    }

    @Test
    void nullArguments_areRefused() {
        assertThatNullPointerException().isThrownBy(() -> store.save(null));
        assertThatNullPointerException().isThrownBy(() -> store.find(null));
        assertThatNullPointerException().isThrownBy(() -> store.delete(null));
        assertThatNullPointerException().isThrownBy(() -> store.forUser(null));
    }

    @Test
    void lookAlikeUserIds_haveTheirOwnChannels() {
        List<String> users = LookAlikeUserIds.all();
        for (int i = 0; i < users.size(); i++) {
            store.save(channel("ch-" + i, TokenKey.of(users.get(i), "google", "a@example.com"), "primary"));
        }
        ChannelStore reader = reopen(store);
        for (int i = 0; i < users.size(); i++) {
            String user = users.get(i);
            assertThat(reader.forUser(user)).as(user).singleElement()
                    .satisfies(c -> assertThat(c.account().userId()).isEqualTo(user));
        }
        assertThat(reader.all()).hasSize(users.size());
    }

    @Test
    void invalidUserIds_areRefused() {
        for (String bad : ContractUserIds.INVALID) {
            assertThatThrownBy(() -> store.forUser(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
