package dev.personaltracker.calendar.outlook;

import com.microsoft.aad.msal4j.AbstractClientApplicationBase;
import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.MsalThrottlingException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.RefreshTokenParameters;
import com.microsoft.aad.msal4j.SilentParameters;
import dev.personaltracker.calendar.spi.AuthorizationCode;
import dev.personaltracker.calendar.spi.AuthorizationException;
import dev.personaltracker.calendar.spi.AuthorizationParameters;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.RateLimitedException;
import dev.personaltracker.calendar.spi.ReauthorizationRequiredException;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One MSAL4J client application for one provider configuration: builds authorization URLs, redeems codes and
 * refresh tokens, and gets tokens silently from its cache (refreshing them when due).
 * <p>
 * A client secret makes it a confidential client (web apps); without one it is a public client (desktop apps
 * using PKCE alone).
 */
final class MsalClient {

    /** OAuth errors that mean the app registration or its settings are wrong, not the person's grant. */
    private static final Set<String> CLIENT_ERRORS = Set.of("invalid_client", "unauthorized_client", "invalid_scope");
    /** OAuth errors that mean the identity platform is down for a while (RFC 6749 section 5.2 and 4.1.2.1). */
    private static final Set<String> UNAVAILABLE_ERRORS = Set.of("temporarily_unavailable", "server_error");

    private final OutlookSettings settings;
    private final AbstractClientApplicationBase app;

    private MsalClient(OutlookSettings settings, AbstractClientApplicationBase app) {
        this.settings = settings;
        this.app = app;
    }

    /**
     * @param settings  the provider settings
     * @param cacheAspect  where MSAL's token cache lives, or null for a cache in memory only
     */
    static MsalClient create(OutlookSettings settings, ITokenCacheAccessAspect cacheAspect) {
        String clientId = settings.clientId();
        try {
            if (settings.clientSecret().isPresent()) {
                ConfidentialClientApplication.Builder b = ConfidentialClientApplication
                        .builder(clientId, ClientCredentialFactory.createFromSecret(settings.clientSecret().get()));
                return new MsalClient(settings, configure(b, settings, cacheAspect).build());
            }
            PublicClientApplication.Builder b = PublicClientApplication.builder(clientId);
            return new MsalClient(settings, configure(b, settings, cacheAspect).build());
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new BadSettingsException("The sign-in authority '" + settings.authority()
                    + "' is not usable (authBaseUrl + tenant): " + e.getMessage(), e);
        }
    }

