package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.spi.EventChangedException;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and finds the library's study sessions, one calendar object resource per session named after its
 * {@link SessionKey} ({@code <key>.ics}):
 * <ul>
 * <li>create: {@code PUT} with {@code If-None-Match: *}. A retry after a lost response answers 412 and the existing
 *     resource is read and returned: never two events. A server that finds the UID in another resource
 *     ({@code no-uid-conflict}, RFC 4791 5.3.2.1) points at it, and that one is returned;</li>
 * <li>move: the resource is read (so the person's own edits to title or alarms survive), its times changed, and put
 *     back with {@code If-Match} on the ETag; a 412 re-reads it: moved already to the same time (our own retry) is
 *     success, otherwise {@link EventChangedException} with the event as it is now;</li>
 * <li>delete: {@code DELETE} with {@code If-Match}; gone already is success, a 412 re-reads and reports a change.</li>
 * </ul>
 */
final class SessionResources {

    private static final Logger LOG = LoggerFactory.getLogger(SessionResources.class);
    private static final Pattern HREF = Pattern.compile("<(?:[A-Za-z0-9_-]+:)?href>\\s*([^<\\s]+)\\s*</");
    private static final String CALENDAR = "text/calendar; charset=utf-8";

    private final DavClient client;
    private final Clock clock;
    private final ZoneId zone;

    SessionResources(DavClient client, Clock clock, ZoneId zone) {
        this.client = client;
        this.clock = clock;
        this.zone = zone;
    }

    StudyEvent create(String calendarId, URI calendar, SessionKey key, Interval interval, SessionDetails details) {
        URI uri = calendar.resolve(SessionIcs.resourceName(key));
        String text = SessionIcs.render(key, interval, details, clock.instant());
        DavResponse response = client.send(new DavRequest("PUT", uri,
                Map.of("If-None-Match", "*", "Content-Type", CALENDAR), Optional.of(text),
                "PUT " + uri.getPath() + " (create session " + key + ")"));
        if (response.ok()) {
            Optional<String> etag = response.etag();
            return etag.isPresent()
                    ? new StudyEvent(calendarId, uri.getPath(), key, interval, etag)
                    : read(calendarId, uri).orElseThrow(() -> vanished(uri, key));
        }
        if (response.status() == 412) {
            LOG.debug("caldav: session {} already exists at {}; not creating it again", key, uri.getPath());
            return read(calendarId, uri).orElseThrow(() -> new UnexpectedResponseException("caldav: " + uri.getPath()
                    + " exists (412 on create) but is not study session '" + key + "'; delete that resource or use"
                    + " another calendar"));
        }
        if (DavFaults.condition(response).filter("no-uid-conflict"::equals).isPresent()) {
            Matcher m = HREF.matcher(response.body());
            if (m.find()) {
                URI existing = uri.resolve(m.group(1));
                LOG.debug("caldav: session {} already exists as {}", key, existing.getPath());
                Optional<StudyEvent> found = read(calendarId, existing);
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw DavFaults.unexpected(response, "PUT " + uri.getPath() + " (create session " + key + ")");
    }

    Optional<StudyEvent> find(String calendarId, URI calendar, SessionKey key) {
        return read(calendarId, calendar.resolve(SessionIcs.resourceName(key)));
    }

    List<StudyEvent> find(String calendarId, URI calendar, Interval window) {
        String body = Reports.calendarQuery(window.start(), window.end());
        DavResponse response = client.send(DavRequest.xml("REPORT", calendar, "1", body, "find sessions"));
        if (response.status() != 207) {
            throw DavFaults.unexpected(response, "REPORT " + calendar.getPath() + " (find sessions)");
        }
        List<StudyEvent> result = new ArrayList<>();
        for (Multistatus.Entry entry : Multistatus.parse(response.body(), response.uri(), "find sessions").entries()) {
            Optional<String> data = entry.text(DavXml.CALDAV, "calendar-data");
            if (entry.status() / 100 == 2 && data.isPresent()) {
                SessionIcs.read(calendarId, entry.path(), data.get(), entry.text(DavXml.DAV, "getetag"), zone)
                        .filter(e -> e.interval().overlaps(window)).ifPresent(result::add);
            }
        }
        result.sort(Comparator.comparing(StudyEvent::interval));
        return List.copyOf(result);
    }

    StudyEvent move(StudyEvent event, URI uri, Interval to) {
        String what = "PUT " + uri.getPath() + " (move session " + event.key() + ")";
        DavResponse current = get(uri);
        if (current.status() == 404 || current.status() == 410) {
            throw new EventChangedException("caldav: study session '" + event.key() + "' was deleted from "
                    + event.calendarId() + " since it was read; it was not moved", null);
        }
        StudyEvent now = parse(event.calendarId(), current);
        if (!same(event, now)) {
            throw changed(event, now, "moved");
        }
        String text = SessionIcs.moved(current.body(), to, clock.instant(), zone, uri.getPath());
        DavResponse response = client.send(new DavRequest("PUT", uri, Map.of("If-Match", current.etag().orElse("*"),
                "Content-Type", CALENDAR), Optional.of(text), what));
        if (response.ok()) {
            return response.etag().isPresent()
                    ? new StudyEvent(event.calendarId(), uri.getPath(), event.key(), to, response.etag())
                    : read(event.calendarId(), uri).orElseThrow(() -> vanished(uri, event.key()));
        }
        if (response.status() == 412 || response.status() == 404) {
            Optional<StudyEvent> after = read(event.calendarId(), uri);
            if (after.isPresent() && after.get().interval().equals(to)) {
                return after.get(); // our own move, whose answer was lost
            }
            throw changed(event, after.orElse(null), "moved");
        }
        throw DavFaults.unexpected(response, what);
    }

    void delete(StudyEvent event, URI uri) {
        String what = "DELETE " + uri.getPath() + " (session " + event.key() + ")";
        Map<String, String> headers = event.version().map(v -> Map.of("If-Match", v)).orElse(Map.of());
        DavResponse response = client.send(new DavRequest("DELETE", uri, headers, Optional.empty(), what));
        if (response.ok() || response.status() == 404 || response.status() == 410) {
            return;
        }
        if (response.status() == 412) {
            Optional<StudyEvent> now = read(event.calendarId(), uri);
            if (now.isEmpty()) {
                return;
            }
            throw changed(event, now.get(), "deleted");
        }
        throw DavFaults.unexpected(response, what);
    }

    private Optional<StudyEvent> read(String calendarId, URI uri) {
        DavResponse response = get(uri);
        if (response.status() == 404 || response.status() == 410) {
            return Optional.empty();
        }
        return Optional.of(parse(calendarId, response));
    }

    private DavResponse get(URI uri) {
        DavResponse response = client.send(new DavRequest("GET", uri, Map.of(), Optional.empty(),
                "GET " + uri.getPath()));
        if (!response.ok() && response.status() != 404 && response.status() != 410) {
            throw DavFaults.unexpected(response, "GET " + uri.getPath());
        }
        return response;
    }

    private StudyEvent parse(String calendarId, DavResponse response) {
        return SessionIcs.read(calendarId, response.uri().getPath(), response.body(), response.etag(), zone)
                .orElseThrow(() -> new UnexpectedResponseException("caldav: " + response.uri().getPath()
                        + " is not a readable study session (no session tag or no times); it was left alone"));
    }

    private static boolean same(StudyEvent expected, StudyEvent now) {
        return expected.version().isPresent() && now.version().isPresent()
                ? expected.version().equals(now.version())
                : expected.interval().equals(now.interval());
    }

    private static EventChangedException changed(StudyEvent expected, StudyEvent now, String verb) {
        if (now == null) {
            return new EventChangedException("caldav: study session '" + expected.key() + "' was deleted from "
                    + expected.calendarId() + " since it was read; it was not " + verb, null);
        }
        return new EventChangedException("caldav: study session '" + expected.key() + "' in " + expected.calendarId()
                + " was changed since it was read (now " + now.interval() + ", ETag " + now.version().orElse("?")
                + "); read it again before it is " + verb, now);
    }

    private static UnexpectedResponseException vanished(URI uri, SessionKey key) {
        return new UnexpectedResponseException("caldav: " + uri.getPath() + " was written for session '" + key
                + "' but cannot be read back");
    }
}
