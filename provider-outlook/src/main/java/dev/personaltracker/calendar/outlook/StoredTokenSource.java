package dev.personaltracker.calendar.outlook;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import dev.personaltracker.calendar.spi.NotConnectedException;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.ReauthorizationRequiredException;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens from a grant kept in a {@link TokenStore}. The grant is MSAL's serialized token cache, held in
 * {@link OAuthToken#providerState()} so that the store encrypts it at rest: MSAL reads it before every cache access
 * and it is written back whenever MSAL changed it (a refresh, say). MSAL refreshes the access token itself when it
 * is within five minutes of expiry.
 * <p>
 * A grant stored by something other than this provider (a plain refresh token, no MSAL cache) is redeemed once
 * through MSAL and from then on kept as an MSAL cache.
 */
final class StoredTokenSource implements TokenSource, ITokenCacheAccessAspect {

    private static final Logger LOG = LoggerFactory.getLogger(StoredTokenSource.class);
    /** A token this close to expiry is not handed out: a request using it could arrive after it expired. */
    private static final Duration EARLY = Duration.ofMinutes(1);

    private final TokenStore store;
    private final TokenKey key;
    private final Clock clock;
    private final MsalClient msal;
    private String current;
    private Instant currentExpiry = Instant.MIN;
    private volatile TokenHealth health = TokenHealth.HEALTHY;
    /** The grant MSAL's last cache access read from the store: the expected value of the write that follows. */
    private volatile Optional<OAuthToken> read = Optional.empty();
    /** Set when another instance wrote the grant between this one's read and write: its tokens are used instead. */
    private volatile boolean lostRace;

    StoredTokenSource(OutlookSettings settings, TokenStore store, TokenKey key) {
        this.store = store;
        this.key = key;
        this.clock = settings.raw().clock();
        this.msal = MsalClient.create(settings, this);
    }

    @Override
    public synchronized String accessToken() {
        if (current != null && clock.instant().plus(EARLY).isBefore(currentExpiry)) {
            return current;
        }
        return acquire(false);
    }

    @Override
    public synchronized Optional<String> renewAfterUnauthorized(String rejected) {
        if (current != null && !current.equals(rejected)) {
            return Optional.of(current);
        }
        LOG.debug("Graph refused the access token of {}; forcing a refresh", key);
        try {
            return Optional.of(acquire(true));
        } catch (ReauthorizationRequiredException e) {
            return Optional.empty();
        }
    }

    @Override
    public TokenHealth health() {
        return health;
    }

    private String acquire(boolean forceRefresh) {
        OAuthToken stored = store.load(key).orElseThrow(() -> new NotConnectedException(
                "No Outlook grant is stored for " + key + ": authorize the account first"));
        if (stored.health() == TokenHealth.REAUTHORIZATION_REQUIRED) {
            health = TokenHealth.REAUTHORIZATION_REQUIRED;
            throw new ReauthorizationRequiredException("The Outlook grant of " + key
                    + " was refused earlier: ask the person to authorize Outlook again");
        }
        lostRace = false;
        try {
            IAuthenticationResult result;
            if (stored.providerState().isPresent()) {
                result = msal.silent(account(), forceRefresh, key.accountId());
            } else if (stored.refreshToken().isPresent()) {
                result = msal.redeemRefreshToken(stored.refreshToken().get(), key.accountId());
            } else if (!forceRefresh && !stored.accessToken().isEmpty()
                    && !stored.expiresWithin(clock.instant(), EARLY)) {
                return stored.accessToken();
            } else {
                throw new ReauthorizationRequiredException("The Outlook grant of " + key
                        + " has no refresh token and its access token is spent: authorize the account again");
            }
            if (lostRace) {
                lostRace = false;
                // the tokens this refresh got were not stored: take the access token of the grant that was
                result = msal.silent(account(), false, key.accountId());
            }
            current = result.accessToken();
            currentExpiry = result.expiresOnDate().toInstant();
            recordExpiry(result);
            health = TokenHealth.HEALTHY;
            return current;
        } catch (ReauthorizationRequiredException e) {
            markReauthorizationRequired();
            throw e;
        }
    }

    private IAccount account() {
        Set<IAccount> accounts = msal.accounts();
        return accounts.stream().filter(a -> key.accountId().equalsIgnoreCase(a.username())).findFirst()
                .or(() -> accounts.size() == 1 ? accounts.stream().findFirst() : Optional.empty())
                .orElseThrow(() -> new ReauthorizationRequiredException("The stored Outlook grant of " + key
                        + " holds no account of that name: authorize the account again"));
    }

    /** Keeps expiry and scopes beside the cache, for hosts that show them; the token itself stays in the cache. */
    private void recordExpiry(IAuthenticationResult result) {
        OAuthToken latest = store.load(key).orElseThrow();
        Optional<Instant> expiry = Optional.of(result.expiresOnDate().toInstant());
        if (!latest.expiresAt().equals(expiry) || latest.refreshToken().isPresent() || !latest.accessToken().isEmpty()) {
            // lost to another instance's write: that grant stays, with its own expiry
            store.replace(key, latest, new OAuthToken("", Optional.empty(), expiry,
                    OutlookCalendarProvider.scopesOf(result), Optional.of(msal.serializeCache()), TokenHealth.HEALTHY));
        }
    }

    private void markReauthorizationRequired() {
        health = TokenHealth.REAUTHORIZATION_REQUIRED;
        // The access token in hand was refused or cannot be renewed: later calls fail fast instead of using it.
        current = null;
        // Marks the grant that was refused only: one another instance stored meanwhile stays as it is.
        read.ifPresent(t -> store.replace(key, t, t.withHealth(TokenHealth.REAUTHORIZATION_REQUIRED)));
        LOG.warn("The Outlook grant of {} needs re-authorization", key);
    }

    @Override
    public void beforeCacheAccess(ITokenCacheAccessContext context) {
        Optional<OAuthToken> loaded = store.load(key);
        read = loaded;
        loaded.flatMap(OAuthToken::providerState).ifPresent(state -> context.tokenCache().deserialize(state));
    }

    /**
     * Writes a changed cache (a refresh) with compare-and-set against the grant read before the access: when another
     * host instance sharing the store wrote first, its grant is kept and loaded into MSAL's cache instead, so a
     * refresh token is never overwritten by one from an older read.
     */
    @Override
    public void afterCacheAccess(ITokenCacheAccessContext context) {
        if (!context.hasCacheChanged()) {
            return;
        }
        Optional<OAuthToken> expected = read;
        if (expected.isEmpty()) {
            store.save(key, new OAuthToken("", Optional.empty(), Optional.empty(), Set.of(),
                    Optional.of(context.tokenCache().serialize()), TokenHealth.HEALTHY));
            return;
        }
        OAuthToken updated = expected.get().withProviderState(context.tokenCache().serialize());
        if (store.replace(key, expected.get(), updated)) {
            read = Optional.of(updated);
            return;
        }
        Optional<OAuthToken> winner = store.load(key);
        read = winner;
        winner.flatMap(OAuthToken::providerState).ifPresent(state -> context.tokenCache().deserialize(state));
        lostRace = winner.isPresent();
        LOG.debug("Another instance stored a newer Outlook grant for {}; this instance uses it", key);
    }

    @Override
    public String toString() {
        return "StoredTokenSource[" + key + ", health=" + health + "]";
    }
}
