package dev.personaltracker.calendar.google;

import com.google.api.client.auth.oauth2.BearerToken;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.auth.oauth2.CredentialRefreshListener;
import com.google.api.client.auth.oauth2.TokenErrorResponse;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.JsonFactory;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.NotConnectedException;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.ReauthorizationRequiredException;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.TokenStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization behind one connection: a Google {@link Credential} that signs every request, refreshes the
 * access token when it has less than a minute left and once on a 401, and writes each refresh back to the
 * {@link TokenStore} (never to Google's {@code FileDataStoreFactory}). An {@code invalid_grant} marks the stored
 * token {@link TokenHealth#REAUTHORIZATION_REQUIRED} (the token itself stays) and every later call fails fast with
 * {@link ReauthorizationRequiredException}.
 * <p>
 * Several host instances may share the store: a refresh is written with
 * {@link TokenStore#replace(TokenKey, OAuthToken, OAuthToken) compare-and-set} against the grant this connection
 * read; when another instance wrote first, its grant is kept and used instead, and before refreshing (a token about
 * to expire, a 401) a grant changed in the store is taken over without a refresh of its own.
 * <p>
 * Thread-safe: the credential locks its own refreshes; the rest is guarded by this object.
 */
final class AuthState implements CredentialRefreshListener, HttpRequestInitializer {

    private static final Logger LOG = LoggerFactory.getLogger(AuthState.class);

    private final TokenStore store;
    private final TokenKey key;
    private final String hostAccessToken;
    private final String accountId;
    private final HttpTransport transport;
    private final JsonFactory json;
    private final GenericUrl tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;

    private Credential credential;
    private OAuthToken stored;
    private volatile TokenHealth health = TokenHealth.HEALTHY;

    private AuthState(TokenStore store, TokenKey key, String hostAccessToken, String accountId, HttpTransport transport,
            JsonFactory json, GenericUrl tokenUrl, String clientId, String clientSecret, Clock clock) {
        this.store = store;
        this.key = key;
        this.hostAccessToken = hostAccessToken;
        this.accountId = accountId;
        this.transport = transport;
        this.json = json;
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    static AuthState stored(TokenStore store, TokenKey key, HttpTransport transport, JsonFactory json,
            GenericUrl tokenUrl, String clientId, String clientSecret, Clock clock) {
        return new AuthState(store, key, null, key.accountId(), transport, json, tokenUrl, clientId, clientSecret,
                clock);
    }

    static AuthState hostToken(String accessToken, String accountId, HttpTransport transport, JsonFactory json,
            Clock clock) {
        return new AuthState(null, null, accessToken, accountId, transport, json, null, null, null, clock);
    }

    String accountId() {
        return accountId;
    }

    TokenHealth health() {
        return health;
    }

    /**
     * Checks, without I/O, that calls can be made: a grant is stored and was not refused.
     *
     * @throws NotConnectedException if no grant is stored
     * @throws ReauthorizationRequiredException if Google refused the grant
     */
    synchronized void checkUsable() {
        if (credential == null) {
            credential = hostAccessToken != null ? hostCredential() : storedCredential();
        }
        if (health == TokenHealth.REAUTHORIZATION_REQUIRED) {
            throw new ReauthorizationRequiredException("Google refused the grant of account '" + accountId
                    + "' (invalid_grant: revoked or expired): ask the person to authorize again");
        }
    }

    private Credential hostCredential() {
        return new Credential.Builder(BearerToken.authorizationHeaderAccessMethod())
                .setClock(clock::millis).build().setAccessToken(hostAccessToken);
    }

    private Credential storedCredential() {
        stored = store.load(key).orElseThrow(() -> new NotConnectedException("No Google grant is stored for "
                + key + ": authorize the account first"));
        health = stored.health();
        Credential c = new Credential.Builder(BearerToken.authorizationHeaderAccessMethod())
                .setTransport(transport)
                .setJsonFactory(json)
                .setRequestInitializer(AuthState::quiet)
                .setTokenServerUrl(tokenUrl)
                .setClientAuthentication(new ClientParametersAuthentication(clientId, clientSecret))
                .setClock(clock::millis)
                .addRefreshListener(this)
                .build();
        return use(c, stored);
    }

    private static Credential use(Credential c, OAuthToken token) {
        return c.setAccessToken(token.accessToken().isEmpty() ? null : token.accessToken())
                .setRefreshToken(token.refreshToken().orElse(null))
                .setExpirationTimeMilliseconds(token.expiresAt().map(Instant::toEpochMilli).orElse(null));
    }

    /**
     * Takes the stored grant into the credential if it is no longer the one this connection read: another host
     * instance sharing the store refreshed it (or the person authorized again). A refresh with the old refresh token
     * would then be wasted, or refused where Google rotates refresh tokens.
     *
     * @return true if the stored grant was another and is now in use
     */
    private boolean adoptStored(Credential c) {
        Optional<OAuthToken> latest = store.load(key);
        synchronized (this) {
            if (latest.isEmpty() || latest.get().equals(stored)) {
                return false;
            }
            stored = latest.get();
        }
        health = latest.get().health();
        use(c, latest.get());
        LOG.debug("The Google grant of {} was changed in the token store (another instance refreshed it); using it", key);
        return true;
    }

    /**
     * Signs a request (the credential refreshes a token with less than a minute left) and, on a 401, refreshes once
     * and lets the request be repeated once. The credential's own 401 handler is replaced: it refreshes only when
     * {@code WWW-Authenticate} is absent or says {@code invalid_token}, would refresh again on the repeat's 401, and
     * logs a refused refresh at SEVERE through java.util.logging; the refusal is already recorded by
     * {@link #onTokenErrorResponse}.
     */
    @Override
    public void initialize(HttpRequest request) throws IOException {
        quiet(request);
        Credential c;
        synchronized (this) {
            c = credential;
        }
        if (store != null && expiring(c)) {
            adoptStored(c);   // another instance may have refreshed already: no second refresh
        }
        c.initialize(request);
        request.setUnsuccessfulResponseHandler((req, response, supportsRetry) -> {
            if (response.getStatusCode() != 401 || !supportsRetry) {
                return false;
            }
            if (isNewerThan(c, req)) {
                return true;   // another call refreshed meanwhile: repeat with the new token
            }
            if (store != null && adoptStored(c) && isNewerThan(c, req)) {
                return true;   // another instance refreshed meanwhile: repeat with its token
            }
            try {
                return c.refreshToken();
            } catch (TokenResponseException refused) {
                return isNewerThan(c, req);   // refused an outdated refresh token, the stored grant is in use now
            }
        });
        request.setNumberOfRetries(1);
    }

    /** As the credential decides to refresh: no access token, or less than a minute left. */
    private static boolean expiring(Credential c) {
        Long left = c.getExpiresInSeconds();
        return c.getAccessToken() == null || left != null && left <= 60;
    }

    private static boolean isNewerThan(Credential c, HttpRequest sent) {
        String current = c.getAccessToken();
        return current != null && !("Bearer " + current).equals(sent.getHeaders().getAuthorization());
    }

    /**
     * Bounds one request by the current attempt's timeout and turns off google-http-client's content and curl
     * logging for it: at java.util.logging's most detailed levels it would print request and token bodies (refresh
     * token, client secret, code, verifier), token responses and {@code Authorization} headers. Every request the
     * library builds goes through here, token requests included.
     *
     * @param request  the request, not null
     */
    static void quiet(HttpRequest request) {
        request.setLoggingEnabled(false);
        request.setCurlLoggingEnabled(false);
        AttemptTimeout.apply(request);
    }

    /** Builds the error for a 401 that survived the one refresh. */
    CalendarException refused(String where, HttpResponseException cause) {
        if (hostAccessToken != null) {
            return new ReauthorizationRequiredException(where + " was refused (401): the access token handed in by "
                    + "the host is invalid or expired; obtain a new one", cause);
        }
        if (health == TokenHealth.REAUTHORIZATION_REQUIRED) {
            return new ReauthorizationRequiredException(where + " was refused (401) and Google refused to refresh the "
                    + "grant of account '" + accountId + "' (invalid_grant): ask the person to authorize again", cause);
        }
        return new ReauthorizationRequiredException(where + " was refused (401) even after refreshing the grant of "
                + "account '" + accountId + "': ask the person to authorize again", cause);
    }

    @Override
    public void onTokenResponse(Credential c, TokenResponse response) {
        if (response.getAccessToken() == null || response.getAccessToken().isBlank()) {
            // a success without a token (a proxy's or stub's {}): never send an empty bearer token; refresh next time
            c.setAccessToken(null);
            throw new UnexpectedResponseException("Google's token endpoint answered the refresh of the grant of "
                    + "account '" + accountId + "' without an access token: the grant is kept; try again later");
        }
        OAuthToken before;
        synchronized (this) {
            before = stored;
        }
        Set<String> scopes = response.getScope() == null ? before.scopes() : Set.of(response.getScope().split(" "));
        Optional<Instant> expiresAt = Optional.ofNullable(response.getExpiresInSeconds())
                .map(s -> clock.instant().plus(Duration.ofSeconds(s)));
        OAuthToken after = new OAuthToken(response.getAccessToken(),
                Optional.ofNullable(response.getRefreshToken()).or(before::refreshToken), expiresAt, scopes,
                before.providerState(), TokenHealth.HEALTHY);
        if (!store.replace(key, before, after)) {
            // Another instance wrote the grant since this one read it: its token is kept and used, never
            // overwritten by this one (which may carry an older refresh token).
            if (adoptStored(c)) {
                return;
            }
            LOG.debug("The Google grant of {} is no longer stored (disconnected?); the refreshed token is not saved",
                    key);
        }
        synchronized (this) {
            stored = after;
        }
        health = TokenHealth.HEALTHY;
        LOG.debug("Refreshed the Google access token of {}; it expires at {}", key,
                expiresAt.map(Instant::toString).orElse("(unknown)"));
    }

    @Override
    public void onTokenErrorResponse(Credential c, TokenErrorResponse error) {
        String code = error == null ? null : error.getError();
        if (!"invalid_grant".equals(code)) {
            LOG.warn("Refreshing the Google access token of {} failed ({})", key, code == null ? "no details" : code);
            return;
        }
        OAuthToken before;
        synchronized (this) {
            before = stored;
        }
        OAuthToken marked = before.withHealth(TokenHealth.REAUTHORIZATION_REQUIRED);
        if (!store.replace(key, before, marked) && adoptStored(c)) {
            // Another instance refreshed (or the person authorized again) since this one read the grant: the
            // refusal concerned the old refresh token only; the stored grant stays as it is and is used next.
            LOG.debug("Google refused an outdated refresh token of {}; the newer stored grant is used", key);
            return;
        }
        synchronized (this) {
            stored = marked;
        }
        health = TokenHealth.REAUTHORIZATION_REQUIRED;
        LOG.warn("Google refused the grant of {} (invalid_grant); it is marked {} until the person authorizes again",
                key, TokenHealth.REAUTHORIZATION_REQUIRED);
    }
}
