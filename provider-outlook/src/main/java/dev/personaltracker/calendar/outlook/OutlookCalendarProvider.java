package dev.personaltracker.calendar.outlook;

import com.microsoft.aad.msal4j.IAuthenticationResult;
import dev.personaltracker.calendar.spi.AuthorizationCode;
import dev.personaltracker.calendar.spi.AuthorizationException;
import dev.personaltracker.calendar.spi.AuthorizationParameters;
import dev.personaltracker.calendar.spi.AuthorizedAccount;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.TokenHealth;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link CalendarProvider} for Microsoft Outlook and Microsoft 365 calendars, through Microsoft Graph v1.0 and
 * the Microsoft identity platform v2.0 (MSAL4J). Its id is {@code "outlook"}.
 * <p>
 * Settings it reads beside the common ones:
 * <ul>
 * <li>{@code clientId} (required for OAuth) and {@code clientSecret} (web apps; desktop apps leave it out and rely
 *     on PKCE alone);</li>
 * <li>property {@code tenant}: {@code common} (default), {@code organizations}, {@code consumers}, a tenant id or a
 *     verified domain;</li>
 * <li>property {@code cloud}: {@code global} (default), {@code usgov}, {@code usgov-dod}, {@code china}
 *     ({@link OutlookCloud}); {@code apiBaseUrl} (the Graph base including {@code /v1.0}) and {@code authBaseUrl}
 *     (the sign-in host, https only) override the preset;</li>
 * <li>property {@code sync}: {@code delta} (default, incremental) or {@code full}; property {@code pageSize}
 *     (1-1000, default 500); property {@code concurrency}: calendars of one account read at once (1-16, default
 *     4, Graph's limit per mailbox); property {@code account}: the account of a host-held access token (else read
 *     from {@code /me});</li>
 * <li>{@link ProviderSettings#userId()} and {@link ProviderSettings#userZone()} ({@link ProviderSettings#forUser}):
 *     the person a connection is for. Sync state of host-token connections is kept per person and account, and
 *     all-day events block the person's local days. Without a person's zone, all-day events are read in their
 *     {@code originalStartTimeZone} (unless that is UTC), else in property {@code zone}, else UTC;</li>
 * <li>{@link ProviderSettings#readDeadline()}: every operation (a read of busy time, a move, ...) ends within it,
 *     retries and token requests included (or within {@code RetryPolicy.maxElapsed} if that is shorter).</li>
 * </ul>
 * Scopes: {@code Calendars.ReadWrite} ({@code Calendars.Read} when read-only), {@code MailboxSettings.Read},
 * {@code offline_access}. The grant is MSAL's token cache, kept (encrypted, by persistent stores) in
 * {@link OAuthToken#providerState()}.
 * <p>
 * The no-argument constructor does no I/O. This class is immutable and thread-safe.
 */
public final class OutlookCalendarProvider implements CalendarProvider {

    /** The provider id, {@code "outlook"}. */
    public static final String ID = "outlook";

    /** Creates the provider; does no I/O. */
    public OutlookCalendarProvider() {
    }

    /** @return {@code "outlook"} */
    @Override
    public String id() {
        return ID;
    }

    /** @return {@code "Microsoft Outlook"} */
    @Override
    public String displayName() {
        return "Microsoft Outlook";
    }

    /**
     * Gets the scopes asked for: {@code Calendars.ReadWrite} (or {@code Calendars.Read} when read-only),
     * {@code MailboxSettings.Read} and {@code offline_access}, plus any extra scopes in the settings. Outside the
     * global cloud the Graph scopes carry the cloud's Graph host.
     *
     * @param settings  the settings, not null
     * @return the scopes, not null
     */
    @Override
    public Set<String> scopes(ProviderSettings settings) {
        return Set.copyOf(OutlookSettings.of(Objects.requireNonNull(settings, "settings")).scopes());
    }

    /**
     * Builds the Microsoft identity platform v2.0 authorization URL with the library's {@code state} and PKCE S256
     * challenge and {@code response_mode=query}.
     *
     * @param settings  the settings with the client id, not null
     * @param parameters  the redirect URI, state and challenge, not null
     * @return the URL to send the person to, not null
     * @throws BadSettingsException if the client id is missing or the sign-in URL is not https
     */
    @Override
    public URI authorizationUrl(ProviderSettings settings, AuthorizationParameters parameters) {
        Objects.requireNonNull(parameters, "parameters");
        OutlookSettings s = OutlookSettings.of(Objects.requireNonNull(settings, "settings"));
        return MsalClient.create(s, null).authorizationUrl(parameters);
    }

    /**
     * Redeems an authorization code (with its PKCE verifier) at the token endpoint. The account is the signed-in
     * user's name from the ID token ({@code preferred_username}, usually the e-mail address); the returned grant
     * holds MSAL's serialized token cache in {@link OAuthToken#providerState()} and no bare token.
     *
     * @param settings  the settings with the client id, not null
     * @param code  the code, redirect URI and verifier, not null
     * @return the account and its grant, not null
     * @throws AuthorizationException if the identity platform refuses the code
     */
    @Override
    public AuthorizedAccount exchangeCode(ProviderSettings settings, AuthorizationCode code) {
        Objects.requireNonNull(code, "code");
        OutlookSettings s = OutlookSettings.of(Objects.requireNonNull(settings, "settings"));
        MsalClient msal = MsalClient.create(s, null);
        IAuthenticationResult result = msal.redeem(code);
        String account = result.account() == null ? null : result.account().username();
        if (account == null || account.isBlank()) {
            throw new AuthorizationException("The Microsoft identity platform returned no account for the code "
                    + "(no ID token or client_info): check that the app requests openid and profile");
        }
        OAuthToken token = new OAuthToken("", Optional.empty(), Optional.of(result.expiresOnDate().toInstant()),
                scopesOf(result), Optional.of(msal.serializeCache()), TokenHealth.HEALTHY);
        return new AuthorizedAccount(account, token);
    }

    /**
     * Opens a connection; does no network I/O.
     *
     * @param settings  the settings, not null
     * @param credentials  stored credentials (the grant from {@link #exchangeCode}) or a host-held access token,
     *                     not null
     * @return the connection, not null
     * @throws BadSettingsException if the settings are inconsistent or the credentials are {@code none}
     */
    @Override
    public OutlookConnection connect(ProviderSettings settings, Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        OutlookSettings s = OutlookSettings.of(Objects.requireNonNull(settings, "settings"));
        if (credentials.accessToken().isPresent()) {
            return new OutlookConnection(s, new HostTokenSource(credentials.accessToken().get()), Optional.empty());
        }
        if (credentials.tokenStore().isPresent() && credentials.tokenKey().isPresent()) {
            var key = credentials.tokenKey().get();
            return new OutlookConnection(s, new StoredTokenSource(s, credentials.tokenStore().get(), key),
                    Optional.of(key));
        }
        throw new BadSettingsException("The Outlook provider needs credentials: Credentials.stored(store, key) "
                + "after an authorization, or Credentials.accessToken(token); got " + credentials);
    }

    static Set<String> scopesOf(IAuthenticationResult result) {
        if (result.scopes() == null || result.scopes().isBlank()) {
            return Set.of();
        }
        return Arrays.stream(result.scopes().trim().split("\\s+")).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Override
    public String toString() {
        return "OutlookCalendarProvider";
    }

    /** Reads Microsoft Graph change and lifecycle notifications and the validation handshake; see {@code GraphNotifications}. */
    @Override
    public java.util.Optional<dev.personaltracker.calendar.spi.NotificationDecoder> notificationDecoder() {
        return java.util.Optional.of(new GraphNotifications());
    }
}
