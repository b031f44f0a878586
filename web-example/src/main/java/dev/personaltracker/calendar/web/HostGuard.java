package dev.personaltracker.calendar.web;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The names this app answers to: {@code 127.0.0.1:PORT}, {@code localhost:PORT}, {@code [::1]:PORT}, the bound
 * address when it is not a wildcard, and the authority of the configured public URL. A website whose name an attacker
 * re-points at 127.0.0.1 (DNS rebinding) sends its own name in {@code Host} and {@code Origin}, so both must be on the
 * list.
 */
final class HostGuard {

    private final Set<String> authorities;

    private HostGuard(Set<String> authorities) {
        this.authorities = Set.copyOf(authorities);
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
        Set<String> out = new LinkedHashSet<>();
        out.add("127.0.0.1:" + port);
        out.add("localhost:" + port);
        out.add("[::1]:" + port);
        String bound = boundHost.strip().toLowerCase(Locale.ROOT);
        if (!bound.equals("0.0.0.0") && !bound.equals("::") && !bound.equals("[::]")) {
            out.add((bound.contains(":") && !bound.startsWith("[") ? "[" + bound + "]" : bound) + ":" + port);
        }
        publicUrl.map(URI::getRawAuthority).filter(a -> !a.isBlank())
                .ifPresent(a -> out.add(a.toLowerCase(Locale.ROOT)));
        return new HostGuard(out);
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
     * Checks an {@code Origin} header: http or https and an allowed authority ({@code null} and anything else are
     * foreign).
     *
     * @param origin  the header's value, not null
     * @return true if it is this app's own origin
     */
    boolean allowsOrigin(String origin) {
        try {
            URI uri = new URI(origin.strip());
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getRawAuthority() != null && allowsHost(uri.getRawAuthority())
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** @return the allowed authorities, for the log */
    @Override
    public String toString() {
        return "HostGuard" + authorities;
    }
}
