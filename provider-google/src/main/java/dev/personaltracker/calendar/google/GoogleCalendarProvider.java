package dev.personaltracker.calendar.google;

import com.google.api.client.auth.oauth2.AuthorizationCodeRequestUrl;
import com.google.api.client.auth.oauth2.AuthorizationCodeTokenRequest;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.auth.openidconnect.IdToken;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.Sleeper;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.CalendarScopes;
import com.google.api.services.calendar.model.Events;
import dev.personaltracker.calendar.memory.InMemorySyncStateStore;
import dev.personaltracker.calendar.spi.AuthorizationCode;
import dev.personaltracker.calendar.spi.AuthorizationException;
import dev.personaltracker.calendar.spi.AuthorizationParameters;
import dev.personaltracker.calendar.spi.AuthorizedAccount;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CalendarProvider} for Google Calendar (API v3), built on Google's own Java client
 * ({@code google-api-services-calendar}, {@code google-api-client}, {@code google-oauth-client}). Its id is
 * {@value #ID}.
 *
 * <h2>Authorization</h2>
 * OAuth 2.0 authorization code flow with PKCE (S256) for installed and web hosts; the library makes the
 * {@code state} and the verifier ({@link dev.personaltracker.calendar.auth.PendingAuthorizations}), this provider
 * builds the URL ({@code access_type=offline}, {@code prompt=consent} so Google always issues a refresh token) and
 * exchanges the code. The account id is the e-mail address from the OpenID Connect id token. {@link #scopes}
 * lists what is asked for and the module README says why.
 * <p>
 * {@link Credentials#stored stored} grants are refreshed when less than a minute is left and once on a 401, and
 * every refresh is written back to the {@link dev.personaltracker.calendar.spi.TokenStore}. When Google answers
 * {@code invalid_grant}, the stored token is kept but marked
 * {@link dev.personaltracker.calendar.spi.TokenHealth#REAUTHORIZATION_REQUIRED} and calls fail with
 * {@link dev.personaltracker.calendar.spi.ReauthorizationRequiredException}.
 *
 * <h2>Reading busy time</h2>
 * The primary calendar and calendars the account owns are read with {@code events.list} (recurring events
 * expanded, every page, a {@code fields} mask) and kept in sync with a per-calendar sync token stored in
 * {@link ProviderSettings#syncStateStore()} (in memory when none is set), so re-reading an unchanged calendar costs one
 * request and an expired token ({@code 410}) silently triggers a full resync. Other calendars (shared with
 * free/busy access only) are read with {@code freeBusy.query}, at most 50 per request, in chunks of
 * {@value #DEFAULT_FREE_BUSY_CHUNK_DAYS} days (property {@value #PROPERTY_FREE_BUSY_CHUNK_DAYS}). Events are
 * classified by the shared {@link dev.personaltracker.calendar.spi.BusyPolicy}; the library's own study sessions
 * are never busy.
 *
 * <h2>Writing study sessions</h2>
 * Each session's event id derives from its key, so a create retried after a lost response meets
 * {@code 409 duplicate} and returns the existing event. Sessions are opaque, tagged with a private extended
 * property, found with {@code privateExtendedProperty}, moved with {@code If-Match} on the etag.
 *
 * <h2>Settings</h2>
 * {@link ProviderSettings#apiBaseUrl()} is the API root (default {@value #DEFAULT_API_ROOT});
 * {@link ProviderSettings#authBaseUrl()}, when set, replaces both OAuth endpoints by {@code <base>/o/oauth2/v2/auth}
 * and {@code <base>/token}. {@link ProviderSettings#readDeadline()} bounds every read, retries included.
 * Properties: {@value #PROPERTY_FREE_BUSY_CHUNK_DAYS}, {@value #PROPERTY_READ_CONCURRENCY},
 * {@value #PROPERTY_ACCOUNT_ID} (names the account of {@link Credentials#accessToken} connections instead of asking
 * Google for the primary calendar's id) and {@value #PROPERTY_PROMPT} (the OAuth {@code prompt}, default
 * {@code consent}).
 * <p>
 * No token, secret, code or verifier is logged at any level: Google's content and curl logging is off on every
 * request, and the transport ({@code java.net.http}) does not log headers by logger level.
 * <p>
 * The public no-argument constructor does no I/O. This class is immutable and thread-safe.
 */
public final class GoogleCalendarProvider implements CalendarProvider {

    /** The provider id, {@value}. */
    public static final String ID = "google";
    /** The real API root. */
    public static final String DEFAULT_API_ROOT = "https://www.googleapis.com/";
    /** Google's authorization endpoint. */
    public static final String DEFAULT_AUTHORIZATION_URL = "https://accounts.google.com/o/oauth2/v2/auth";
    /** Google's token endpoint. */
    public static final String DEFAULT_TOKEN_URL = "https://oauth2.googleapis.com/token";
    /** Property: days per {@code freeBusy.query} window chunk, a whole number from 1 to 90. */
    public static final String PROPERTY_FREE_BUSY_CHUNK_DAYS = "freeBusyChunkDays";
    /**
     * Property: names the account of connections made from a host-held access token (by default Google is asked:
     * the primary calendar's id, the account's e-mail address). Set it only in settings used for one account.
     */
    public static final String PROPERTY_ACCOUNT_ID = "accountId";
    /** Property: the OAuth {@code prompt} parameter; {@code consent} by default so that a refresh token is issued. */
    public static final String PROPERTY_PROMPT = "prompt";
    /** Property: how many calendars of one account one read fetches at once, 1 to {@value #READ_THREADS}. */
    public static final String PROPERTY_READ_CONCURRENCY = "readConcurrency";
    /** The default {@value #PROPERTY_READ_CONCURRENCY}. */
    public static final int DEFAULT_READ_CONCURRENCY = 4;
    /** The most requests of reads this provider has in flight at once, over all connections. */
    public static final int READ_THREADS = 8;
    /** The default chunk of a {@code freeBusy.query} window, in days. */
    public static final int DEFAULT_FREE_BUSY_CHUNK_DAYS = 90;

    private static final Logger LOG = LoggerFactory.getLogger(GoogleCalendarProvider.class);
    private static final String APPLICATION_NAME = "personal-tracker-calendar";
    private static final String SERVICE_PATH = "calendar/v3/";
    private static final Set<String> IDENTITY_SCOPES = Set.of("openid", "email");

    private static final JsonFactory JSON = GsonFactory.getDefaultInstance();

    /**
     * One transport for every connection (thread-safe, pools connections); making it does no I/O. Not
     * {@code NetHttpTransport}: see {@link JdkHttpTransport} for why.
     */
    private final HttpTransport transport = new JdkHttpTransport();
    /**
     * Where calendars are read in parallel: at most {@value #READ_THREADS} requests of this provider at once;
     * daemon threads that end when idle, so nothing needs closing.
     */
    private final ThreadPoolExecutor readPool;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final LongSupplier nanoTime;

    /** Creates the provider; does no I/O (as {@link java.util.ServiceLoader} requires). */
    public GoogleCalendarProvider() {
        this(Sleeper.DEFAULT, RandomGenerator.getDefault(), System::nanoTime);
    }

    /** For tests: a sleeper that does not sleep, a seeded random for jitter, a fake monotonic clock. */
    GoogleCalendarProvider(Sleeper sleeper, RandomGenerator random, LongSupplier nanoTime) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        AtomicInteger threads = new AtomicInteger();
        this.readPool = new ThreadPoolExecutor(READ_THREADS, READ_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "google-calendar-read-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.readPool.allowCoreThreadTimeOut(true);
    }

    /** @return {@value #ID} */
    @Override
    public String id() {
        return ID;
    }

    /** @return {@code Google Calendar} */
    @Override
    public String displayName() {
        return "Google Calendar";
    }

    /**
     * Gets the scopes asked for: {@code openid} and {@code email} (to learn which account was authorized),
     * {@code calendar.freebusy} (busy time of calendars shared with the account), {@code calendar.calendarlist.readonly}
     * (to list calendars and learn which the account owns), and {@code calendar.events.owned} (read the owned
     * calendars' events in detail and write study sessions) or, when {@link ProviderSettings#readOnly()},
     * {@code calendar.events.owned.readonly}; plus {@link ProviderSettings#scopes()}.
     *
     * @param settings  the settings, not null
     * @return the scopes, in a stable order, not null
     */
    @Override
    public Set<String> scopes(ProviderSettings settings) {
        Objects.requireNonNull(settings, "settings");
        Set<String> scopes = new LinkedHashSet<>();
        scopes.add("openid");
        scopes.add("email");
        scopes.add(CalendarScopes.CALENDAR_FREEBUSY);
        scopes.add(CalendarScopes.CALENDAR_CALENDARLIST_READONLY);
        scopes.add(settings.readOnly() ? CalendarScopes.CALENDAR_EVENTS_OWNED_READONLY
                : CalendarScopes.CALENDAR_EVENTS_OWNED);
        scopes.addAll(settings.scopes());
        return java.util.Collections.unmodifiableSet(scopes);
    }

    /**
     * Builds Google's authorization URL: client id, redirect URI, {@link #scopes}, the library's {@code state},
     * {@code code_challenge} with method {@code S256}, {@code access_type=offline}, {@code prompt} (default
     * {@code consent}) and {@code login_hint} when given.
     *
     * @throws BadSettingsException if the settings have no client id
     */
    @Override
    public URI authorizationUrl(ProviderSettings settings, AuthorizationParameters parameters) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(parameters, "parameters");
        AuthorizationCodeRequestUrl url = new AuthorizationCodeRequestUrl(authorizationEndpoint(settings),
                clientId(settings))
                .setRedirectUri(parameters.redirectUri().toString())
                .setScopes(scopes(settings))
                .setState(parameters.state());
        url.set("code_challenge", parameters.codeChallenge());
        url.set("code_challenge_method", parameters.codeChallengeMethod());
        url.set("access_type", "offline");
        url.set("prompt", settings.property(PROPERTY_PROMPT).orElse("consent"));
        parameters.loginHint().ifPresent(hint -> url.set("login_hint", hint));
        return URI.create(url.build());
    }

    /**
     * Exchanges the code (with the PKCE verifier) at Google's token endpoint and reads the account's e-mail address
     * from the id token (or, without one, from the primary calendar's name, which Google sets to that address).
     *
     * @throws AuthorizationException if Google refuses the code
     * @throws ProviderUnavailableException if the token endpoint cannot be reached
     * @throws BadSettingsException if the settings have no client id
     */
    @Override
    public AuthorizedAccount exchangeCode(ProviderSettings settings, AuthorizationCode code) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(code, "code");
        TokenResponse response;
        try {
            AuthorizationCodeTokenRequest request = new AuthorizationCodeTokenRequest(transport, JSON,
                    new GenericUrl(tokenEndpoint(settings)), code.code())
                    .setRequestInitializer(AuthState::quiet)
                    .setRedirectUri(code.redirectUri().toString())
                    .setClientAuthentication(new ClientParametersAuthentication(clientId(settings),
                            settings.clientSecret().orElse(null)));
            request.set("code_verifier", code.codeVerifier());
            // one attempt, bounded like a read: a token endpoint that hangs or trickles its body fails in time
            Duration limit = settings.readDeadline().compareTo(settings.retryPolicy().maxElapsed()) <= 0
                    ? settings.readDeadline() : settings.retryPolicy().maxElapsed();
            response = AttemptTimeout.within(limit, request::execute);
        } catch (TokenResponseException e) {
            if (e.getStatusCode() >= 500 || e.getStatusCode() == 429) {
                throw new ProviderUnavailableException("Google's token endpoint failed with " + e.getStatusCode()
                        + " while completing the authorization: try again", e);
            }
            if (e.getDetails() == null || e.getDetails().getError() == null || e.getDetails().getError().isBlank()) {
                throw new UnexpectedResponseException("Google's token endpoint answered " + e.getStatusCode()
                        + " without an OAuth error while completing the authorization (a proxy or gateway in "
                        + "between?): try again", e);
            }
            String error = e.getDetails().getError();
            throw new AuthorizationException("Google's token endpoint refused the authorization code (" + error
                    + "): start the authorization again", e);
        } catch (IOException e) {
            throw new ProviderUnavailableException("Cannot reach Google's token endpoint to complete the "
                    + "authorization: try again", e);
        } catch (RuntimeException e) {
            // Google's JSON parser rejects an empty or non-JSON token response (an HTML page) this way
            throw new UnexpectedResponseException("Google's token endpoint answered the authorization with a body "
                    + "that is not the expected JSON (" + e.getClass().getSimpleName() + "): start the authorization "
                    + "again", e);
        }
        if (response.getAccessToken() == null || response.getAccessToken().isBlank()) {
            throw new UnexpectedResponseException("Google's token endpoint answered without an access token");
        }
        Instant now = settings.clock().instant();
        Optional<Instant> expiresAt = Optional.ofNullable(response.getExpiresInSeconds())
                .map(s -> now.plus(Duration.ofSeconds(s)));
        Set<String> granted = response.getScope() == null ? scopes(settings) : Set.of(response.getScope().split(" "));
        OAuthToken token = OAuthToken.of(response.getAccessToken(), Optional.ofNullable(response.getRefreshToken()),
                expiresAt, granted);
        if (token.refreshToken().isEmpty()) {
            LOG.warn("Google issued no refresh token; the grant stops working when the access token expires "
                    + "(authorize with prompt=consent to get one)");
        }
        String account = emailFromIdToken(JSON, response).orElseGet(() -> primaryCalendarName(settings, token));
        LOG.debug("Authorized Google account {}", account);
        return new AuthorizedAccount(account, token);
    }

    /**
     * Reads the e-mail claim of the id token. The token came straight from Google's token endpoint over TLS, so its
     * signature need not be checked (OpenID Connect Core 1.0, section 3.1.3.7).
     */
    private static Optional<String> emailFromIdToken(JsonFactory json, TokenResponse response) {
        Object idToken = response.get("id_token");
        if (!(idToken instanceof String text) || text.isBlank()) {
            return Optional.empty();
        }
        try {
            Object email = IdToken.parse(json, text).getPayload().get("email");
            return email instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new UnexpectedResponseException("Google's token endpoint sent an id_token that cannot be read", e);
        }
    }

    private String primaryCalendarName(ProviderSettings settings, OAuthToken token) {
        AuthState auth = AuthState.hostToken(token.accessToken(), "(being authorized)", transport, JSON,
                settings.clock());
        GoogleCalls calls = calls(settings, auth);
        return AccountIdentity.of(calendarClient(settings, auth), calls, calls.readDeadline(settings.readDeadline()));
    }

    /**
     * Opens a connection. Cheap: checks the settings and does no network I/O; the stored grant is loaded at the
     * first call.
     *
     * @throws BadSettingsException if stored credentials come without a client id, the credentials are
     *     {@link Credentials#none()} or belong to another provider, or {@value #PROPERTY_FREE_BUSY_CHUNK_DAYS} is
     *     not a whole number from 1 to 90
     */
    @Override
    public CalendarConnection connect(ProviderSettings settings, Credentials credentials) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(credentials, "credentials");
        Duration chunk = Duration.ofDays(freeBusyChunkDays(settings));
        AuthState auth;
        Optional<TokenKey> storedKey = Optional.empty();
        Optional<String> namedAccount = Optional.empty();
        if (credentials.tokenStore().isPresent()) {
            TokenKey key = credentials.tokenKey().orElseThrow();
            if (!ID.equals(key.providerId())) {
                throw new BadSettingsException("The token key " + key + " belongs to provider '" + key.providerId()
                        + "', not '" + ID + "'");
            }
            auth = AuthState.stored(credentials.tokenStore().get(), key, transport, JSON,
                    new GenericUrl(tokenEndpoint(settings)), clientId(settings), settings.clientSecret().orElse(null),
                    settings.clock());
            storedKey = Optional.of(key);
        } else if (credentials.accessToken().isPresent()) {
            namedAccount = settings.property(PROPERTY_ACCOUNT_ID).filter(a -> !a.isBlank());
            auth = AuthState.hostToken(credentials.accessToken().get(), namedAccount.orElse("(host token)"), transport,
                    JSON, settings.clock());
        } else {
            throw new BadSettingsException("Google Calendar needs credentials: Credentials.stored(...) or "
                    + "Credentials.accessToken(...), but got " + credentials);
        }
        GoogleConnection.ReadOptions reads = new GoogleConnection.ReadOptions(
                settings.syncStateStore().orElseGet(InMemorySyncStateStore::create), chunk, settings.readDeadline(),
                readPool, readConcurrency(settings), JSON, settings.userZone());
        return new GoogleConnection(calendarClient(settings, auth), calls(settings, auth), auth, reads, storedKey,
                credentials.userId(), namedAccount, settings.readOnly());
    }

    private GoogleCalls calls(ProviderSettings settings, AuthState auth) {
        return new GoogleCalls(settings.retryPolicy(), sleeper, random, nanoTime, settings.clock(), auth);
    }

    private Calendar calendarClient(ProviderSettings settings, AuthState auth) {
        return new Calendar.Builder(transport, JSON, auth)
                .setRootUrl(settings.apiBaseUrl().map(URI::toString).orElse(DEFAULT_API_ROOT))
                .setServicePath(SERVICE_PATH)
                .setApplicationName(APPLICATION_NAME)
                // Plain bodies: small anyway, and readable by proxies and test servers.
                .setGoogleClientRequestInitializer(request -> request.setDisableGZipContent(true))
                .build();
    }

    private static String clientId(ProviderSettings settings) {
        return settings.clientId().orElseThrow(() -> new BadSettingsException("Google Calendar needs the OAuth "
                + "clientId of a Google Cloud OAuth client (see provider-google/README.md), but none was set"));
    }

    private static String authorizationEndpoint(ProviderSettings settings) {
        return settings.authBaseUrl().map(base -> withSlash(base) + "o/oauth2/v2/auth").orElse(DEFAULT_AUTHORIZATION_URL);
    }

    private static String tokenEndpoint(ProviderSettings settings) {
        return settings.authBaseUrl().map(base -> withSlash(base) + "token").orElse(DEFAULT_TOKEN_URL);
    }

    private static String withSlash(URI base) {
        String s = base.toString();
        return s.endsWith("/") ? s : s + "/";
    }

    private static int readConcurrency(ProviderSettings settings) {
        return wholeNumber(settings, PROPERTY_READ_CONCURRENCY, DEFAULT_READ_CONCURRENCY, READ_THREADS,
                "a whole number from 1 to " + READ_THREADS);
    }

    private static int freeBusyChunkDays(ProviderSettings settings) {
        return wholeNumber(settings, PROPERTY_FREE_BUSY_CHUNK_DAYS, DEFAULT_FREE_BUSY_CHUNK_DAYS, 90,
                "a whole number of days from 1 to 90 (Google refuses longer free/busy windows)");
    }

    /** Reads a property that must be a whole number from 1 to {@code max}; {@code fallback} when unset. */
    private static int wholeNumber(ProviderSettings settings, String property, int fallback, int max, String rule) {
        Optional<String> raw = settings.property(property);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw.get().trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new BadSettingsException("Property " + property + " must be " + rule + ", but was '" + raw.get() + "'");
    }

    @Override
    public String toString() {
        return "GoogleCalendarProvider[id=" + ID + "]";
    }

    /**
     * Names every property this provider reads, so that the facade refuses a misspelled one with a "did you mean".
     *
     * @return the property names, not null
     */
    @Override
    public Set<String> propertyNames() {
        return Set.of(PROPERTY_FREE_BUSY_CHUNK_DAYS, PROPERTY_ACCOUNT_ID, PROPERTY_PROMPT, PROPERTY_READ_CONCURRENCY);
    }

    /** Reads Google's push notifications ({@code X-Goog-Channel-*} headers); see {@code GoogleNotifications}. */
    @Override
    public Optional<dev.personaltracker.calendar.spi.NotificationDecoder> notificationDecoder() {
        return Optional.of(new GoogleNotifications());
    }
}
