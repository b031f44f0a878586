package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Turns hrefs into the decoded absolute paths used as calendar and resource ids, and back into URIs. Servers spell
 * one path in several ways ({@code %40} or {@code @}, absolute URL or path); the decoded path is one spelling.
 */
final class DavPaths {

    private DavPaths() {
    }

    /**
     * @param base  the URI the href was found at
     * @param href  an absolute URL or a path, percent-encoded
     * @param what  the request, for messages
     * @return the decoded absolute path
     * @throws UnexpectedResponseException if the href is not a URI
     */
    static String path(URI base, String href, String what) {
        try {
            URI resolved = base.resolve(new URI(href.strip().replace(" ", "%20")));
            String path = resolved.getPath();
            return path == null || path.isEmpty() ? "/" : path;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new UnexpectedResponseException("caldav: " + what + " answered with an href that is not a URI: '"
                    + href + "'", e);
        }
    }

    /**
     * @param origin  a URI whose scheme, host and port are used
     * @param path  a decoded absolute path
     * @return the URI of that path at that origin, encoded
     */
    static URI at(URI origin, String path) {
        try {
            return new URI(origin.getScheme(), origin.getRawAuthority() == null ? null : origin.getAuthority(), path,
                    null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a path: '" + path + "'", e);
        }
    }

    /** @return the origin of a URI: scheme, host and port */
    static String origin(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://"
                + uri.getHost().toLowerCase(java.util.Locale.ROOT) + ":" + port;
    }

    /** @return the path with a trailing slash, as collections have */
    static String collection(String path) {
        return path.endsWith("/") ? path : path + "/";
    }
}
