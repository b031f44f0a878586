package dev.personaltracker.calendar.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link CalendarConnection} authenticates: a grant kept in a {@link TokenStore} (refreshed and written
 * back by the provider), an access token the host already holds, or nothing (for sources that need no account,
 * such as a public iCalendar feed).
 * <p>
 * {@link #toString()} never shows the access token. This class is immutable and thread-safe.
 */
public final class Credentials {

    private static final Credentials NONE = new Credentials(null, null, null, null);

    private final TokenStore store;
    private final TokenKey key;
    private final String accessToken;
    private final String userId;

    private Credentials(TokenStore store, TokenKey key, String accessToken, String userId) {
        this.store = store;
        this.key = key;
        this.accessToken = accessToken;
        this.userId = userId;
    }

    /**
     * Obtains credentials backed by a token store: the provider loads the grant under {@code key}, refreshes it
     * when needed and saves the refreshed grant back.
     *
     * @param store  the store, not null
     * @param key  the grant's key, not null
     * @return the credentials, not null
     */
    public static Credentials stored(TokenStore store, TokenKey key) {
        Objects.requireNonNull(key, "key");
        return new Credentials(Objects.requireNonNull(store, "store"), key, null, key.userId());
    }

    /**
     * Obtains credentials from an access token the host already holds. Nothing is stored or refreshed: when the
     * token expires, calls fail with {@link ReauthorizationRequiredException}.
     *
     * @param accessToken  the bearer token, not blank
     * @return the credentials, not null
     */
    public static Credentials accessToken(String accessToken) {
        Objects.requireNonNull(accessToken, "accessToken");
        if (accessToken.isBlank()) {
            throw new IllegalArgumentException("accessToken must not be blank");
        }
        return new Credentials(null, null, accessToken, null);
    }

    /**
     * Obtains credentials from an access token the host holds for one of its users. Like {@link #accessToken}, and
     * the provider keys the connection's sync state and caches by this user (and the account it finds), so users
     * sharing one {@link SyncStateStore} never see each other's state.
     *
     * @param userId  the host's id for the person, not blank
     * @param accessToken  the bearer token, not blank
     * @return the credentials, not null
     */
    public static Credentials accessTokenOf(String userId, String accessToken) {
        UserIds.require(userId);
        Credentials token = accessToken(accessToken);
        return new Credentials(null, null, token.accessToken, userId);
    }

    /** @return credentials for sources that need no account, not null */
    public static Credentials none() {
        return NONE;
    }

    /** @return the token store, present for {@link #stored} credentials */
    public Optional<TokenStore> tokenStore() {
        return Optional.ofNullable(store);
    }

    /** @return the grant's key, present for {@link #stored} credentials */
    public Optional<TokenKey> tokenKey() {
        return Optional.ofNullable(key);
    }

    /**
     * @return the host's user these credentials belong to: the key's user for {@link #stored} credentials, the
     *     given user for {@link #accessTokenOf}; empty otherwise
     */
    public Optional<String> userId() {
        return Optional.ofNullable(userId);
    }

    /** @return the host-held access token, present for {@link #accessToken} credentials */
    public Optional<String> accessToken() {
        return Optional.ofNullable(accessToken);
    }

    /** @return a description without the token */
    @Override
    public String toString() {
        if (key != null) {
            return "Credentials[stored " + key + "]";
        }
        if (accessToken == null) {
            return "Credentials[none]";
        }
        return userId == null ? "Credentials[access token (redacted)]"
                : "Credentials[access token (redacted) of user " + userId + "]";
    }
}
