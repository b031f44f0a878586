package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.ics.internal.SessionEvents;
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
 * {@link SessionKey} ({@code <key>.ics}). A server may keep a session under another name (it answered the create
 * with a {@code Location}, or another client or an older version wrote it), so a session is found by its name
 * first and then by a {@code calendar-query} on its UID and on its session tag:
 * <ul>
 * <li>create: first a query on the session's UID (a session stored under any name is returned, not written again),
 *     then {@code PUT} with {@code If-None-Match: *}. A retry after a lost response answers 412 and the existing
 *     resource is read and returned: never two events. A server that finds the UID in another resource
 *     ({@code no-uid-conflict}, RFC 4791 5.3.2.1) points at it, and that one is returned. A {@code Location} in the
 *     answer names where the server stored it;</li>
 * <li>move: the resource is read (so the person's own edits to title or alarms survive), its times changed, and put
 *     back with {@code If-Match} on the ETag; a 412 re-reads it: moved already to the same time (our own retry) is
 *     success, otherwise {@link EventChangedException} with the event as it is now;</li>
 * <li>delete: {@code DELETE} with {@code If-Match}; gone already is success, a 412 re-reads and reports a change.</li>
 * </ul>
 * Nothing is written without a strong ETag to condition it on: an answer without one (or with a weak one) is
 * followed by a read of the resource, and a {@code getetag} PROPFIND when the read has none either; a server that
 * never names one gets a typed error instead of a blind overwrite.
 */
final class SessionResources {

    private static final Logger LOG = LoggerFactory.getLogger(SessionResources.class);
    private static final Pattern HREF = Pattern.compile("<(?:[A-Za-z0-9_-]+:)?href>\\s*([^<\\s]+)\\s*</");
    private static final String CALENDAR = "text/calendar; charset=utf-8";

    private static final String ETAG = """
            <?xml version="1.0" encoding="utf-8"?>
            <d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>
            """;

    private final DavClient client;
    private final EventQuery query;
    private final Clock clock;
    private final ZoneId zone;

    SessionResources(DavClient client, Clock clock, ZoneId zone) {
        this.client = client;
        this.query = new EventQuery(client);
        this.clock = clock;
        this.zone = zone;
    }

    StudyEvent create(String calendarId, URI calendar, SessionKey key, Interval interval, SessionDetails details) {
        URI uri = calendar.resolve(SessionIcs.resourceName(key));
        Optional<StudyEvent> earlier = located(calendarId, calendar, key, false);
        if (earlier.isPresent()) {
            LOG.debug("caldav: session {} already exists as {}; not creating it again", key,
                    earlier.get().eventId());
            return earlier.get();
        }
        String text = SessionIcs.render(key, interval, details, clock.instant());
        String what = "PUT " + uri.getPath() + " (create session " + key + ")";
        DavResponse response = client.send(new DavRequest("PUT", uri,
                Map.of("If-None-Match", "*", "Content-Type", CALENDAR), Optional.of(text), what));
        if (response.ok()) {
            URI stored = response.headers().firstValue("Location")
                    .map(l -> DavPaths.at(uri, DavPaths.path(uri, l, what))).orElse(uri);
            Optional<String> etag = response.etag();
            // without a Location, a server that stored it under a name of its own is found by the UID
            return etag.isPresent()
                    ? new StudyEvent(calendarId, stored.getPath(), key, interval, etag)
                    : read(calendarId, stored).or(() -> located(calendarId, calendar, key, false))
                    .orElseThrow(() -> vanished(stored, key));
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
            Optional<StudyEvent> found = located(calendarId, calendar, key, true);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw DavFaults.unexpected(response, what);
    }

    /**
     * @return the session: at {@code <key>.ics}, else wherever a resource holds its UID, else its session tag
     */
    Optional<StudyEvent> find(String calendarId, URI calendar, SessionKey key) {
        Optional<StudyEvent> named = read(calendarId, calendar.resolve(SessionIcs.resourceName(key)));
        return named.isPresent() ? named : located(calendarId, calendar, key, true);
    }

    List<StudyEvent> find(String calendarId, URI calendar, Interval window) {
        List<StudyEvent> result = new ArrayList<>(sessions(calendarId,
                query.inRange(calendar, window.start(), window.end())));
        result.removeIf(e -> !e.interval().overlaps(window));
        result.sort(Comparator.comparing(StudyEvent::interval));
        return List.copyOf(result);
    }

    /**
     * Looks a session up by content, whatever its resource is named: a {@code calendar-query} on its UID, then (if
     * {@code orTag}) on the session tag, for a copy whose UID another client changed.
     */
    private Optional<StudyEvent> located(String calendarId, URI calendar, SessionKey key, boolean orTag) {
        List<StudyEvent> found = query.byProperty(calendar, "UID", SessionEvents.uid(key))
                .map(r -> sessions(calendarId, r)).orElse(List.of());
        if (found.stream().noneMatch(e -> e.key().equals(key)) && orTag) {
            found = query.byProperty(calendar, SessionEvents.SESSION_KEY, key.value())
                    .map(r -> sessions(calendarId, r)).orElse(List.of());
        }
        List<StudyEvent> mine = found.stream().filter(e -> e.key().equals(key))
                .sorted(Comparator.comparing(StudyEvent::eventId)).toList();
        if (mine.size() > 1) {
            LOG.warn("caldav: session {} is held by {} resources in {}; using {}", key, mine.size(), calendarId,
                    mine.get(0).eventId());
        }
        return mine.stream().findFirst();
    }

    private List<StudyEvent> sessions(String calendarId, Map<String, CollectionState.Resource> resources) {
        List<StudyEvent> result = new ArrayList<>();
        resources.forEach((path, r) -> r.data().flatMap(data -> SessionIcs.read(calendarId, path, data,
                DavResponse.strong(Optional.of(r.etag())), zone)).ifPresent(result::add));
        return result;
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
        String etag = now.version().orElseThrow(() -> noEtag(uri, event.key(), "moved"));
        String text = SessionIcs.moved(current.body(), to, clock.instant(), zone, uri.getPath());
        DavResponse response = client.send(new DavRequest("PUT", uri, Map.of("If-Match", etag,
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
        Optional<String> version = DavResponse.strong(event.version());
        if (version.isEmpty()) {
            // known without an ETag (the server sent none): read it, so what is deleted is what the caller saw
            Optional<StudyEvent> now = read(event.calendarId(), uri);
            if (now.isEmpty()) {
                return;
            }
            if (!same(event, now.get())) {
                throw changed(event, now.get(), "deleted");
            }
            version = Optional.of(now.get().version().orElseThrow(() -> noEtag(uri, event.key(), "deleted")));
        }
        DavResponse response = client.send(new DavRequest("DELETE", uri, Map.of("If-Match", version.get()),
                Optional.empty(), what));
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
        Optional<String> etag = response.etag().or(() -> etagOf(response.uri()));
        return SessionIcs.read(calendarId, response.uri().getPath(), response.body(), etag, zone)
                .orElseThrow(() -> new UnexpectedResponseException("caldav: " + response.uri().getPath()
                        + " is not a readable study session (no session tag or no times); it was left alone"));
    }

    /** @return the resource's strong ETag from a {@code getetag} PROPFIND, for servers whose GET names none */
    private Optional<String> etagOf(URI uri) {
        String what = "PROPFIND " + uri.getPath() + " (getetag)";
        DavResponse response = client.send(DavRequest.xml("PROPFIND", uri, "0", ETAG, "getetag"));
        if (response.status() != 207) {
            LOG.debug("caldav: {} answered {}; the resource's ETag is unknown", what, response.status());
            return Optional.empty();
        }
        return Multistatus.parse(response.body(), response.uri(), what).entries().stream()
                .filter(e -> e.status() / 100 == 2)
                .map(e -> DavResponse.strong(e.text(DavXml.DAV, "getetag")))
                .flatMap(Optional::stream).findFirst();
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

    private static UnexpectedResponseException noEtag(URI uri, SessionKey key, String verb) {
        return new UnexpectedResponseException("caldav: the server names no ETag for " + uri.getPath() + " (study"
                + " session '" + key + "'), neither in GET nor in a getetag PROPFIND; it was not " + verb + ", since"
                + " that could overwrite a change made meanwhile: use a server that supports ETags (RFC 4791 5.3.4)");
    }

    private static UnexpectedResponseException vanished(URI uri, SessionKey key) {
        return new UnexpectedResponseException("caldav: " + uri.getPath() + " was written for session '" + key
                + "' but cannot be read back");
    }
}
