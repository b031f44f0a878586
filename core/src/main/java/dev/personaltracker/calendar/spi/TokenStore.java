package dev.personaltracker.calendar.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps OAuth grants per (user, provider, account).
 * <p>
 * Implementations must be thread-safe; a {@code save} that returned is durable (for persistent stores) and is
 * seen by every later {@code load}. Implementations never log or print a token.
 */
public interface TokenStore {

    /**
     * Saves a token, replacing any token stored under the same key.
     *
     * @param key  the owner, not null
     * @param token  the token, not null
     */
    void save(TokenKey key, OAuthToken token);

    /**
     * Loads the token stored under a key.
     *
     * @param key  the owner, not null
     * @return the token, empty if none is stored
     */
    Optional<OAuthToken> load(TokenKey key);

    /**
     * Lists the keys stored for a user, sorted by provider id then account id.
     *
     * @param userId  the user, not null
     * @return the keys, not null
     */
    List<TokenKey> list(String userId);

    /**
     * Deletes the token stored under a key.
     *
     * @param key  the owner, not null
     * @return true if a token was deleted, false if none was stored
     */
    boolean delete(TokenKey key);

    /**
     * Replaces a token only if the stored token is still the one the caller read (compare-and-set). This is how a
     * provider writes a refreshed grant when several host instances share one store: it loads the token, refreshes it
     * and calls {@code replace(key, loaded, refreshed)}; if that returns false another instance refreshed first, and
     * the provider loads the stored token again and uses it instead of its own. A refresh token is thus never
     * overwritten by an older one, and the store ends with one valid token.
     * <p>
     * The default implementation loads, compares and saves under a lock of this JVM; it is atomic only against
     * callers of {@code replace} on the same store instance. Persistent stores shared by several processes override
     * it with an atomic operation of their own (a file lock, a row version).
     *
     * @param key  the owner, not null
     * @param expected  the token the caller read, not null
     * @param updated  the token to store instead, not null
     * @return true if {@code expected} was stored and is now replaced by {@code updated}; false if the stored token
     *     was another (or none), which is then left as it was
     */
    default boolean replace(TokenKey key, OAuthToken expected, OAuthToken updated) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(updated, "updated");
        synchronized (this) {
            if (!load(key).equals(Optional.of(expected))) {
                return false;
            }
            save(key, updated);
            return true;
        }
    }
}