    /** Threads for MSAL's token requests (cached, daemon, named), shared by every client of this provider. */
    private static final java.util.concurrent.ExecutorService TOKEN_REQUESTS =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "tracker-msal-token-request");
                t.setDaemon(true);
                return t;
            });

    private static <T extends AbstractClientApplicationBase.Builder<T>> T configure(
            T builder, OutlookSettings settings, ITokenCacheAccessAspect aspect) throws MalformedURLException {
        builder.authority(settings.authority());
        if (settings.customLogin()) {
            // A proxy or test server is not a host Microsoft's instance discovery knows; asking would fail.
            builder.instanceDiscovery(false);
        }
        if (aspect != null) {
            builder.setTokenCacheAccessAspect(aspect);
        }
        builder.logPii(false);
        // MSAL runs its futures on the common ForkJoinPool unless given an executor; on a 2-core machine that pool
        // has one thread, so two accounts' token requests (each possibly waiting on the token store) would queue
        // behind each other. Our own daemon threads keep them independent.
        builder.executorService(TOKEN_REQUESTS);
        // A token request is part of the operation that needs the token: it must not outlast the read deadline.
        builder.httpClient(new MsalHttp(settings.raw().readDeadline()));
        return builder;
    }

    /**
     * Builds the v2.0 authorization URL itself: MSAL4J 1.26 turns {@code response_mode=query} into
     * {@code form_post} (with a deprecation warning), and a form post cannot reach a loopback receiver or any
     * redirect handler that reads the query string. The parameters are exactly those MSAL would send.
     */
    URI authorizationUrl(AuthorizationParameters p) {
        Set<String> scopes = new java.util.LinkedHashSet<>(List.of("openid", "profile", "offline_access"));
        scopes.addAll(settings.msalScopes());
        Map<String, String> q = new java.util.LinkedHashMap<>();
        q.put("client_id", settings.clientId());
        q.put("response_type", "code");
        q.put("redirect_uri", p.redirectUri().toString());
        q.put("response_mode", "query");
        q.put("scope", String.join(" ", scopes));
        q.put("state", p.state());
        q.put("code_challenge", p.codeChallenge());
        q.put("code_challenge_method", p.codeChallengeMethod());
        p.loginHint().ifPresent(hint -> q.put("login_hint", hint));
        StringBuilder url = new StringBuilder(settings.authority()).append("oauth2/v2.0/authorize");
        char sep = '?';
        for (Map.Entry<String, String> e : q.entrySet()) {
            url.append(sep).append(e.getKey()).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
            sep = '&';
        }
        return URI.create(url.toString());
    }

    IAuthenticationResult redeem(AuthorizationCode code) {
        return complete("(new authorization)", await("(new authorization)", app.acquireToken(AuthorizationCodeParameters.builder(code.code(), code.redirectUri())
                .scopes(settings.msalScopes()).codeVerifier(code.codeVerifier()).build()),
                e -> {
                    Supplier<CalendarException> refused = () -> new AuthorizationException(
                            "The Microsoft identity platform refused the authorization code (" + describe(e)
                                    + "): start the authorization again", e);
                    // invalid_grant here means a spent or foreign code, not a revoked grant
                    return isInvalidGrant(e) ? refused.get() : failure(e, "(new authorization)", refused);
                }));
    }

    IAuthenticationResult redeemRefreshToken(String refreshToken, String account) {
        return complete(account, await(account, app.acquireToken(RefreshTokenParameters.builder(settings.msalScopes(),
                refreshToken).build()), e -> failure(e, account, () -> reauthorize(e, account))));
    }

    IAuthenticationResult silent(IAccount account, boolean forceRefresh, String accountName) {
        try {
            return complete(accountName, await(accountName, app.acquireTokenSilently(SilentParameters.builder(settings.msalScopes(), account)
                    .forceRefresh(forceRefresh)
                    // MSAL rebuilds the authority from the cached account's host and drops a non-default port;
                    // naming it keeps refreshes on the configured sign-in host (proxies, test servers).
                    .authorityUrl(settings.authority()).build()), e -> failure(e, accountName, () -> reauthorize(e, accountName))));
        } catch (MalformedURLException e) {
            throw new BadSettingsException("The sign-in authority '" + settings.authority() + "' is malformed", e);
        }
    }

    /**
     * @return {@code result} if it carries an access token; MSAL takes a token answer without one (such as
     *     {@code {}}) for a success
     */
    private static IAuthenticationResult complete(String account, IAuthenticationResult result) {
        if (result == null || result.accessToken() == null || result.accessToken().isBlank()) {
            throw new UnexpectedResponseException("The Microsoft identity platform answered the token request for "
                    + "account '" + account + "' without an access token: the grant is kept; try again later, and if "
                    + "it persists check proxies between this host and the sign-in host");
        }
        return result;
    }

    Set<IAccount> accounts() {
        return await("(any)", app.getAccounts(), e -> new ProviderUnavailableException("Cannot read the MSAL token cache", e));
    }

    String serializeCache() {
        return app.tokenCache().serialize();
    }

    /**
     * Sorts an MSAL failure: a refused grant needs the person again; a refused client is a settings mistake;
     * throttling, 5xx and connection faults are outages; anything else is {@code otherwise}.
     */
    private static CalendarException failure(Throwable e, String account, Supplier<CalendarException> otherwise) {
        if (e instanceof CalendarException typed) {
            return typed;   // from the token store behind MSAL's cache
        }
        if (isInvalidGrant(e)) {
            return reauthorize(e, account);
        }
        if (e instanceof MsalThrottlingException t) {
            return new RateLimitedException("The Microsoft identity platform asked to wait before the next token "
                    + "request for account '" + account + "'", Duration.ofSeconds(Math.max(0, t.retryInMs() / 1000)), e);
        }
        String code = e instanceof MsalException m && m.errorCode() != null ? m.errorCode() : "";
        if (CLIENT_ERRORS.contains(code)) {
            return new BadSettingsException("The Microsoft identity platform refused the app (" + describe(e)
                    + "): check clientId, clientSecret, tenant and the redirect URI of the Entra app registration", e);
        }
        Integer status = e instanceof MsalServiceException s ? s.statusCode() : null;
        if (status != null && status == 429) {
            return new RateLimitedException("The Microsoft identity platform throttled the token request for account '"
                    + account + "' (" + describe(e) + ")", null, e);
        }
        if (status != null && status >= 500 || e instanceof IOException || e.getCause() instanceof IOException
                || UNAVAILABLE_ERRORS.contains(code)) {
            return new ProviderUnavailableException("The Microsoft identity platform is unavailable for account '"
                    + account + "' (" + describe(e) + "): try again later", e);
        }
        if (unreadable(e)) {
            // a proxy's or gateway's page, a cut-off body, JSON null: not an answer about the grant
            return new UnexpectedResponseException("The Microsoft identity platform sent a token answer that cannot "
                    + "be read for account '" + account + "' (" + describe(e) + "): the grant is kept; try again "
                    + "later, and if it persists check proxies between this host and the sign-in host", e);
        }
        return otherwise.get();
    }

    /**
     * @return true if MSAL failed on the answer's body (not JSON, not an object, empty, no OAuth error code), not
     *     on an OAuth error: its own codes {@code invalid_json} and {@code unknown}, or a runtime exception of its parsing (NullPointerException on JSON
     *     {@code null} or an empty body, IllegalStateException on an array)
     */
    private static boolean unreadable(Throwable e) {
        if (e instanceof MsalException m) {
            // "unknown": MSAL found no OAuth error code in an error answer (a gateway's 429 or 503, an empty body);
            // a refusal of the grant always names one (invalid_grant, interaction_required, ...)
            return "invalid_json".equals(m.errorCode()) || "unknown".equals(m.errorCode());
        }
        return e instanceof RuntimeException;
    }

    private static ReauthorizationRequiredException reauthorize(Throwable e, String account) {
        return new ReauthorizationRequiredException("Microsoft refused the stored grant of account '" + account
                + "' (" + describe(e) + "): ask the person to authorize Outlook again", e);
    }

    static boolean isInvalidGrant(Throwable e) {
        return e instanceof MsalInteractionRequiredException
                || e instanceof MsalException m && "invalid_grant".equals(m.errorCode());
    }

    /** The MSAL error code only: descriptions can echo request details, codes cannot. */
    private static String describe(Throwable e) {
        if (e instanceof MsalException m && m.errorCode() != null) {
            return "error " + m.errorCode();
        }
        return e.getClass().getSimpleName();
    }

    private <T> T await(String account, CompletableFuture<T> future, Function<Throwable, CalendarException> onFailure) {
        Duration wait = ReadDeadline.current().map(ReadDeadline::remaining).orElse(settings.raw().readDeadline());
        try {
            return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ProviderUnavailableException("The Microsoft identity platform did not answer the token request "
                    + "for account '" + account + "' within the read deadline of "
                    + settings.raw().readDeadline().toMillis() + " ms: try again later", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("Interrupted while talking to the Microsoft identity platform", e);
        } catch (ExecutionException e) {
            throw onFailure.apply(e.getCause() == null ? e : e.getCause());
        } catch (MsalException e) {
            throw onFailure.apply(e);
        }
    }
}
