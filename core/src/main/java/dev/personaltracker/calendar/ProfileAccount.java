package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.TokenStore;
import java.net.URI;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One connected account in a {@link Profile}: which account, how it authenticates, the non-secret settings it was
 * connected with (when they were its own rather than the tracker's), and the calendars chosen to read.
 *
 * @param ref  the account, not null
 * @param link  how it authenticates, not null
 * @param settings  its own settings, empty when it uses the tracker's settings for its provider
 * @param readCalendars  the calendars chosen to read, empty for the default choice
 */
record ProfileAccount(AccountRef ref, Link link, Optional<Saved> settings, Optional<List<String>> readCalendars) {

    ProfileAccount {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(settings, "settings");
        readCalendars = readCalendars.map(List::copyOf);
    }

    /** How an account authenticates, which decides how it is connected again after a restart. */
    enum Link {
        /** No account at the provider (iCalendar files and feeds): connected again from its settings alone. */
        NONE,
        /** An OAuth grant in the token store: connected again if the grant is still there. */
        GRANT,
        /** An access token the host holds: connected again only when the host hands the token in again. */
        ACCESS_TOKEN
    }

    ProfileAccount withReadCalendars(Optional<List<String>> calendars) {
        return new ProfileAccount(ref, link, settings, calendars);
    }

    /**
     * The credentials to connect this account with again.
     *
     * @param userId  the person, not null
     * @param tokens  the token store, not null
     * @return the credentials, empty for an account whose access token only the host holds
     */
    Optional<Credentials> credentials(String userId, TokenStore tokens) {
        return switch (link) {
            case NONE -> Optional.of(Credentials.none());
            case GRANT -> Optional.of(Credentials.stored(tokens, TokenKey.of(userId, ref.providerId(), ref.accountId())));
            case ACCESS_TOKEN -> Optional.empty();
        };
    }

    /**
     * The non-secret part of a {@link ProviderSettings}: what is persisted of an account's own settings. Left out: the
     * client secret (taken from the tracker's settings of the provider when the client id matches), and what is not
     * data (retry policy, clock, sync-state store: taken from the tracker's settings of the provider).
     *
     * @param clientId  the OAuth client id, if set
     * @param redirectUri  the redirect URI, if set
     * @param scopes  extra scopes, sorted
     * @param apiBaseUrl  the API base URL, if set
     * @param authBaseUrl  the authorization server base URL, if set
     * @param readOnly  whether the account is read-only
     * @param properties  provider-specific properties, sorted by name
     */
    record Saved(Optional<String> clientId, Optional<URI> redirectUri, Set<String> scopes, Optional<URI> apiBaseUrl,
                 Optional<URI> authBaseUrl, boolean readOnly, Map<String, String> properties) {

        Saved {
            scopes = Collections.unmodifiableSet(new TreeSet<>(scopes));
            properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        }

        /** Keeps the non-secret part of settings. */
        static Saved of(ProviderSettings s) {
            return new Saved(s.clientId(), s.redirectUri(), s.scopes(), s.apiBaseUrl(), s.authBaseUrl(), s.readOnly(),
                    s.properties());
        }

        /**
         * Rebuilds settings from what was saved, with the runtime parts (retry policy, sync-state store, and the client
         * secret when the client id is the same) of the tracker's settings for the provider, and the tracker's clock.
         */
        ProviderSettings toSettings(ProviderSettings base, Clock clock) {
            ProviderSettings.Builder b = ProviderSettings.builder().readOnly(readOnly).retryPolicy(base.retryPolicy())
                    .readDeadline(base.readDeadline()).clock(clock);
            clientId.ifPresent(b::clientId);
            if (clientId.isPresent() && clientId.equals(base.clientId())) {
                base.clientSecret().ifPresent(b::clientSecret);
            }
            redirectUri.ifPresent(b::redirectUri);
            scopes.forEach(b::scope);
            apiBaseUrl.ifPresent(b::apiBaseUrl);
            authBaseUrl.ifPresent(b::authBaseUrl);
            base.syncStateStore().ifPresent(b::syncStateStore);
            properties.forEach(b::property);
            return b.build();
        }
    }
}
