package dev.personaltracker.calendar.spi;

import java.util.List;
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
}
