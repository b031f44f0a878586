package dev.personaltracker.calendar.auth;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * An authorization that was started and not yet completed: who started it, for which provider, where the person
 * comes back to, and the PKCE verifier to send with the code. {@link #toString()} never shows the verifier or state.
 *
 * @param userId  the host's user, not null
 * @param providerId  the provider, not null
 * @param redirectUri  the redirect URI sent in the authorization request, not null
 * @param state  the single-use anti-forgery value, not null
 * @param pkce  the PKCE pair, not null
 * @param expiresAt  after this instant the state is refused, not null
 */
public record PendingAuthorization(String userId, String providerId, URI redirectUri, String state, Pkce pkce, Instant expiresAt) {

    /**
     * Validates the components.
     *
     * @param userId  the host's user, not null
     * @param providerId  the provider, not null
     * @param redirectUri  the redirect URI sent in the authorization request, not null
     * @param state  the single-use anti-forgery value, not null
     * @param pkce  the PKCE pair, not null
     * @param expiresAt  after this instant the state is refused, not null
     */
    public PendingAuthorization {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(pkce, "pkce");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "PendingAuthorization[user=" + userId + ", provider=" + providerId + ", redirectUri=" + redirectUri
                + ", state=(redacted), expiresAt=" + expiresAt + "]";
    }
}
