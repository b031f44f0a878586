package dev.personaltracker.calendar;

import dev.personaltracker.calendar.ProfileAccount.Link;
import dev.personaltracker.calendar.ProfileAccount.Saved;
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
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.net.URI;
import java.time.ZoneId;
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
 * Each account connected is remembered in the person's {@link Profile} (how it connects, never a secret) before it
 * is used, so that {@link #restore()} connects it again after a restart. Called with the user's lock held.
 */
final class UserAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(UserTracker.class);

    private final StudyTracker tracker;
    private final String userId;
    private final UserSettings settings;
    private final Map<AccountRef, ConnectedAccount> connected = new LinkedHashMap<>();
    /** Accounts the person has that could not be connected, and why; cleared for an account once it connects. */
    private final Map<AccountRef, AccountProblem> problems = new LinkedHashMap<>();

    UserAccounts(StudyTracker tracker, String userId, UserSettings settings) {
        this.tracker = tracker;
        this.userId = userId;
        this.settings = settings;
    }

    /**
     * Connects an account that needs no credentials, with settings of its own or else the tracker's for its provider.
     *
     * @throws BadSettingsException if the person has another account with the same id, connected with other settings
     */
    AccountRef connect(CalendarProvider provider, Optional<ProviderSettings> own) {
        Opened opened = open(provider, own.orElseGet(() -> tracker.settings(provider.id())), Credentials.none());
        AccountRef ref = refOf(opened.connection());
        Optional<Saved> saved = own.map(Saved::of);
        try {
            refuseAnotherWithSameId(ref, saved);
        } catch (RuntimeException e) {
            opened.connection().close();
            throw e;
        }
        return remember(opened, new ProfileAccount(ref, Link.NONE, saved, Optional.empty()));
    }

    /** Connects an account with an access token the host holds. */
    AccountRef connectWithAccessToken(CalendarProvider provider, Credentials credentials) {
        Opened opened = open(provider, tracker.settings(provider.id()), credentials);
        return remember(opened, new ProfileAccount(refOf(opened.connection()), Link.ACCESS_TOKEN, Optional.empty(),
                Optional.empty()));
    }

    /** Registers the connection of an account whose grant is in the token store (after OAuth). */
    AccountRef connectGranted(Opened opened) {
        return remember(opened, new ProfileAccount(refOf(opened.connection()), Link.GRANT, Optional.empty(),
                Optional.empty()));
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
     * @return the connection of the authorized account, to be {@linkplain #connectGranted registered} under the lock
     */
    Opened completeAuthorization(String state, String code) {
        PendingAuthorization pending = tracker.pendingAuthorizations().complete(state, userId);
        CalendarProvider provider = tracker.providers().get(pending.providerId());
        ProviderSettings settings = tracker.settings(pending.providerId());
        AuthorizedAccount authorized = provider.exchangeCode(settings,
                new AuthorizationCode(code, pending.redirectUri(), pending.pkce().verifier()));
        TokenKey key = TokenKey.of(userId, provider.id(), authorized.accountId());
        tracker.tokenStore().save(key, authorized.token());
        LOG.info("User '{}' connected {} account '{}'", userId, provider.id(), authorized.accountId());
        return open(provider, settings, Credentials.stored(tracker.tokenStore(), key));
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
                problem(ref, AccountProblem.Kind.PROVIDER_MISSING, providerMissing(ref));
                continue;
            }
            Opened opened = open(provider.get(), tracker.settings(key.providerId()),
                    Credentials.stored(tracker.tokenStore(), key));
            added.add(remember(opened, new ProfileAccount(ref, Link.GRANT, Optional.empty(), Optional.empty())));
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

    /**
     * Forgets an account (and the write calendar, if it is this account's), closes its connection and deletes its
     * grant; true if it was connected.
     */
    boolean disconnect(AccountRef account) {
        settings.change(p -> p.withoutAccount(account));
        problems.remove(account);
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

    /**
     * Brings the connections in line with the profile, after a restart or after another host instance changed it:
     * connects every account of the profile that is not connected and can be (its settings are in the profile, its
     * grant in the token store; an account whose access token only the host holds waits for the host to hand it in
     * again), and closes connections of accounts the profile no longer has. An account that cannot be connected now
     * (unknown provider, grant gone, bad settings) is logged and stays in the profile.
     *
     * @return true if every account that can be connected without the host is connected; false if some failed (the
     *     next {@link StudyTracker#forUser} tries them again)
     */
    boolean restore() {
        boolean complete = true;
        Profile profile = settings.profile();
        for (AccountRef ref : List.copyOf(connected.keySet())) {
            if (profile.account(ref).isEmpty()) {
                connected.remove(ref).connection().close();
            }
        }
        for (ProfileAccount account : profile.accounts()) {
            AccountRef ref = account.ref();
            Optional<Credentials> credentials = account.credentials(userId, tracker.tokenStore());
            if (connected.containsKey(ref)) {
                continue;
            }
            if (credentials.isEmpty()) {
                problem(ref, AccountProblem.Kind.ACCESS_TOKEN_NEEDED, "Account " + ref + " was connected with an access "
                        + "token the host holds, which is not stored: call connectWithAccessToken again");
                continue;
            }
            Optional<CalendarProvider> provider = tracker.providers().find(ref.providerId());
            if (provider.isEmpty()) {
                LOG.warn("User '{}': account {} of the profile needs provider '{}', which is not known; not connected "
                        + "(known: {})", userId, ref, ref.providerId(), tracker.providers().ids());
                problem(ref, AccountProblem.Kind.PROVIDER_MISSING, providerMissing(ref));
                complete = false;
                continue;
            }
            if (account.link() == Link.GRANT && tracker.tokenStore().load(credentials.get().tokenKey().orElseThrow()).isEmpty()) {
                LOG.warn("User '{}': account {} of the profile has no grant in the token store any more; not connected "
                        + "(authorize it again)", userId, ref);
                problem(ref, AccountProblem.Kind.GRANT_MISSING, "Account " + ref + " has no grant in the token store "
                        + "any more: authorize it again (beginAuthorization(\"" + ref.providerId() + "\"))");
                complete = false;
                continue;
            }
            ProviderSettings base = tracker.settings(ref.providerId());
            try {
                register(open(provider.get(), account.settings().map(s -> s.toSettings(base, tracker.clock())).orElse(base),
                        credentials.get()), ref);
                LOG.debug("User '{}': connected {} again from the profile", userId, ref);
            } catch (RuntimeException e) {
                LOG.warn("User '{}': account {} of the profile could not be connected again ({}); it stays in the "
                        + "profile and the next forUser tries again; or connect it anew", userId, ref, e.toString());
                problem(ref, AccountProblem.Kind.CONNECT_FAILED, "Account " + ref + " could not be connected again: "
                        + e.getMessage() + " (fix it and call forUser again, or connect it anew)");
                complete = false;
            }
        }
        followZone();
        return complete;
    }

    /** Remembers an account in the profile, then registers its connection (closing it if the profile save fails). */
    private AccountRef remember(Opened opened, ProfileAccount account) {
        try {
            settings.change(p -> p.withAccount(account));
        } catch (RuntimeException e) {
            opened.connection().close();
            throw e;
        }
        return register(opened, account.ref());
    }

    /**
     * Refuses a second account without credentials that would get the id of an account the person already has but
     * comes from other settings: it would silently replace the first. The same settings again just reconnect.
     */
    private void refuseAnotherWithSameId(AccountRef ref, Optional<Saved> saved) {
        Optional<ProfileAccount> existing = settings.profile().account(ref);
        if (existing.isEmpty() || existing.get().link() != Link.NONE) {
            return;
        }
        Saved trackers = Saved.of(tracker.settings(ref.providerId()));
        if (!existing.get().settings().orElse(trackers).equals(saved.orElse(trackers))) {
            throw new BadSettingsException("User '" + userId + "' already has the " + ref.providerId() + " account '"
                    + ref.accountId() + "' from other settings; connecting this one would replace it. Give each source a"
                    + " distinct account id in its settings (for iCalendar sources the 'account' property, which"
                    + " otherwise defaults to the first 'owner', else 'local'), or disconnect(" + ref + ") first");
        }
    }

    private static AccountRef refOf(CalendarConnection connection) {
        return AccountRef.of(connection.providerId(), connection.accountId());
    }

    /** @return why accounts the person has are not connected, in the order found */
    List<AccountProblem> problems() {
        return List.copyOf(problems.values());
    }

    private void problem(AccountRef ref, AccountProblem.Kind kind, String message) {
        problems.put(ref, new AccountProblem(ref, kind, message));
    }

    private String providerMissing(AccountRef ref) {
        return "Account " + ref + " needs provider '" + ref.providerId() + "', which is not on the class path (found: "
                + tracker.providers().ids() + "): add its module to the application";
    }

    private AccountRef register(Opened opened, AccountRef ref) {
        problems.remove(ref);
        CalendarConnection connection = opened.connection();
        boolean oauth = tracker.providers().find(ref.providerId()).map(CalendarProvider::usesOAuth).orElse(true);
        ConnectedAccount previous = connected.put(ref, new ConnectedAccount(ref, connection, !oauth, opened.opening()));
        if (previous != null && previous.connection() != connection) {
            previous.connection().close();
        }
        return ref;
    }

    /** A connection just opened, with how it was opened. */
    record Opened(CalendarConnection connection, ConnectedAccount.Opening opening) {
    }

    /**
     * Opens a connection with settings made the person's: their user id, their zone (that of their preferences, else
     * of their work hours, else none yet) and the tracker's clock unless the settings set one.
     */
    private Opened open(CalendarProvider provider, ProviderSettings base, Credentials credentials) {
        Optional<ZoneId> zone = personZone();
        ProviderSettings personal = zone.map(z -> base.forUser(userId, z)).orElseGet(() -> base.forUser(userId))
                .withDefaultClock(tracker.clock());
        return new Opened(provider.connect(personal, credentials),
                new ConnectedAccount.Opening(provider, base, credentials, zone));
    }

    /** @return the person's zone: that of their preferences, else of their work hours; empty if neither is set */
    private Optional<ZoneId> personZone() {
        return settings.preferences().map(StudyPreferences::zone).or(() -> settings.workHours().map(WeeklyHours::zone));
    }

    /**
     * Opens again, with the person's new zone, every connection opened with another zone (after the preferences or
     * work hours moved the person), so that providers read all-day events in the zone the person lives in. A
     * connection that cannot be opened again keeps its old zone, and the failure is logged.
     */
    void followZone() {
        Optional<ZoneId> zone = personZone();
        for (ConnectedAccount account : List.copyOf(connected.values())) {
            ConnectedAccount.Opening was = account.opening();
            if (was.zone().equals(zone)) {
                continue;
            }
            try {
                register(open(was.provider(), was.base(), was.credentials()), account.ref());
                LOG.debug("User '{}': reopened {} for the zone {}", userId, account.ref(), zone.orElse(null));
            } catch (RuntimeException e) {
                LOG.warn("User '{}': {} could not be reopened for the zone {} ({}); it keeps reading in {}", userId,
                        account.ref(), zone.orElse(null), e.toString(), was.zone().orElse(null));
            }
        }
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
