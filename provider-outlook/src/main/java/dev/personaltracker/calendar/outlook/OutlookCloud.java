package dev.personaltracker.calendar.outlook;

import dev.personaltracker.calendar.spi.BadSettingsException;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Microsoft clouds a Graph account can live in, each with its own Graph and sign-in hosts. Tokens of one cloud
 * do not work in another.
 * <p>
 * Chosen with the provider property {@code cloud} ({@code global}, {@code usgov}, {@code usgov-dod}, {@code china});
 * {@code ProviderSettings.apiBaseUrl} and {@code authBaseUrl} override the preset's URLs.
 */
public enum OutlookCloud {
    /** The worldwide cloud (also GCC moderate): {@code graph.microsoft.com}, {@code login.microsoftonline.com}. */
    GLOBAL("global", "https://graph.microsoft.com/v1.0", "https://login.microsoftonline.com/"),
    /** US Government L4 (GCC High): {@code graph.microsoft.us}, {@code login.microsoftonline.us}. */
    USGOV("usgov", "https://graph.microsoft.us/v1.0", "https://login.microsoftonline.us/"),
    /** US Government L5 (DoD): {@code dod-graph.microsoft.us}, {@code login.microsoftonline.us}. */
    USGOV_DOD("usgov-dod", "https://dod-graph.microsoft.us/v1.0", "https://login.microsoftonline.us/"),
    /** Microsoft 365 operated by 21Vianet: {@code microsoftgraph.chinacloudapi.cn}, {@code login.chinacloudapi.cn}. */
    CHINA("china", "https://microsoftgraph.chinacloudapi.cn/v1.0", "https://login.chinacloudapi.cn/");

    private final String settingName;
    private final URI graphBaseUrl;
    private final URI loginBaseUrl;

    OutlookCloud(String settingName, String graphBaseUrl, String loginBaseUrl) {
        this.settingName = settingName;
        this.graphBaseUrl = URI.create(graphBaseUrl);
        this.loginBaseUrl = URI.create(loginBaseUrl);
    }

    /**
     * Obtains the cloud named by the {@code cloud} property, ignoring case.
     *
     * @param name  the setting value, such as {@code "global"} or {@code "china"}, not null
     * @return the cloud, not null
     * @throws BadSettingsException if no cloud has that name; the message lists the known names
     */
    public static OutlookCloud of(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (OutlookCloud cloud : values()) {
            if (cloud.settingName.equals(wanted)) {
                return cloud;
            }
        }
        throw new BadSettingsException("Unknown Outlook cloud '" + name + "': use one of "
                + Arrays.stream(values()).map(OutlookCloud::settingName).collect(Collectors.joining(", ")));
    }

    /** @return the value of the {@code cloud} property that selects this cloud, not null */
    public String settingName() {
        return settingName;
    }

    /** @return the Graph v1.0 base URL, such as {@code https://graph.microsoft.com/v1.0}, not null */
    public URI graphBaseUrl() {
        return graphBaseUrl;
    }

    /** @return the Microsoft identity platform base URL, ending in {@code /}, not null */
    public URI loginBaseUrl() {
        return loginBaseUrl;
    }
}
