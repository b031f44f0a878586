package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.ProviderRegistry;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.SyncStateStore;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth providers the Connect page offers (Google, Outlook), with the variables that hold their clients: which
 * are usable, why not, and their settings for the tracker (redirect URI under the public base URL).
 */
final class OAuthClients {

    /** Display name, client id variable, client secret variable, by provider id. */
    private static final Map<String, String[]> CLIENTS = Map.of(
            "google", new String[] {"Google", "GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"},
            "outlook", new String[] {"Outlook", "MICROSOFT_CLIENT_ID", "MICROSOFT_CLIENT_SECRET"});

    private OAuthClients() {
    }

    /** @return the provider ids offered, in display order */
    static List<String> ids() {
        return List.of("google", "outlook");
    }

    /** @return the display name of a provider */
    static String displayName(String providerId) {
        String[] names = CLIENTS.get(providerId);
        return names == null ? providerId : names[0];
    }

    /** @return true if the Connect page offers this provider for OAuth */
    static boolean isOffered(String providerId) {
        return CLIENTS.containsKey(providerId);
    }

    /**
     * Gives the tracker the settings of every provider whose client is configured.
     *
     * @param b  the tracker's builder, not null
     * @param providers  the providers on the class path, not null
     * @param env  the variables, not null
     * @param baseUrl  the public base URL, not null
     * @param clock  the clock, not null
     */
    static void configure(StudyTracker.Builder b, ProviderRegistry providers, Env env, URI baseUrl, Clock clock,
            SyncStateStore sync) {
        CLIENTS.forEach((id, names) -> {
            Optional<String> clientId = env.get(names[1]);
            if (providers.contains(id) && clientId.isPresent()) {
                ProviderSettings.Builder s = ProviderSettings.builder().clientId(clientId.get())
                        .redirectUri(URI.create(baseUrl + "/oauth/" + id + "/callback")).clock(clock)
                        .syncStateStore(sync);
                env.get(names[2]).ifPresent(s::clientSecret);
                env.get("MICROSOFT_TENANT").filter(t -> id.equals("outlook")).ifPresent(t -> s.property("tenant", t));
                b.settings(id, s.build());
            }
        });
    }

    /**
     * Checks whether a provider can be used, and why not.
     *
     * @param providerId  {@code google} or {@code outlook}, not null
     * @param providers  the providers on the class path, not null
     * @param env  the variables, not null
     * @return empty when ready, else the reason to show, not null
     */
    static Optional<String> unavailable(String providerId, ProviderRegistry providers, Env env) {
        String[] names = CLIENTS.get(providerId);
        if (!providers.contains(providerId)) {
            return Optional.of("The " + names[0] + " provider (tracker-calendar-provider-" + providerId
                    + ") is not on the class path.");
        }
        if (env.get(names[1]).isEmpty() || env.get(names[2]).isEmpty()) {
            return Optional.of("Set " + names[1] + " and " + names[2] + " in the environment or in a .env file, "
                    + "then restart.");
        }
        return Optional.empty();
    }
}
