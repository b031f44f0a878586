package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.memory.InMemorySyncStateStore;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.SyncStateStore;
import dev.personaltracker.calendar.spi.TokenKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The provider's settings, checked once at connect time; see {@link CaldavCalendarProvider} for the properties.
 *
 * @param server  where discovery starts
 * @param userName  the account's user name
 * @param account  the key the sync state is kept under (the grant's key for stored credentials)
 * @param zone  the person's zone
 * @param owners  the person's addresses from the settings (discovery adds the server's)
 * @param connectTimeout  the connect timeout
 * @param requestTimeout  the timeout of one request
 * @param retryPolicy  retries and the deadline of one call
 * @param clock  the clock
 * @param readOnly  true to refuse writes
 * @param syncStateStore  where sync state is kept
 */
record CaldavSettings(URI server, String userName, TokenKey account, ZoneId zone, Set<String> owners,
                      Duration connectTimeout, Duration requestTimeout, RetryPolicy retryPolicy, Clock clock,
                      boolean readOnly, SyncStateStore syncStateStore) {

    /** The key of the server URL inside a stored grant's provider state. */
    static final String STATE_SERVER = "server=";

    static CaldavSettings from(ProviderSettings settings, Credentials credentials) {
        Optional<String> storedServer = credentials.tokenStore().flatMap(s -> s.load(credentials.tokenKey().orElseThrow()))
                .flatMap(OAuthToken::providerState)
                .filter(s -> s.startsWith(STATE_SERVER)).map(s -> s.substring(STATE_SERVER.length()).strip());
        String serverText = settings.property(CaldavCalendarProvider.SERVER)
                .or(() -> storedServer)
                .or(() -> settings.apiBaseUrl().map(URI::toString))
                .orElseThrow(() -> new BadSettingsException("caldav: no server: set property '"
                        + CaldavCalendarProvider.SERVER + "' to the CalDAV URL, a domain, or a preset (icloud,"
                        + " fastmail), or save it with the account (CaldavCalendarProvider.saveAccount)"));
        URI server = server(serverText);
        String user = settings.property(CaldavCalendarProvider.USER).map(String::strip)
                .or(() -> credentials.tokenKey().map(TokenKey::accountId))
                .orElseThrow(() -> new BadSettingsException("caldav: no user name: set property '"
                        + CaldavCalendarProvider.USER + "' or connect with stored credentials whose account id is it"));
        if (user.isBlank()) {
            throw new BadSettingsException("caldav: property '" + CaldavCalendarProvider.USER + "' is blank");
        }
        TokenKey account = credentials.tokenKey().orElseGet(() -> TokenKey.of("local", CaldavCalendarProvider.ID, user));
        ZoneId zone = settings.property(CaldavCalendarProvider.ZONE).map(CaldavSettings::zone)
                .orElseGet(ZoneId::systemDefault);
        Set<String> owners = new LinkedHashSet<>();
        if (user.contains("@")) {
            owners.add(user.toLowerCase(Locale.ROOT));
        }
        settings.property(CaldavCalendarProvider.OWNER).ifPresent(list -> {
            for (String a : list.split(",")) {
                String n = a.strip().toLowerCase(Locale.ROOT);
                n = n.startsWith("mailto:") ? n.substring(7) : n;
                if (!n.isEmpty()) {
                    owners.add(n);
                }
            }
        });
        return new CaldavSettings(server, user, account, zone, Set.copyOf(owners),
                duration(settings, CaldavCalendarProvider.CONNECT_TIMEOUT, Duration.ofSeconds(10)),
                duration(settings, CaldavCalendarProvider.REQUEST_TIMEOUT, Duration.ofSeconds(30)),
                settings.retryPolicy(), settings.clock(), settings.readOnly(),
                settings.syncStateStore().orElseGet(InMemorySyncStateStore::create));
    }

    /**
     * @param text  a URL, a bare domain or a preset name
     * @return the URL discovery starts from
     * @throws BadSettingsException if it is none of these
     */
    static URI server(String text) {
        String t = text.strip();
        Optional<CaldavPreset> preset = CaldavPreset.named(t);
        if (preset.isPresent()) {
            return preset.get().url();
        }
        if (!t.contains("://")) {
            t = "https://" + t;
        }
        try {
            URI uri = new URI(t);
            if (uri.getRawUserInfo() != null) {
                throw new BadSettingsException("caldav: property '" + CaldavCalendarProvider.SERVER + "' must not"
                        + " hold a user name or password (the URL of host '" + uri.getHost() + "' does): give the"
                        + " user name as '" + CaldavCalendarProvider.USER + "' and save the password with"
                        + " CaldavCalendarProvider.saveAccount");
            }
            if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme()))) {
                throw new URISyntaxException(t, "not an http(s) URL with a host");
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return new URI(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority() + path);
        } catch (URISyntaxException e) {
            throw new BadSettingsException("caldav: property '" + CaldavCalendarProvider.SERVER + "' must be an"
                    + " http(s) URL, a domain or a preset (icloud, fastmail), but was '" + text + "'", e);
        }
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new BadSettingsException("caldav: property '" + CaldavCalendarProvider.ZONE + "' must be a time"
                    + " zone id such as Europe/Berlin, but was '" + text + "'", e);
        }
    }

    private static Duration duration(ProviderSettings settings, String name, Duration fallback) {
        Optional<String> text = settings.property(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(text.get().strip());
            if (d.isNegative() || d.isZero()) {
                throw new BadSettingsException("caldav: property '" + name + "' must be positive, but was '"
                        + text.get() + "'");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new BadSettingsException("caldav: property '" + name + "' must be an ISO-8601 duration such as"
                    + " PT30S, but was '" + text.get() + "'", e);
        }
    }
}
