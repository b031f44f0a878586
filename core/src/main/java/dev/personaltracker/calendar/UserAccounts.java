package dev.personaltracker.calendar;

import dev.personaltracker.calendar.auth.PendingAuthorization;
import dev.personaltracker.calendar.spi.AuthorizationCode;
import dev.personaltracker.calendar.spi.AuthorizationParameters;
import dev.personaltracker.calendar.spi.AuthorizedAccount;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.NotConnectedException;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.TokenKey;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts part of a {@link UserTracker}: connecting calendar accounts (without an account, with a host-held
 * access token, through OAuth, or from the grants in the token store), the open connections, and disconnecting.
 * Called with the user's lock held.
 */
final class UserAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(UserTracker.class);

    private final StudyTracker tracker;
    private final String userId;
    private final Map<AccountRef, ConnectedAccount> connected = new LinkedHashMap<>();

    UserAccounts(StudyTracker tracker, String userId) {
        this.tracker = tracker;
        this.userId = userId;
    }

    /** Connects an account that needs no credentials with the given settings. */
    AccountRef connect(CalendarProvider provider, ProviderSettings settings) {
        return register(provider.connect(settings, Credentials.none()));
    }

    /** Connects an account with an access token the host holds. */
    AccountRef connectWithAccessToken(CalendarProvider provider, Credentials credentials) {
        return register(provider.connect(tracker.settings(provider.id()), credentials));
    }

    /** Starts an OAuth authorization. Needs no lock. */
    AuthorizationRequest beginAuthorization(String providerId, URI redirectUri, Optional<String> loginHint) {
        CalendarProvider provider = oauthProvider(providerId);
        PendingAuthorization pending = tracker.pendingAuthorizations().begin(userId, providerId, redirectUri);
        URI url = provider.authorizationUrl(tracker.settings(providerId),
                new AuthorizationParameters(redirectUri, pending.state(), pending.pkce().challenge(), loginHint));
        return new AuthorizationRequest(providerId, url, pending.state());
    }

    /** The redirect URI of a provider's settings, for {@link #beginAuthorization}. Needs no lock. */
    URI redirectUri(String providerId) {
        oauthProvider(providerId);
        return tracker.settings(providerId).redirectUri().orElseThrow(() -> new BadSettingsException(
                "The settings of provider '" + providerId + "' have no redirectUri: set one with "
                        + "ProviderSettings.builder().redirectUri(...) or pass it to beginAuthorization"));
    }

    /**
     * Completes an OAuth authorization: checks the state, exchanges the code and saves the grant. Needs no lock.
     *
     * @return the connection of the authorized account, to be {@linkplain #register registered} under the lock
     */
    CalendarConnection completeAuthorization(String state, String code) {
        PendingAuthorization pending = tracker.pendingAuthorizations().complete(state, userId);
        CalendarProvider provider = tracker.providers().get(pending.providerId());
        ProviderSettings settings = tracker.settings(pending.providerId());
        AuthorizedAccount authorized = provider.exchangeCode(settings,
                new AuthorizationCode(code, pending.redirectUri(), pending.pkce().verifier()));
        TokenKey key = TokenKey.of(userId, provider.id(), authorized.accountId());
        tracker.tokenStore().save(key, authorized.token());
        LOG.info("User '{}' connected {} account '{}'", userId, provider.id(), authorized.accountId());
        return provider.connect(settings, Credentials.stored(tracker.tokenStore(), key));
    }

    /** Connects every account with a grant in the token store that is not connected yet. */
    List<AccountRef> connectStored() {
        List<AccountRef> added = new ArrayList<>();
        for (TokenKey key : tracker.tokenStore().list(userId)) {
            AccountRef ref = AccountRef.of(key.providerId(), key.accountId());
            if (connected.containsKey(ref)) {
                continue;
            }
            Optional<CalendarProvider> provider = tracker.providers().find(key.providerId());
            if (provider.isEmpty()) {
                LOG.warn("User '{}' has a stored grant for provider '{}', which is not known; skipped (known: {})",
                        userId, key.providerId(), tracker.providers().ids());
                continue;
            }
            CalendarConnection connection = provider.get().connect(tracker.settings(key.providerId()),
                    Credentials.stored(tracker.tokenStore(), key));
            added.add(register(connection, ref));
        }
        return added;
    }

    /** @return the connected accounts, in the order connected */
    List<AccountRef> refs() {
        return List.copyOf(connected.keySet());
    }

    /** @return the connected accounts with their connections, in the order connected */
    Collection<ConnectedAccount> all() {
        return connected.values();
    }

    /**
     * Finds a connected account.
     *
     * @throws NotConnectedException naming the account and the connected ones, if it is not connected
     */
    ConnectedAccount get(AccountRef ref) {
        Objects.requireNonNull(ref, "account");
        ConnectedAccount account = connected.get(ref);
        if (account == null) {
            throw new NotConnectedException("User '" + userId + "' has no connected account " + ref
                    + " (connected: " + connected.keySet() + "): connect it first");
        }
        return account;
    }

    /** Closes an account's connection and deletes its grant; true if it was connected. */
    boolean disconnect(AccountRef account) {
        ConnectedAccount removed = connected.remove(account);
        tracker.tokenStore().delete(TokenKey.of(userId, account.providerId(), account.accountId()));
        if (removed != null) {
            removed.connection().close();
        }
        return removed != null;
    }

    /** Closes and forgets every connection (the grants stay in the token store). */
    void closeAll() {
        connected.values().forEach(a -> a.connection().close());
        connected.clear();
    }

    AccountRef register(CalendarConnection connection) {
        return register(connection, AccountRef.of(connection.providerId(), connection.accountId()));
    }

    private AccountRef register(CalendarConnection connection, AccountRef ref) {
        boolean oauth = tracker.providers().find(ref.providerId()).map(CalendarProvider::usesOAuth).orElse(true);
        ConnectedAccount previous = connected.put(ref, new ConnectedAccount(ref, connection, !oauth));
        if (previous != null && previous.connection() != connection) {
            previous.connection().close();
        }
        return ref;
    }

    private CalendarProvider oauthProvider(String providerId) {
        CalendarProvider provider = tracker.providers().get(providerId);
        if (!provider.usesOAuth()) {
            throw new BadSettingsException("Provider '" + providerId + "' does not use OAuth: connect it with "
                    + "connect(\"" + providerId + "\") instead");
        }
        return provider;
    }
}
