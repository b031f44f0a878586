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

    private static final Credentials NONE = new Credentials(null, null, null);

    private final TokenStore store;
    private final TokenKey key;
    private final String accessToken;

    private Credentials(TokenStore store, TokenKey key, String accessToken) {
        this.store = store;
        this.key = key;
        this.accessToken = accessToken;
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
        return new Credentials(Objects.requireNonNull(store, "store"), Objects.requireNonNull(key, "key"), null);
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
        return new Credentials(null, null, accessToken);
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
        return accessToken != null ? "Credentials[access token (redacted)]" : "Credentials[none]";
    }
}
