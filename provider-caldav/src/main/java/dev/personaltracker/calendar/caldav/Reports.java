package dev.personaltracker.calendar.caldav;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The bodies of the CalDAV and WebDAV REPORTs the provider sends (RFC 4791 section 7, RFC 6578 section 3.2), with
 * every value escaped.
 */
final class Reports {

    /** UTC date-time as CalDAV's {@code time-range} wants it. */
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final String CALENDAR_QUERY = """
            <?xml version="1.0" encoding="utf-8"?>
            <c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
              <d:prop><d:getetag/><c:calendar-data/></d:prop>
              <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">
                <c:time-range start="%s" end="%s"/>
              </c:comp-filter></c:comp-filter></c:filter>
            </c:calendar-query>
            """;
    private static final String PROPERTY_QUERY = """
            <?xml version="1.0" encoding="utf-8"?>
            <c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
              <d:prop><d:getetag/><c:calendar-data/></d:prop>
              <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">
                <c:prop-filter name="%s"><c:text-match>%s</c:text-match></c:prop-filter>
              </c:comp-filter></c:comp-filter></c:filter>
            </c:calendar-query>
            """;
    private static final String MULTIGET = """
            <?xml version="1.0" encoding="utf-8"?>
            <c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
              <d:prop><d:getetag/><c:calendar-data/></d:prop>
            %s</c:calendar-multiget>
            """;
    private static final String SYNC = """
            <?xml version="1.0" encoding="utf-8"?>
            <d:sync-collection xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
              <d:sync-token>%s</d:sync-token><d:sync-level>1</d:sync-level>
              <d:prop><d:getetag/>%s</d:prop>
            </d:sync-collection>
            """;
    private static final String FREE_BUSY = """
            <?xml version="1.0" encoding="utf-8"?>
            <c:free-busy-query xmlns:c="urn:ietf:params:xml:ns:caldav"><c:time-range start="%s" end="%s"/></c:free-busy-query>
            """;

    private Reports() {
    }

    /** @return a calendar-query for the events overlapping [from, to), with ETags and data */
    static String calendarQuery(Instant from, Instant to) {
        return CALENDAR_QUERY.formatted(UTC.format(from), UTC.format(to));
    }

    /**
     * @return a calendar-query for the events whose property contains the text (RFC 4791 9.7.5: a substring match,
     *     case-insensitive by default), with ETags and data
     */
    static String calendarQuery(String property, String text) {
        return PROPERTY_QUERY.formatted(DavXml.escape(property), DavXml.escape(text));
    }

    /** @return a calendar-multiget of these encoded paths, with ETags and data */
    static String multiget(List<String> rawPaths) {
        StringBuilder hrefs = new StringBuilder();
        for (String path : rawPaths) {
            hrefs.append("  <d:href>").append(DavXml.escape(path)).append("</d:href>\n");
        }
        return MULTIGET.formatted(hrefs);
    }

    /** @return a sync-collection report from a token ("" for all members), with ETags and optionally data */
    static String syncCollection(String token, boolean withData) {
        return SYNC.formatted(DavXml.escape(token), withData ? "<c:calendar-data/>" : "");
    }

    /** @return a free-busy-query for [from, to) */
    static String freeBusy(Instant from, Instant to) {
        return FREE_BUSY.formatted(UTC.format(from), UTC.format(to));
    }
}
