package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarAccess;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * Lists the calendar collections of a home ({@code PROPFIND Depth: 1}) or describes one ({@code Depth: 0}): display
 * name, colour, privileges, supported components, time zone and sync support. Collections that cannot hold events
 * (task lists, address books, the scheduling inbox and outbox) are left out.
 */
final class CalendarCatalog {

    private static final String PROPS = """
            <?xml version="1.0" encoding="utf-8"?>
            <d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:a="http://apple.com/ns/ical/">
              <d:prop>
                <d:resourcetype/><d:displayname/><a:calendar-color/><d:current-user-privilege-set/>
                <c:supported-calendar-component-set/><c:calendar-timezone/><d:supported-report-set/><d:sync-token/>
                <d:owner/>
              </d:prop>
            </d:propfind>
            """;
    private static final Pattern TZID = Pattern.compile("(?m)^TZID[^:\\r\\n]*:([^\\r\\n]+)");

    private final DavClient client;

    CalendarCatalog(DavClient client) {
        this.client = client;
    }

    /**
     * @param home  the calendar home
     * @return its event calendars, in the server's order
     */
    List<CaldavCalendar> list(URI home) {
        DavResponse response = client.send(DavRequest.xml("PROPFIND", home, "1", PROPS, "calendar list"));
        if (response.status() != 207) {
            throw DavFaults.unexpected(response, "PROPFIND " + home.getPath() + " (calendar list)");
        }
        List<CaldavCalendar> result = new ArrayList<>();
        for (Multistatus.Entry entry : Multistatus.parse(response.body(), response.uri(), "calendar list").entries()) {
            describe(entry, response.uri()).ifPresent(result::add);
        }
        return List.copyOf(result);
    }

    /**
     * @param uri  a calendar collection
     * @return its description
     * @throws BadSettingsException if it does not exist or is not an event calendar
     */
    CaldavCalendar describe(URI uri) {
        String what = "PROPFIND " + uri.getPath() + " (calendar properties)";
        DavResponse response = client.send(DavRequest.xml("PROPFIND", uri, "0", PROPS, "calendar properties"));
        if (response.status() == 404) {
            throw new BadSettingsException("caldav: there is no calendar '" + uri.getPath() + "' on the server (404);"
                    + " use an id from calendars()");
        }
        if (response.status() != 207) {
            throw DavFaults.unexpected(response, what);
        }
        Multistatus ms = Multistatus.parse(response.body(), response.uri(), "calendar properties");
        return ms.entries().stream().map(e -> describe(e, response.uri())).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new BadSettingsException("caldav: '" + uri.getPath() + "' is not a calendar that"
                        + " holds events; use an id from calendars()"));
    }

    private static Optional<CaldavCalendar> describe(Multistatus.Entry entry, URI base) {
        boolean calendar = entry.prop(DavXml.DAV, "resourcetype")
                .map(t -> DavXml.child(t, DavXml.CALDAV, "calendar").isPresent()).orElse(false);
        if (!calendar || !holdsEvents(entry)) {
            return Optional.empty();
        }
        String id = DavPaths.collection(entry.path());
        String name = entry.text(DavXml.DAV, "displayname").orElseGet(() -> lastSegment(id));
        Optional<String> color = entry.text(DavXml.APPLE, "calendar-color");
        boolean sync = entry.prop(DavXml.DAV, "supported-report-set")
                .map(s -> !DavXml.descendants(s, DavXml.DAV, "sync-collection").isEmpty()).orElse(false)
                || entry.text(DavXml.DAV, "sync-token").isPresent();
        Optional<String> owner = entry.prop(DavXml.DAV, "owner").flatMap(o -> DavXml.child(o, DavXml.DAV, "href"))
                .map(DavXml::text).filter(h -> !h.isBlank()).flatMap(h -> resolve(base, h));
        return Optional.of(new CaldavCalendar(id, name, color, access(entry), zone(entry), sync, owner));
    }

    private static Optional<String> resolve(URI base, String href) {
        try {
            return Optional.of(base.resolve(href.strip()).toString());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // an owner we cannot name: the calendar is judged as the account's own
        }
    }

    private static boolean holdsEvents(Multistatus.Entry entry) {
        Optional<Element> set = entry.prop(DavXml.CALDAV, "supported-calendar-component-set");
        if (set.isEmpty() || DavXml.children(set.get(), DavXml.CALDAV, "comp").isEmpty()) {
            return true; // RFC 4791 5.2.3: absent means any component
        }
        return DavXml.children(set.get(), DavXml.CALDAV, "comp").stream()
                .anyMatch(c -> "VEVENT".equalsIgnoreCase(c.getAttribute("name")));
    }

    private static CalendarAccess access(Multistatus.Entry entry) {
        Optional<Element> set = entry.prop(DavXml.DAV, "current-user-privilege-set");
        if (set.isEmpty()) {
            return CalendarAccess.WRITER; // not reported: assume the common case, writes will say otherwise
        }
        Set<String> privileges = new HashSet<>();
        for (Element privilege : DavXml.descendants(set.get(), DavXml.DAV, "privilege")) {
            DavXml.children(privilege).forEach(p -> privileges.add(p.getLocalName().toLowerCase(Locale.ROOT)));
        }
        if (privileges.contains("all") || privileges.contains("write") || privileges.contains("write-content")
                || privileges.contains("bind")) {
            return CalendarAccess.WRITER;
        }
        if (privileges.contains("read")) {
            return CalendarAccess.READER;
        }
        return CalendarAccess.FREE_BUSY;
    }

    private static Optional<ZoneId> zone(Multistatus.Entry entry) {
        Optional<String> text = entry.text(DavXml.CALDAV, "calendar-timezone");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = TZID.matcher(text.get());
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(m.group(1).strip()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static String lastSegment(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = trimmed.lastIndexOf('/');
        return slash >= 0 ? trimmed.substring(slash + 1) : trimmed;
    }
}
