package dev.personaltracker.calendar.outlook;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.ProviderSettings;
import java.net.URI;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The provider's reading of {@link ProviderSettings}: tenant, cloud, base URLs, scopes and sync mode, checked once.
 */
final class OutlookSettings {

    static final String TENANT = "tenant";
    static final String CLOUD = "cloud";
    static final String SYNC = "sync";
    static final String PAGE_SIZE = "pageSize";
    static final String ACCOUNT = "account";
    static final String CONCURRENCY = "concurrency";
    static final String ZONE = "zone";

    /** Scopes MSAL adds to every request itself and refuses to be handed. */
    private static final Set<String> MSAL_RESERVED = Set.of("openid", "profile", "offline_access");
    private static final Pattern TENANT_FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,253}");

    private final ProviderSettings settings;
    private final String tenant;
    private final OutlookCloud cloud;
    private final URI graphBaseUrl;
    private final URI loginBaseUrl;
    private final boolean customLogin;
    private final boolean delta;
    private final int pageSize;
    private final int concurrency;
    private final ZoneId allDayZone;

    private OutlookSettings(ProviderSettings settings) {
        this.settings = settings;
        this.tenant = settings.property(TENANT).map(String::trim).orElse("common");
        if (!TENANT_FORM.matcher(tenant).matches()) {
            throw new BadSettingsException("Unknown tenant '" + tenant + "': use common, organizations, consumers, "
                    + "a tenant id (GUID) or a verified domain name");
        }
        this.cloud = settings.property(CLOUD).map(OutlookCloud::of).orElse(OutlookCloud.GLOBAL);
        this.graphBaseUrl = withoutTrailingSlash(settings.apiBaseUrl().orElse(cloud.graphBaseUrl()));
        this.customLogin = settings.authBaseUrl().isPresent();
        this.loginBaseUrl = withTrailingSlash(settings.authBaseUrl().orElse(cloud.loginBaseUrl()));
        String sync = settings.property(SYNC).orElse("delta").trim().toLowerCase(Locale.ROOT);
        if (!sync.equals("delta") && !sync.equals("full")) {
            throw new BadSettingsException("Unknown sync mode '" + sync + "' (property 'sync'): use delta or full");
        }
        this.delta = sync.equals("delta");
        this.pageSize = wholeNumber(settings, PAGE_SIZE, 500, 1000);
        this.concurrency = wholeNumber(settings, CONCURRENCY, 4, 16);
        // The person's zone (set per person by the facade) wins; the provider-wide property is the older fallback.
        this.allDayZone = settings.userZone().orElseGet(() -> settings.property(ZONE)
                .map(z -> ZoneNames.resolve(z).orElseThrow(() -> new BadSettingsException(
                        "Unknown time zone '" + z + "' (property 'zone'): use an IANA or Windows zone name")))
                .orElse(ZoneOffset.UTC));
    }

    private static int wholeNumber(ProviderSettings settings, String property, int fallback, int max) {
        String value = settings.property(property).orElse(String.valueOf(fallback));
        String problem = property + " must be a whole number from 1 to " + max + ", but was '" + value + "'";
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadSettingsException(problem, e);
        }
        if (n < 1 || n > max) {
            throw new BadSettingsException(problem);
        }
        return n;
    }

    static OutlookSettings of(ProviderSettings settings) {
        return new OutlookSettings(settings);
    }

    ProviderSettings raw() {
        return settings;
    }

    String clientId() {
        return settings.clientId().orElseThrow(() -> new BadSettingsException(
                "The Outlook provider needs clientId: the Application (client) ID of your Entra app registration"));
    }

    Optional<String> clientSecret() {
        return settings.clientSecret();
    }

    String tenant() {
        return tenant;
    }

    OutlookCloud cloud() {
        return cloud;
    }

    URI graphBaseUrl() {
        return graphBaseUrl;
    }

    /** @return the MSAL authority, {@code <login base>/<tenant>/}; always https (MSAL refuses anything else) */
    String authority() {
        if (!"https".equalsIgnoreCase(loginBaseUrl.getScheme())) {
            throw new BadSettingsException("authBaseUrl must use https (the Microsoft identity library refuses "
                    + "other schemes), but was '" + loginBaseUrl + "'");
        }
        return loginBaseUrl + tenant + "/";
    }

    /** @return true if the sign-in host is not a Microsoft preset, so MSAL must not ask Microsoft about it */
    boolean customLogin() {
        return customLogin;
    }

    boolean delta() {
        return delta;
    }

    int pageSize() {
        return pageSize;
    }

    /** @return how many calendars of one account are read at once */
    int concurrency() {
        return concurrency;
    }

    /**
     * @return the zone whose local days all-day events block: the person's ({@link ProviderSettings#userZone()}),
     *         else the {@code zone} property, else UTC
     */
    ZoneId allDayZone() {
        return allDayZone;
    }

    /** @return true if the person's own zone is known (then it wins over an all-day event's original zone) */
    boolean knowsUserZone() {
        return settings.userZone().isPresent();
    }

    Optional<String> account() {
        return settings.property(ACCOUNT);
    }

    /** @return every scope asked for, as the provider reports them (with {@code offline_access}) */
    Set<String> scopes() {
        Set<String> scopes = new LinkedHashSet<>();
        scopes.add(qualified(settings.readOnly() ? "Calendars.Read" : "Calendars.ReadWrite"));
        scopes.add(qualified("MailboxSettings.Read"));
        scopes.add("offline_access");
        scopes.addAll(settings.scopes());
        return scopes;
    }

    /** @return the scopes handed to MSAL, which adds {@code openid profile offline_access} itself */
    Set<String> msalScopes() {
        Set<String> scopes = new LinkedHashSet<>(scopes());
        scopes.removeAll(MSAL_RESERVED);
        return scopes;
    }

    /** Outside the global cloud a bare Graph scope would name the global resource, so it gets the cloud's host. */
    private String qualified(String scope) {
        return cloud == OutlookCloud.GLOBAL ? scope : "https://" + cloud.graphBaseUrl().getHost() + "/" + scope;
    }

    private static URI withoutTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }

    private static URI withTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? uri : URI.create(s + "/");
    }
}
