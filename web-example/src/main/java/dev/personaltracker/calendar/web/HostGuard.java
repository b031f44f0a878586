package dev.personaltracker.calendar.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The names this app answers to: {@code 127.0.0.1:PORT}, {@code localhost:PORT}, {@code [::1]:PORT}, the bound
 * address when it is not a wildcard, and the authority of the configured public URL (on port 80, or the public URL's
 * default port, also without the port, as browsers send it). A website whose name an attacker re-points at 127.0.0.1
 * (DNS rebinding) sends its own name in {@code Host} and {@code Origin}, so both must be on the list. An
 * {@code Origin} must match scheme and authority exactly: the loopback names are served over plain http, the public
 * URL over its own scheme, so {@code https://localhost:PORT} or {@code http://} for an https public name is foreign.
 */
final class HostGuard {

    private final Set<String> authorities;
    private final Set<String> origins;

    private HostGuard(Set<String> authorities, Set<String> origins) {
        this.authorities = Set.copyOf(authorities);
        this.origins = Set.copyOf(origins);
    }

    /**
     * Obtains the guard of a running server.
     *
     * @param boundHost  the address the server listens on, not null
     * @param port  the bound port
     * @param publicUrl  the public base URL (behind a proxy), if one is configured, not null
     * @return the guard, not null
     */
    static HostGuard of(String boundHost, int port, Optional<URI> publicUrl) {
        Set<String> authorities = new LinkedHashSet<>();
        Set<String> origins = new LinkedHashSet<>();
        List<String> names = new ArrayList<>(List.of("127.0.0.1", "localhost", "[::1]"));
        String bound = boundHost.strip().toLowerCase(Locale.ROOT);
        if (!bound.equals("0.0.0.0") && !bound.equals("::") && !bound.equals("[::]")) {
            names.add(bound.contains(":") && !bound.startsWith("[") ? "[" + bound + "]" : bound);
        }
        for (String name : names) {
            add(authorities, origins, "http", name, port, 80);
        }
        publicUrl.filter(u -> u.getHost() != null && u.getScheme() != null).ifPresent(u -> {
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int defaultPort = scheme.equals("https") ? 443 : 80;
            add(authorities, origins, scheme, u.getHost().toLowerCase(Locale.ROOT),
                    u.getPort() < 0 ? defaultPort : u.getPort(), defaultPort);
        });
        return new HostGuard(authorities, origins);
    }

    private static void add(Set<String> authorities, Set<String> origins, String scheme, String name, int port,
            int defaultPort) {
        authorities.add(name + ":" + port);
        origins.add(scheme + "://" + name + ":" + port);
        if (port == defaultPort) {
            authorities.add(name);
            origins.add(scheme + "://" + name);
        }
    }

    /**
     * Checks a {@code Host} header.
     *
     * @param host  the header's value, not null
     * @return true if it names this app
     */
    boolean allowsHost(String host) {
        return authorities.contains(host.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Checks an {@code Origin} header: exactly one of this app's origins, scheme included ({@code null} and anything
     * else are foreign).
     *
     * @param origin  the header's value, not null
     * @return true if it is this app's own origin
     */
    boolean allowsOrigin(String origin) {
        return origins.contains(origin.strip().toLowerCase(Locale.ROOT));
    }

    /** @return the allowed authorities, for the log */
    @Override
    public String toString() {
        return "HostGuard" + authorities;
    }
}
