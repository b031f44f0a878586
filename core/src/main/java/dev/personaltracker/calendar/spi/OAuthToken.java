package dev.personaltracker.calendar.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An OAuth grant for one account, as a {@link TokenStore} keeps it.
 * <p>
 * {@link #toString()} never shows the access token, the refresh token or the provider state: it says only which
 * of them are present, the expiry, the scopes and the health.
 *
 * @param accessToken  the bearer token, may be empty when only {@code providerState} is used, not null
 * @param refreshToken  the refresh token, if the provider issued one
 * @param expiresAt  when the access token expires, if known
 * @param scopes  the granted scopes, not null
 * @param providerState  opaque, secret provider-owned state (for example the MSAL token cache), if any
 * @param health  whether the grant still works, not null
 */
public record OAuthToken(
        String accessToken,
        Optional<String> refreshToken,
        Optional<Instant> expiresAt,
        Set<String> scopes,
        Optional<String> providerState,
        TokenHealth health) {

    /**
     * Validates and copies the components.
     *
     * @param accessToken  the bearer token, may be empty when only {@code providerState} is used, not null
     * @param refreshToken  the refresh token, if the provider issued one
     * @param expiresAt  when the access token expires, if known
     * @param scopes  the granted scopes, not null
     * @param providerState  opaque, secret provider-owned state (for example the MSAL token cache), if any
     * @param health  whether the grant still works, not null
     */
    public OAuthToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = Set.copyOf(Objects.requireNonNull(scopes, "scopes"));
        Objects.requireNonNull(providerState, "providerState");
        Objects.requireNonNull(health, "health");
    }

    /**
     * Obtains a healthy token with no provider state.
     *
     * @param accessToken  the bearer token, not null
     * @param refreshToken  the refresh token, if any
     * @param expiresAt  the access token's expiry, if known
     * @param scopes  the granted scopes, not null
     * @return the token, not null
     */
    public static OAuthToken of(String accessToken, Optional<String> refreshToken, Optional<Instant> expiresAt, Set<String> scopes) {
        return new OAuthToken(accessToken, refreshToken, expiresAt, scopes, Optional.empty(), TokenHealth.HEALTHY);
    }

    /**
     * Checks if the access token has expired, or will within {@code margin}, at {@code now}.
     * A token with no known expiry is never considered expired.
     *
     * @param now  the current instant, not null
     * @param margin  how early to consider it expired, not null
     * @return true if it should be refreshed before use
     */
    public boolean expiresWithin(Instant now, Duration margin) {
        return expiresAt.map(e -> !now.plus(margin).isBefore(e)).orElse(false);
    }

    /**
     *
     * @param health  the new health, not null
     * @return a copy with that health
     */
    public OAuthToken withHealth(TokenHealth health) {
        return new OAuthToken(accessToken, refreshToken, expiresAt, scopes, providerState, health);
    }

    /**
     *
     * @param providerState  the new opaque provider state, not null
     * @return a copy with that provider state
     */
    public OAuthToken withProviderState(String providerState) {
        return new OAuthToken(accessToken, refreshToken, expiresAt, scopes, Optional.of(providerState), health);
    }

    /** @return a description without any secret */
    @Override
    public String toString() {
        return "OAuthToken[accessToken=" + (accessToken.isEmpty() ? "(none)" : "(redacted)")
                + ", refreshToken=" + (refreshToken.isPresent() ? "(redacted)" : "(none)")
                + ", expiresAt=" + expiresAt.map(Instant::toString).orElse("(unknown)")
                + ", scopes=" + new TreeSet<>(scopes)
                + ", providerState=" + (providerState.isPresent() ? "(redacted)" : "(none)")
                + ", health=" + health + "]";
    }
}
