package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.TokenStore;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The CalDAV provider, id {@code "caldav"}: iCloud, Fastmail, Nextcloud, mailbox.org, Radicale and every other
 * CalDAV server (RFC 4791), with a user name and an app-specific password.
 * <p>
 * The password is a secret: the host saves it once with {@link #saveAccount} into its {@link TokenStore} (as the
 * grant's access token, next to the server URL) and connects with {@link Credentials#stored}; or it passes it for
 * one connection with {@link Credentials#accessToken}. It never appears in a log line, a message or a
 * {@code toString()}. Settings ({@link ProviderSettings#property properties}):
 * <table>
 * <caption>Settings</caption>
 * <tr><th>property</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@value #SERVER}</td><td>the server: a CalDAV URL, a bare domain (discovery through
 *     {@code /.well-known/caldav}), or a preset name ({@code icloud}, {@code fastmail}, see {@link CaldavPreset})</td>
 *     <td>the server saved with the account, else {@link ProviderSettings#apiBaseUrl()}</td></tr>
 * <tr><td>{@value #USER}</td><td>the user name (iCloud: the Apple ID; Fastmail: the full address)</td>
 *     <td>the grant's account id</td></tr>
 * <tr><td>{@value #ZONE}</td><td>the person's time zone: all-day events and floating times are read in it</td>
 *     <td>the system default zone</td></tr>
 * <tr><td>{@value #OWNER}</td><td>more of the person's e-mail addresses, comma-separated, for the invitation rules
 *     ({@code PARTSTAT}); the server's {@code calendar-user-address-set} and a user name with {@code @} count
 *     anyway</td><td>none</td></tr>
 * <tr><td>{@value #CONNECT_TIMEOUT}, {@value #REQUEST_TIMEOUT}</td><td>timeouts of one request, ISO-8601</td>
 *     <td>{@code PT10S}, {@code PT30S}</td></tr>
 * </table>
 * {@link ProviderSettings#retryPolicy()} bounds retries and the whole time of one call;
 * {@link ProviderSettings#syncStateStore()} keeps the incremental-sync state; {@link ProviderSettings#readOnly()}
 * refuses writes.
 * <p>
 * This class has a public no-argument constructor that does no I/O, as {@link java.util.ServiceLoader} needs. It is
 * immutable and thread-safe.
 */
public final class CaldavCalendarProvider implements CalendarProvider {

    /** The provider id, {@code "caldav"}. */
    public static final String ID = "caldav";
    /** Property with the server URL, domain or preset name. */
    public static final String SERVER = "server";
    /** Property with the user name. */
    public static final String USER = "user";
    /** Property naming the person's time zone. */
    public static final String ZONE = "zone";
    /** Property listing more of the person's e-mail addresses, comma-separated. */
    public static final String OWNER = "owner";
    /** Property with the connect timeout, an ISO-8601 duration. */
    public static final String CONNECT_TIMEOUT = "http.connectTimeout";
    /** Property with the timeout of one request, an ISO-8601 duration. */
    public static final String REQUEST_TIMEOUT = "http.requestTimeout";

    /** Creates the provider; does no I/O. */
    public CaldavCalendarProvider() {
    }

    /** @return {@code "caldav"} */
    @Override
    public String id() {
        return ID;
    }

    /** @return {@code "CalDAV"} */
    @Override
    public String displayName() {
        return "CalDAV";
    }

    /** @return false: CalDAV accounts use a user name and an app-specific password */
    @Override
    public boolean usesOAuth() {
        return false;
    }

    /**
     * Saves an account's server and app-specific password in a token store, so that
     * {@code connect(settings, Credentials.stored(store, key))} (or a tracker's {@code connectStoredAccounts()})
     * can use it. The key's account id is the user name. Saving again replaces the password and clears a
     * {@link TokenHealth#REAUTHORIZATION_REQUIRED} mark.
     *
     * @param store  the token store, not null
     * @param key  the grant's key: the host's user, provider {@code "caldav"} and the user name, not null
     * @param server  the server: a URL, a bare domain or a preset name ({@code icloud}, {@code fastmail}), not null
     * @param appPassword  the app-specific password, not blank; never logged
     * @return credentials for {@link #connect}, not null
     * @throws BadSettingsException if the key is not a caldav key, the server is malformed or the password blank
     */
    public static Credentials saveAccount(TokenStore store, TokenKey key, String server, String appPassword) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(appPassword, "appPassword");
        if (!ID.equals(key.providerId())) {
            throw new BadSettingsException("caldav: the key's provider must be '" + ID + "', but was '"
                    + key.providerId() + "'");
        }
        if (appPassword.isBlank()) {
            throw new BadSettingsException("caldav: the app-specific password of '" + key.accountId() + "' is blank");
        }
        String url = CaldavSettings.server(server).toString();
        store.save(key, new OAuthToken(appPassword, Optional.empty(), Optional.empty(), Set.of(),
                Optional.of(CaldavSettings.STATE_SERVER + url), TokenHealth.HEALTHY));
        return Credentials.stored(store, key);
    }

    /**
     * Opens a connection. Checks the settings but does no network I/O until used.
     *
     * @param settings  the settings, not null
     * @param credentials  {@link Credentials#stored} (after {@link #saveAccount}) or {@link Credentials#accessToken}
     *                     with the app-specific password, not null
     * @return the connection, a {@link CaldavConnection}, not null
     * @throws BadSettingsException if there is no server or user name, or a property is malformed; the message names
     *     the property
     */
    @Override
    public CalendarConnection connect(ProviderSettings settings, Credentials credentials) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(credentials, "credentials");
        CaldavSettings s = CaldavSettings.from(settings, credentials);
        return new CaldavConnection(s, new Grant(s.userName(), credentials));
    }

    /**
     * Names every property this provider reads, so that the facade refuses a misspelled one with a "did you mean".
     *
     * @return the property names, not null
     */
    @Override
    public Set<String> propertyNames() {
        return Set.of(SERVER, USER, ZONE, OWNER, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }
}
