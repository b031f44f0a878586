package dev.personaltracker.calendar.ics;

import dev.personaltracker.calendar.spi.BadSettingsException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One read-only calendar: a local file or an http(s) feed.
 * <p>
 * Feed URLs are often secrets (Google's "secret address in iCal format" carries its key in the path, some feeds
 * carry a password in the user info), so {@link #describe()} shows only the scheme, host and port of a feed.
 *
 * @param name  the calendar id, from the property name
 * @param file  the file, null for a feed
 * @param url  the feed URL (webcal rewritten to https), null for a file
 */
record IcsSource(String name, Path file, URI url) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** A URL of any scheme (two letters at least, so that "C:\\" stays a Windows path). */
    private static final Pattern OTHER_SCHEME = Pattern.compile("[a-z][a-z0-9+.-]+:.*", Pattern.DOTALL);

    IcsSource {
        Objects.requireNonNull(name, "name");
    }

    /**
     * Parses a source property.
     *
     * @param name  the part after {@code source.}
     * @param location  a path, file: URI, http(s) or webcal URL
     * @return the source
     * @throws BadSettingsException naming the property if the name or location is malformed
     */
    static IcsSource parse(String name, String location) {
        String property = IcsCalendarProvider.SOURCE_PREFIX + name;
        if (!NAME.matcher(name).matches()) {
            throw new BadSettingsException("ics: property '" + property + "' has a bad source name '" + name
                    + "': use 1 to 64 letters, digits, '.', '_' or '-'");
        }
        String trimmed = location.strip();
        if (trimmed.isEmpty()) {
            throw new BadSettingsException("ics: property '" + property + "' is empty: set it to an .ics file path"
                    + " or an http(s) feed URL");
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("webcal://")) {
                URI uri = new URI(lower.startsWith("webcal://") ? "https" + trimmed.substring("webcal".length()) : trimmed);
                if (uri.getHost() == null) {
                    throw new URISyntaxException(trimmed, "no host");
                }
                return new IcsSource(name, null, uri);
            }
            if (OTHER_SCHEME.matcher(lower).matches() && !lower.startsWith("file:")) {
                throw new BadSettingsException("ics: property '" + property + "' has the scheme '"
                        + lower.substring(0, lower.indexOf(':')) + "': use an http(s) or webcal URL or a file path");
            }
            if (lower.startsWith("file:")) {
                return new IcsSource(name, Path.of(new URI(trimmed)), null);
            }
            return new IcsSource(name, Path.of(trimmed), null);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new BadSettingsException("ics: property '" + property + "' is neither a file path nor an"
                    + " http(s) URL: " + redact(trimmed), e);
        }
    }

    /** @return true for an http(s) feed */
    boolean isFeed() {
        return url != null;
    }

    /** @return the source for messages and logs: its name and file, or its name and the feed's host only */
    String describe() {
        return isFeed()
                ? "source '" + name + "' (feed " + url.getScheme() + "://" + url.getHost()
                        + (url.getPort() >= 0 ? ":" + url.getPort() : "") + "/...)"
                : "source '" + name + "' (file " + file + ")";
    }

    private static String redact(String location) {
        int slashes = location.indexOf("://");
        if (slashes < 0) {
            return "'" + location + "'";
        }
        int pathStart = location.indexOf('/', slashes + 3);
        String authority = pathStart < 0 ? location.substring(slashes + 3) : location.substring(slashes + 3, pathStart);
        String host = authority.substring(authority.lastIndexOf('@') + 1); // user:password@ never shown
        return "'" + location.substring(0, slashes + 3) + host + (pathStart < 0 ? "" : "/...") + "'";
    }
}
