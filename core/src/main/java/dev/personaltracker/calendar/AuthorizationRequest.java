package dev.personaltracker.calendar;

import java.net.URI;
import java.util.Objects;

/**
 * An OAuth authorization that {@link UserTracker#beginAuthorization} started: send the person to
 * {@link #authorizationUrl()}; when the browser comes back to the redirect URI with {@code code} and {@code state},
 * pass both to {@link UserTracker#completeAuthorization(String, String)}.
 * <p>
 * The state is single-use and expires (ten minutes by default). {@link #toString()} does not show it.
 *
 * @param providerId  the provider being authorized, not null
 * @param authorizationUrl  where to send the person, not null
 * @param state  the anti-forgery value the redirect will carry back, not null
 */
public record AuthorizationRequest(String providerId, URI authorizationUrl, String state) {

    /**
     * Validates the components.
     *
     * @param providerId  the provider being authorized, not null
     * @param authorizationUrl  where to send the person, not null
     * @param state  the anti-forgery value the redirect will carry back, not null
     */
    public AuthorizationRequest {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(authorizationUrl, "authorizationUrl");
        Objects.requireNonNull(state, "state");
    }

    /** @return a description without the state or the URL (which carries the state) */
    @Override
    public String toString() {
        return "AuthorizationRequest[provider=" + providerId + ", state=(redacted)]";
    }
}
