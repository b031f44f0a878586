package dev.personaltracker.calendar.memory;

import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.TokenStore;
import dev.personaltracker.calendar.spi.UserIds;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link TokenStore} in memory. Thread-safe.
 */
public final class InMemoryTokenStore implements TokenStore {

    private final ConcurrentMap<TokenKey, OAuthToken> tokens = new ConcurrentHashMap<>();

    private InMemoryTokenStore() {
    }

    /** @return a new, empty store */
    public static InMemoryTokenStore create() {
        return new InMemoryTokenStore();
    }

    @Override
    public void save(TokenKey key, OAuthToken token) {
        tokens.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(token, "token"));
    }

    @Override
    public Optional<OAuthToken> load(TokenKey key) {
        return Optional.ofNullable(tokens.get(Objects.requireNonNull(key, "key")));
    }

    @Override
    public List<TokenKey> list(String userId) {
        UserIds.require(userId);
        return tokens.keySet().stream()
                .filter(k -> k.userId().equals(userId))
                .sorted(Comparator.comparing(TokenKey::providerId).thenComparing(TokenKey::accountId))
                .toList();
    }

    @Override
    public boolean delete(TokenKey key) {
        return tokens.remove(Objects.requireNonNull(key, "key")) != null;
    }

    /**
     * {@inheritDoc}
     * <p>
     * Atomic ({@link ConcurrentMap#replace(Object, Object, Object)}).
     */
    @Override
    public boolean replace(TokenKey key, OAuthToken expected, OAuthToken updated) {
        return tokens.replace(Objects.requireNonNull(key, "key"), Objects.requireNonNull(expected, "expected"),
                Objects.requireNonNull(updated, "updated"));
    }

    @Override
    public String toString() {
        return "InMemoryTokenStore[" + tokens.size() + " tokens]";
    }
}
