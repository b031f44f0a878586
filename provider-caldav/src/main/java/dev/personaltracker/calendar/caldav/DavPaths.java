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
            URI resolved = base.resolve(new URI(lenient(href.strip())));
            String path = resolved.getPath();
            return path == null || path.isEmpty() ? "/" : path;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new UnexpectedResponseException("caldav: " + what + " answered with an href that is not a URI: '"
                    + href + "'", e);
        }
    }

    /**
     * Percent-encodes what some servers leave raw in an href but a URI may not hold (spaces, quotes, braces, a
     * {@code %} not followed by two hex digits); the rest, including non-ASCII letters, is kept as sent.
     */
    private static String lenient(String href) {
        StringBuilder out = new StringBuilder(href.length() + 8);
        for (int i = 0; i < href.length(); i++) {
            char c = href.charAt(i);
            boolean escape = c == '%' && !(i + 2 < href.length() && isHex(href.charAt(i + 1)) && isHex(href.charAt(i + 2)));
            if (escape || c <= ' ' || c == 0x7F || "\"<>\\^`{|}".indexOf(c) >= 0) {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
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

    /** @return whether two decoded paths name the same collection, with or without a trailing slash */
    static boolean sameCollection(String path, String collectionPath) {
        return collection(path).equals(collection(collectionPath));
    }

    /** @return the path with a trailing slash, as collections have */
    static String collection(String path) {
        return path.endsWith("/") ? path : path + "/";
    }
}
