package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.ProviderRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * How the web example runs.
 *
 * @param host  the address to bind, 127.0.0.1 by default (only this machine can connect)
 * @param port  the port, 5000 by default; 0 picks a free one (tests)
 * @param dataDir  where settings, the encrypted stores, the keyset and the study-session file live
 * @param clock  the clock of the tracker (tests fix it; {@code --now} shifts it for demos)
 * @param env  the variables: OAuth clients, SECRET_KEY, PUBLIC_URL
 * @param defaultZone  the zone until the person picks one
 * @param providers  the providers to use instead of discovering them (tests), empty to discover
 * @param userId  the person's id in the stores: this is a one-person app
 * @param sourceDeadline  the most reading one calendar file or feed may take
 * @param backgroundEvery  the pause between background runs (read the calendars again, reconcile); zero for none
 */
record WebConfig(String host, int port, Path dataDir, Clock clock, Env env, ZoneId defaultZone,
        Optional<ProviderRegistry> providers, String userId, Duration sourceDeadline, Duration backgroundEvery) {

    /** Reading one calendar may take this long by default. */
    static final Duration SOURCE_DEADLINE = Duration.ofSeconds(20);
    /** The background run's default pause. */
    static final Duration BACKGROUND_EVERY = Duration.ofMinutes(15);

    WebConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(defaultZone, "defaultZone");
        Objects.requireNonNull(providers, "providers");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sourceDeadline, "sourceDeadline");
        Objects.requireNonNull(backgroundEvery, "backgroundEvery");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, but was " + port);
        }
    }

    /**
     * Gets the public base URL that OAuth redirects come back to: {@code PUBLIC_URL}, else
     * {@code http://localhost:<port>}.
     *
     * @param boundPort  the port actually bound
     * @return the base URL without a trailing slash, not null
     */
    URI baseUrl(int boundPort) {
        String url = env.get("PUBLIC_URL").orElse("http://localhost:" + boundPort);
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** @return the public URL, when PUBLIC_URL is set */
    Optional<URI> publicUrl() {
        return env.get("PUBLIC_URL").map(URI::create);
    }

    /**
     * Checks if cookies must carry {@code Secure}: when the public URL is https (behind a TLS proxy).
     *
     * @return true for https
     */
    boolean secureCookies() {
        return env.get("PUBLIC_URL").map(u -> u.startsWith("https://")).orElse(false);
    }
}
