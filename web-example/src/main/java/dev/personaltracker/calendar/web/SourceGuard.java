package dev.personaltracker.calendar.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;

/**
 * Decides which calendar sources the app may read, before anything is read. The web layer enforces this itself until
 * the iCalendar provider's own source-safety settings are merged: the Connect page reads what a person types, and the
 * person may be a website that drives the page.
 * <ul>
 * <li>Local files: regular files only (no FIFO, device or folder; links are followed and their target is checked),
 *     inside one of the folders the person chose, at most {@link #MAX_BYTES}. A path is first checked by name alone,
 *     so that the answer for a path outside the folders does not tell whether anything exists there.</li>
 * <li>URLs: http and https only ({@code webcal://} is https); a host that resolves to a loopback, private, link-local
 *     or other local address is refused unless the person allows local-network addresses.</li>
 * </ul>
 * Its messages name the location and the rule, never anything read from it.
 *
 * @param folders  the folders local files may be in: each as the person named it (normalised) and as its real path
 * @param allowLocalNetwork  true to allow URLs whose host is on this machine or the local network
 */
record SourceGuard(List<Path> folders, boolean allowLocalNetwork) {

    /** The largest calendar file or feed read: 5 MiB. */
    static final long MAX_BYTES = 5L * 1024 * 1024;

    SourceGuard {
        folders = List.copyOf(folders);
    }

    /** A source that passed the checks: a local file, or a URL. */
    sealed interface Target permits FileTarget, UrlTarget {
    }

    /**
     * A local file.
     *
     * @param path  its real path
     */
    record FileTarget(Path path) implements Target {
    }

    /**
     * A feed.
     *
     * @param uri  its http(s) address
     */
    record UrlTarget(URI uri) implements Target {
    }

    /**
     * Checks a location the person typed.
     *
     * @param location  a file path, {@code file:} URL or http(s)/webcal URL, not null
     * @return what to read, not null
     * @throws SourceException naming the rule it breaks
     */
    Target check(String location) {
        String text = location.strip();
        if (text.isEmpty()) {
            throw new SourceException("Give the path of an .ics file or the address of a calendar feed.");
        }
        int colon = text.indexOf(':');
        String scheme = colon > 1 ? text.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        if (scheme.matches("[a-z][a-z0-9+.-]*") && text.startsWith("//", colon + 1) || scheme.equals("file")) {
            URI uri;
            try {
                uri = new URI(scheme.equals("webcal") ? "https" + text.substring(colon) : text);
            } catch (URISyntaxException e) {
                throw new SourceException("'" + text + "' is not a valid address.");
            }
            return switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
                case "http", "https" -> checkUrl(uri);
                case "file" -> checkFile(pathOf(uri, text));
                default -> throw new SourceException("'" + text + "' uses '" + uri.getScheme() + ":'; only files and "
                        + "http, https or webcal addresses can be calendars.");
            };
        }
        try {
            return checkFile(Path.of(text));
        } catch (InvalidPathException e) {
            throw new SourceException("'" + text + "' is not a valid file path.");
        }
    }

    private static Path pathOf(URI uri, String text) {
        try {
            return Path.of(uri);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new SourceException("'" + text + "' is not a valid file address.");
        }
    }

    /**
     * Checks a local file.
     *
     * @param path  the path, not null
     * @return the file, not null
     * @throws SourceException naming the rule it breaks
     */
    FileTarget checkFile(Path path) {
        if (!path.isAbsolute()) {
            throw new SourceException("'" + path + "' is not a full path: give it from the top, such as "
                    + folderHint() + "/timetable.ics.");
        }
        // first by name alone, without touching the disk: a path outside the folders gets the same answer whether or
        // not anything is there; '..' is resolved by name too, so it never climbs out through a link
        Path named = path.normalize();
        if (!inFolders(named)) {
            throw notInFolders(path);
        }
        Path real;
        try {
            real = named.toRealPath();
        } catch (IOException e) {
            throw new SourceException("There is no file '" + path + "' (or this app may not open it).");
        }
        if (!inFolders(real)) {
            throw new SourceException("'" + path + "' is a link to a place outside the folders calendars may be read "
                    + "from (" + folderList() + "). Copy the file itself into one of them.");
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new SourceException("'" + path + "' cannot be opened.");
        }
        if (!attributes.isRegularFile()) {
            throw new SourceException("'" + path + "' is not a regular file (it is a folder, device or pipe).");
        }
        if (attributes.size() > MAX_BYTES) {
            throw new SourceException("'" + path + "' is larger than " + MAX_BYTES / (1024 * 1024) + " MB.");
        }
        return new FileTarget(real);
    }

    /**
     * Checks a feed's address (also every redirect's target).
     *
     * @param uri  the address, not null
     * @return the feed, not null
     * @throws SourceException naming the rule it breaks
     */
    UrlTarget checkUrl(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new SourceException("'" + uri + "' is not an http or https address.");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new SourceException("'" + uri + "' has no host name.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new SourceException("'" + uri.getHost() + "': addresses with a user name or password are not accepted.");
        }
        // the address is checked when the fetcher connects, on the very addresses it connects to (SourceFetcher)
        return new UrlTarget(uri);
    }

    /**
     * Obtains the refusal of a host on this machine or the local network.
     *
     * @param host  the host, not null
     * @param address  the local address it resolved to, not null
     * @return the exception, not null
     */
    static SourceException localNetwork(String host, String address) {
        return new SourceException("'" + host + "' is on this machine or the local network (" + address + "). Tick"
                + " “Allow addresses on this machine and the local network” if you mean it.");
    }

    private boolean inFolders(Path p) {
        return folders.stream().anyMatch(p::startsWith);
    }

    private SourceException notInFolders(Path path) {
        return new SourceException("'" + path + "' is not in a folder calendars may be read from (" + folderList()
                + "). Move the file there, or add its folder under “Folders calendars may be read from”.");
    }

    private String folderList() {
        return String.join(", ", folders.stream().map(Path::toString).distinct().toList());
    }

    private String folderHint() {
        return folders.isEmpty() ? "/home/me/calendars" : folders.get(0).toString();
    }
}
