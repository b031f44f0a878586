package dev.personaltracker.calendar.spi.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.TokenStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TokenStore} promises. An implementation's test extends this class and supplies a fresh,
 * empty store from {@link #newStore()}; persistent stores may also override {@link #reopen(TokenStore)} so that every
 * read goes through a second instance over the same data.
 */
public abstract class TokenStoreContract {

    /** A token with every optional part present. */
    protected static final OAuthToken FULL = new OAuthToken("access-full", Optional.of("refresh-full"),
            Optional.of(Instant.parse("2026-03-01T10:15:30.123456789Z")), Set.of("calendar.read", "calendar.write"),
            Optional.of("{\"msal\":\"cache\"}"), TokenHealth.REAUTHORIZATION_REQUIRED);

    /** A token with every optional part absent. */
    protected static final OAuthToken BARE = OAuthToken.of("access-bare", Optional.empty(), Optional.empty(), Set.of());

    private TokenStore store;

    /**
     * @return a new, empty store, not null
     */
    protected abstract TokenStore newStore();

    /**
     * Obtains a second view of the same data, for example a new instance over the same files. The default returns
     * the store itself.
     *
     * @param written  the store written to, not null
     * @return the store to read from, not null
     */
    protected TokenStore reopen(TokenStore written) {
        return written;
    }

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    @Test
    void load_unknownKey_isEmpty() {
        assertThat(store.load(TokenKey.of("u", "google", "a@example.com"))).isEmpty();
    }

    @Test
    void save_thenLoad_returnsEveryField() {
        TokenKey key = TokenKey.of("u", "outlook", "a@example.com");
        store.save(key, FULL);
        assertThat(reopen(store).load(key)).contains(FULL);
    }

    @Test
    void save_thenLoad_keepsAbsentParts() {
        TokenKey key = TokenKey.of("u", "google", "a@example.com");
        store.save(key, BARE);
        assertThat(reopen(store).load(key)).contains(BARE);
    }

    @Test
    void save_replacesTokenUnderSameKey() {
        TokenKey key = TokenKey.of("u", "google", "a@example.com");
        store.save(key, FULL);
        store.save(key, BARE);
        assertThat(reopen(store).load(key)).contains(BARE);
        assertThat(reopen(store).list("u")).containsExactly(key);
    }

    @Test
    void keysDifferingInOnePart_areKeptApart() {
        TokenKey base = TokenKey.of("u", "google", "a");
        TokenKey otherUser = TokenKey.of("v", "google", "a");
        TokenKey otherProvider = TokenKey.of("u", "outlook", "a");
        TokenKey otherAccount = TokenKey.of("u", "google", "b");
        // the parts joined naively would collide: "u|google" + "a" versus "u" + "google|a"
        TokenKey shiftedSeparator = TokenKey.of("u|google", "x", "a");
        List<TokenKey> keys = List.of(base, otherUser, otherProvider, otherAccount, shiftedSeparator);
        for (int i = 0; i < keys.size(); i++) {
            store.save(keys.get(i), token("access-" + i));
        }
        TokenStore reader = reopen(store);
        for (int i = 0; i < keys.size(); i++) {
            assertThat(reader.load(keys.get(i))).as(keys.get(i).toString()).contains(token("access-" + i));
        }
    }

    @Test
    void unicodeAndPunctuationInIds_roundTrip() {
        TokenKey key = TokenKey.of("Zoë / ../ \u00e9\u4e2d", "google", "o'brien+tag@example.com");
        store.save(key, FULL);
        assertThat(reopen(store).load(key)).contains(FULL);
        assertThat(reopen(store).list("Zoë / ../ \u00e9\u4e2d")).containsExactly(key);
    }

    @Test
    void list_isSortedByProviderThenAccount_andHoldsOnlyThatUser() {
        TokenKey c = TokenKey.of("u", "outlook", "a@example.com");
        TokenKey b = TokenKey.of("u", "google", "z@example.com");
        TokenKey a = TokenKey.of("u", "google", "b@example.com");
        store.save(c, BARE);
        store.save(b, BARE);
        store.save(a, BARE);
        store.save(TokenKey.of("someone-else", "google", "a@example.com"), BARE);
        assertThat(reopen(store).list("u")).containsExactly(a, b, c);
    }

    @Test
    void list_unknownUser_isEmpty() {
        assertThat(store.list("nobody")).isEmpty();
    }

    @Test
    void delete_removesOnlyThatKey_andSaysSoOnce() {
        TokenKey gone = TokenKey.of("u", "google", "a@example.com");
        TokenKey kept = TokenKey.of("u", "google", "b@example.com");
        store.save(gone, FULL);
        store.save(kept, BARE);
        assertThat(store.delete(gone)).isTrue();
        assertThat(store.delete(gone)).isFalse();
        assertThat(reopen(store).load(gone)).isEmpty();
        assertThat(reopen(store).load(kept)).contains(BARE);
        assertThat(reopen(store).list("u")).containsExactly(kept);
    }

    @Test
    void delete_unknownKey_isFalse() {
        assertThat(store.delete(TokenKey.of("u", "google", "a@example.com"))).isFalse();
    }

    @Test
    void deleteLastToken_thenSaveAgain_works() {
        TokenKey key = TokenKey.of("u", "google", "a@example.com");
        store.save(key, FULL);
        store.delete(key);
        assertThat(reopen(store).list("u")).isEmpty();
        store.save(key, BARE);
        assertThat(reopen(store).load(key)).contains(BARE);
    }

    @Test
    void nullArguments_areRefused() {
        TokenKey key = TokenKey.of("u", "google", "a@example.com");
        assertThatNullPointerException().isThrownBy(() -> store.save(null, BARE));
        assertThatNullPointerException().isThrownBy(() -> store.save(key, null));
        assertThatNullPointerException().isThrownBy(() -> store.load(null));
        assertThatNullPointerException().isThrownBy(() -> store.list(null));
        assertThatNullPointerException().isThrownBy(() -> store.delete(null));
    }

    @Test
    void replace_replacesOnlyTheExpectedToken() {
        TokenKey key = TokenKey.of("u", "google", "a@example.com");
        TokenKey absent = TokenKey.of("u", "google", "none@example.com");
        store.save(key, token("first"));

        assertThat(store.replace(key, token("someone-else"), token("lost"))).isFalse();
        assertThat(reopen(store).load(key)).contains(token("first"));
        assertThat(store.replace(absent, token("first"), token("lost"))).isFalse();
        assertThat(reopen(store).load(absent)).isEmpty();
        assertThat(store.replace(key, token("first"), token("second"))).isTrue();
        assertThat(reopen(store).load(key)).contains(token("second"));
        assertThat(reopen(store).replace(key, token("first"), token("stale"))).isFalse();
        assertThat(reopen(store).load(key)).contains(token("second"));
        assertThatNullPointerException().isThrownBy(() -> store.replace(key, null, BARE));
        assertThatNullPointerException().isThrownBy(() -> store.replace(key, BARE, null));
    }

    /**
     * Several instances refresh the same grant at once, each replacing the token it read: exactly one wins, the store
     * ends with the winner's token, and every loser sees it when it loads again.
     */
    @Test
    void replace_concurrentRefreshes_exactlyOneWins() throws Exception {
        TokenKey key = TokenKey.of("u", "outlook", "a@example.com");
        store.save(key, token("old"));
        int refreshers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(refreshers);
        CountDownLatch loaded = new CountDownLatch(refreshers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < refreshers; i++) {
                TokenStore view = i % 2 == 0 ? store : reopen(store);
                OAuthToken mine = token("refreshed-" + i);
                results.add(pool.submit(() -> {
                    OAuthToken read = view.load(key).orElseThrow();
                    loaded.countDown();
                    start.await();
                    return view.replace(key, read, mine);
                }));
            }
            assertThat(loaded.await(60, TimeUnit.SECONDS)).isTrue();
            start.countDown();
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < refreshers; i++) {
                if (results.get(i).get(60, TimeUnit.SECONDS)) {
                    winners.add(i);
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(reopen(store).load(key)).contains(token("refreshed-" + winners.get(0)));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * @param access  the access token text, not null
     * @return a token carrying that access token and a matching refresh token
     */
    protected static OAuthToken token(String access) {
        return OAuthToken.of(access, Optional.of("refresh-of-" + access), Optional.empty(), Set.of("s"));
    }

    @Test
    void lookAlikeUserIds_areKeptApart() {
        List<String> users = LookAlikeUserIds.all();
        for (int i = 0; i < users.size(); i++) {
            store.save(TokenKey.of(users.get(i), "google", "a@example.com"), token("access-" + i));
        }
        TokenStore reader = reopen(store);
        for (int i = 0; i < users.size(); i++) {
            TokenKey key = TokenKey.of(users.get(i), "google", "a@example.com");
            assertThat(reader.load(key)).as(users.get(i)).contains(token("access-" + i));
            assertThat(reader.list(users.get(i))).as(users.get(i)).containsExactly(key);
        }
        // a compare-and-set keyed by one spelling never writes the grant of another
        TokenKey sam = TokenKey.of("sam", "google", "a@example.com");
        TokenKey samUpper = TokenKey.of("Sam", "google", "a@example.com");
        assertThat(store.replace(samUpper, token("access-0"), token("stolen"))).isFalse();
        assertThat(reopen(store).load(samUpper)).contains(token("access-" + users.indexOf("Sam")));
        assertThat(reopen(store).load(sam)).contains(token("access-0"));
    }

    @Test
    void invalidUserIds_areRefusedOnEveryPath() {
        for (String bad : ContractUserIds.INVALID) {
            assertThatThrownBy(() -> TokenKey.of(bad, "google", "a")).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("userId");
            assertThatThrownBy(() -> store.list(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
