package dev.personaltracker.calendar.spi;

import java.net.URI;
import java.util.Set;

/**
 * A calendar service, found by {@link java.util.ServiceLoader} (each provider jar lists its class in
 * {@code META-INF/services/dev.personaltracker.calendar.spi.CalendarProvider}) or registered explicitly.
 * <p>
 * Implementations have a public no-argument constructor that does no I/O; network and authorization work happens in
 * {@link #authorizationUrl}, {@link #exchangeCode} and {@link #connect}. Implementations are thread-safe.
 * <p>
 * The library, not the provider, makes the OAuth {@code state} and the PKCE verifier, checks the state on the way
 * back (single use, expiring) and stores the grant: a provider only builds the URL and exchanges the code.
 */
public interface CalendarProvider {

    /**
     * Gets the stable id of this provider, such as {@code "google"}, {@code "outlook"} or {@code "ics"}.
     *
     * @return the id, lowercase, not null
     */
    String id();

    /** @return a human-readable name, by default the id */
    default String displayName() {
        return id();
    }

    /** @return true if accounts of this provider are authorized with OAuth (false for, say, public iCalendar feeds) */
    default boolean usesOAuth() {
        return true;
    }

    /**
     * Gets the scopes this provider asks for with these settings: the least set for reading busy time and writing
     * the library's own events (read scopes only when {@link ProviderSettings#readOnly()}), plus
     * {@link ProviderSettings#scopes()}.
     *
     * @param settings  the settings, not null
     * @return the scopes, not null
     */
    default Set<String> scopes(ProviderSettings settings) {
        return settings.scopes();
    }

    /**
     * Builds the URL at which the person grants access.
     *
     * @param settings  the client settings, not null
     * @param parameters  redirect, state and PKCE challenge, not null
     * @return the URL to send the person to, not null
     * @throws BadSettingsException if the settings lack what the provider needs (the client id, say)
     * @throws UnsupportedOperationException if this provider does not use OAuth
     */
    default URI authorizationUrl(ProviderSettings settings, AuthorizationParameters parameters) {
        throw new UnsupportedOperationException("Provider '" + id() + "' does not use OAuth");
    }

    /**
     * Exchanges an authorization code for a grant and finds out which account it belongs to.
     *
     * @param settings  the client settings, not null
     * @param code  the code with its redirect URI and PKCE verifier, not null
     * @return the account and its grant, not null
     * @throws AuthorizationException if the token endpoint refuses the code
     * @throws UnsupportedOperationException if this provider does not use OAuth
     */
    default AuthorizedAccount exchangeCode(ProviderSettings settings, AuthorizationCode code) {
        throw new UnsupportedOperationException("Provider '" + id() + "' does not use OAuth");
    }

    /**
     * Opens a connection to one account. Cheap: it may check the settings but does no network I/O until used.
     *
     * @param settings  the settings, not null
     * @param credentials  how to authenticate, not null
     * @return the connection, not null
     * @throws BadSettingsException if the settings are incomplete or inconsistent
     */
    CalendarConnection connect(ProviderSettings settings, Credentials credentials);

    /**
     * Names the {@linkplain ProviderSettings#property(String) properties} this provider reads, so that a misspelled
     * one ({@code sources.uni} for {@code source.uni}) is refused with a "did you mean" message instead of being
     * silently ignored. An entry ending in {@code .*} stands for every property with that prefix and a non-empty
     * rest ({@code source.*} matches {@code source.uni}).
     * <p>
     * The default, an empty set, means the provider does not say, and no property is checked (providers written
     * before this method existed keep working); every provider of this library names its properties.
     *
     * @return the property names and {@code prefix.*} patterns, not null
     */
    default Set<String> propertyNames() {
        return Set.of();
    }

    /**
     * Gets the reader of this service's change notifications, for the host's notification endpoint; empty (the
     * default) if the service sends none and polling is the only way to learn of changes.
     *
     * @return the decoder, empty if the service has no push notifications
     */
    default java.util.Optional<NotificationDecoder> notificationDecoder() {
        return java.util.Optional.empty();
    }
}
