package dev.personaltracker.calendar.google;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.EventChangedException;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's study-session events in one Google account: create (idempotent by a derived id), find, move (with
 * {@code If-Match}) and delete; every answer is checked against what was asked. See {@link GoogleCalendarProvider}.
 * Thread-safe and stateless.
 */
final class StudySessions {

    private static final Logger LOG = LoggerFactory.getLogger(StudySessions.class);

    private final Calendar api;
    private final GoogleCalls calls;
    private final EventSync sync;
    private final Duration readDeadline;
    private final boolean readOnly;
    private final Supplier<String> account;

    StudySessions(Calendar api, GoogleCalls calls, EventSync sync, Duration readDeadline, boolean readOnly,
            Supplier<String> account) {
        this.api = api;
        this.calls = calls;
        this.sync = sync;
        this.readDeadline = readDeadline;
        this.readOnly = readOnly;
        this.account = account;
    }

    StudyEvent create(String calendarId, SessionKey key, Interval interval, SessionDetails details) {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(details, "details");
        requireWritable("createSession");
        String eventId = EventIds.of(key);
        Event body = new Event()
                .setId(eventId)
                .setSummary(details.title())
                .setDescription(details.description().orElse(null))
                .setStart(GoogleEvents.dateTime(interval.start()))
                .setEnd(GoogleEvents.dateTime(interval.end()))
                .setTransparency("opaque")
                .setExtendedProperties(new Event.ExtendedProperties().setPrivate(Map.of(
                        GoogleEvents.APP_PROPERTY, GoogleEvents.APP_VALUE,
                        GoogleEvents.KEY_PROPERTY, key.value())));
        GoogleCalls.Response r = calls.send("events.insert", calendarId,
                GoogleCalls.build(() -> api.events().insert(calendarId, body)), 409);
        if (r.ok()) {
            return asked(GoogleEvents.studyEvent(calendarId, parseEvent("events.insert", calendarId, r),
                    "events.insert"), eventId, key, interval, "events.insert");
        }
        // 409 duplicate: an earlier attempt made it (its response was lost); never make a second event.
        String where = GoogleCalls.describe("events.insert", calendarId);
        Event existing = get(calendarId, eventId).orElseThrow(() -> new UnexpectedResponseException(where
                + ": Google reported event '" + eventId + "' as a duplicate (" + r.reason() + ") but cannot return it"));
        if (!GoogleEvents.sessionKey(existing).equals(Optional.of(key))) {
            throw new CalendarException(where + ": event id '" + eventId + "' is taken by an event that is not study "
                    + "session '" + key + "'; it was left untouched");
        }
        if (GoogleEvents.isCancelled(existing)) {
            LOG.debug("Study session {} was deleted before; restoring it", key);
            Event restored = calls.execute("events.update", calendarId,
                    GoogleCalls.build(() -> api.events().update(calendarId, eventId, body.setStatus("confirmed"))), Event.class);
            return asked(GoogleEvents.studyEvent(calendarId, restored, where), eventId, key, interval, "events.update");
        }
        return GoogleEvents.studyEvent(calendarId, existing, where);
    }

    List<StudyEvent> find(String calendarId, Interval window) {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(window, "window");
        Deadline deadline = calls.readDeadline(readDeadline);
        EventSync.Listing listing = sync.list(calendarId, r -> r
                .setPrivateExtendedProperty(List.of(GoogleEvents.APP_PROPERTY + "=" + GoogleEvents.APP_VALUE))
                .setTimeMin(new DateTime(window.start().toEpochMilli()))
                .setTimeMax(new DateTime(window.end().toEpochMilli())), false, deadline).orElseThrow();
        List<StudyEvent> out = new ArrayList<>();
        for (Event e : listing.items()) {
            if (GoogleEvents.isCancelled(e)) {
                continue;
            }
            if (!GoogleEvents.isStudySession(e)) {
                throw new UnexpectedResponseException(GoogleCalls.describe("events.list", calendarId) + ": the search "
                        + "for study sessions returned event '" + e.getId() + "', which is not one");
            }
            if (GoogleEvents.sessionKey(e).isEmpty()) {
                continue;
            }
            out.add(GoogleEvents.studyEvent(calendarId, e, "events.list"));
        }
        out.sort(Comparator.comparing(StudyEvent::interval));
        return List.copyOf(out);
    }

    Optional<StudyEvent> find(String calendarId, SessionKey key) {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(key, "key");
        return get(calendarId, EventIds.of(key), calls.readDeadline(readDeadline))
                .filter(e -> !GoogleEvents.isCancelled(e) && GoogleEvents.sessionKey(e).equals(Optional.of(key)))
                .map(e -> GoogleEvents.studyEvent(calendarId, e, "events.get"));
    }

    /**
     * Finds several sessions: from the calendar's sync snapshot when Google confirmed it within {@code maxAge} (a
     * session's event there carries its time and etag as the last sync delivered them), with {@code events.get} for
     * a session the snapshot does not hold as a timed study session (deleted, never synced, before the synced range,
     * or made all-day by the person) and for every session when there is no such snapshot.
     */
    Map<SessionKey, Optional<StudyEvent>> find(String calendarId, Collection<SessionKey> keys, Duration maxAge) {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(maxAge, "maxAge");
        Optional<SyncSnapshot> snapshot = sync.confirmedWithin(calendarId, maxAge);
        Map<SessionKey, Optional<StudyEvent>> out = new LinkedHashMap<>();
        for (SessionKey key : keys) {
            Objects.requireNonNull(key, "keys contains null");
            Optional<StudyEvent> synced = snapshot.flatMap(s -> fromSnapshot(calendarId, s, key));
            out.put(key, synced.isPresent() ? synced : find(calendarId, key));
        }
        return out;
    }

    private static Optional<StudyEvent> fromSnapshot(String calendarId, SyncSnapshot snapshot, SessionKey key) {
        String eventId = EventIds.of(key);
        return snapshot.event(eventId)
                .filter(c -> key.value().equals(c.sessionKey()) && c.etag() != null && !c.facts().allDay())
                .flatMap(c -> c.interval(ZoneOffset.UTC).map(interval -> new StudyEvent(calendarId, eventId, key,
                        interval, Optional.of(c.etag()))));
    }

    /**
     * Moves the event with {@code If-Match} on its etag. On {@code 412} it re-reads the event: if it already stands at
     * {@code to} (an earlier attempt landed and only its answer was lost), that is the result; if it was deleted or
     * its time changed otherwise, the person moved it and {@link EventChangedException} reports that (with the event
     * as it now is), nothing is overwritten; if only something else changed (a colour, a reminder), the move is tried
     * once more with the new etag. A 412 on that attempt too ends in {@link EventChangedException}.
     */
    StudyEvent move(StudyEvent event, Interval to) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(to, "to");
        requireWritable("moveSession");
        String calendarId = event.calendarId();
        Event patch = new Event().setStart(GoogleEvents.dateTime(to.start())).setEnd(GoogleEvents.dateTime(to.end()));
        String etag = event.version().isPresent() ? event.version().get() : unmoved(event, reread(event));
        for (int round = 0; round < 2; round++) {
            Calendar.Events.Patch request = GoogleCalls.build(() -> api.events().patch(calendarId, event.eventId(), patch));
            request.getRequestHeaders().setIfMatch(etag);
            GoogleCalls.Response r = calls.send("events.patch", calendarId, request, 412, 404, 410);
            if (r.ok()) {
                return asked(GoogleEvents.studyEvent(calendarId, parseEvent("events.patch", calendarId, r),
                        "events.patch"), event.eventId(), event.key(), to, "events.patch");
            }
            if (r.status() != 412) {
                throw deleted(event);
            }
            StudyEvent now = reread(event);
            if (now.interval().equals(to)) {
                LOG.debug("Study session {} already stands at {} (an earlier attempt's answer was lost)", event.key(), to);
                return asked(now, event.eventId(), event.key(), to, "events.get");
            }
            etag = unmoved(event, now);
        }
        throw new EventChangedException("Study session '" + event.key() + "' on calendar '" + calendarId
                + "' kept changing while it was being moved (412 on every attempt); it was left as it is",
                find(calendarId, event.key()).orElse(null));
    }

    /** Re-reads an event. @throws EventChangedException if it is gone */
    private StudyEvent reread(StudyEvent event) {
        Event current = get(event.calendarId(), event.eventId())
                .filter(e -> !GoogleEvents.isCancelled(e)).orElseThrow(() -> deleted(event));
        return GoogleEvents.studyEvent(event.calendarId(), current, "events.get");
    }

    /** @return the current etag of {@code now} if its time is still as {@code event} says; else the person's move */
    private static String unmoved(StudyEvent event, StudyEvent now) {
        if (!now.interval().equals(event.interval())) {
            throw new EventChangedException("Study session '" + event.key() + "' on calendar '" + event.calendarId()
                    + "' was moved to " + now.interval() + " since it was read at " + event.interval()
                    + "; it was left as it is", now);
        }
        return now.version().orElse(null);
    }

    /**
     * Checks that Google's answer to a write is what was asked: the same event, the same session, the asked time.
     *
     * @throws UnexpectedResponseException naming the event, what was asked and what came back
     */
    private static StudyEvent asked(StudyEvent got, String eventId, SessionKey key, Interval interval,
            String operation) {
        String where = GoogleCalls.describe(operation, got.calendarId());
        if (!got.eventId().equals(eventId) || !got.key().equals(key)) {
            throw new UnexpectedResponseException(where + ": asked about event '" + eventId + "' (study session '"
                    + key + "') but Google answered with event '" + got.eventId() + "' (session '" + got.key()
                    + "'); nothing more was changed");
        }
        if (!got.interval().equals(interval)) {
            throw new UnexpectedResponseException(where + ": event '" + eventId + "' (study session '" + key
                    + "') was to be at " + interval + " but Google answered that it is at " + got.interval()
                    + "; read it again with findSession before acting on it");
        }
        return got;
    }

    private static EventChangedException deleted(StudyEvent event) {
        return new EventChangedException("Study session '" + event.key() + "' on calendar '" + event.calendarId()
                + "' was deleted since it was read", null);
    }

    /**
     * Deletes the event with {@code If-Match} on its etag (when known); one already gone (404, 410) counts as deleted.
     * On {@code 412} it re-reads the event: gone is deleted; time unchanged (a rename, a colour) is deleted with the
     * fresh etag; a new time is the person's move, reported as {@link EventChangedException} with the event as it
     * now is, and nothing is deleted. A 412 on the second attempt too ends in {@link EventChangedException}.
     */
    void delete(StudyEvent event) {
        Objects.requireNonNull(event, "event");
        requireWritable("deleteSession");
        String calendarId = event.calendarId();
        String etag = event.version().orElse(null);
        for (int round = 0; round < 2; round++) {
            Calendar.Events.Delete request = GoogleCalls.build(() -> api.events().delete(calendarId, event.eventId()));
            if (etag != null) {
                request.getRequestHeaders().setIfMatch(etag);
            }
            GoogleCalls.Response r = calls.send("events.delete", calendarId, request, 404, 410, 412);
            r.http().ifPresent(GoogleCalls::disconnect);
            if (r.status() != 412) {
                return;
            }
            Optional<StudyEvent> now = get(calendarId, event.eventId()).filter(e -> !GoogleEvents.isCancelled(e))
                    .map(e -> GoogleEvents.studyEvent(calendarId, e, "events.get"));
            if (now.isEmpty()) {
                return;
            }
            etag = unmoved(event, now.get());
        }
        throw new EventChangedException("Study session '" + event.key() + "' on calendar '" + calendarId
                + "' kept changing while it was being deleted (412 on every attempt); it was left as it is",
                find(calendarId, event.key()).orElse(null));
    }

    private Optional<Event> get(String calendarId, String eventId) {
        return get(calendarId, eventId, calls.writeBudget());
    }

    private Optional<Event> get(String calendarId, String eventId, Deadline deadline) {
        GoogleCalls.Response r = calls.send("events.get", calendarId,
                GoogleCalls.build(() -> api.events().get(calendarId, eventId).setFields(EventSync.EVENT_FIELDS)), deadline, 404, 410);
        if (!r.ok()) {
            return Optional.empty();
        }
        Event e = parseEvent("events.get", calendarId, r);
        if (!eventId.equals(e.getId())) {
            throw new UnexpectedResponseException(GoogleCalls.describe("events.get", calendarId) + ": asked for event '"
                    + eventId + "' but Google answered with event '" + e.getId() + "'");
        }
        return Optional.of(e);
    }

    private static Event parseEvent(String operation, String calendarId, GoogleCalls.Response r) {
        return GoogleCalls.parse(operation, calendarId, r.http().orElseThrow(), Event.class);
    }

    private void requireWritable(String operation) {
        if (readOnly) {
            throw new BadSettingsException("The Google connection of account '" + account.get() + "' is read-only "
                    + "(readOnly=true), so " + operation + " is refused; connect without readOnly to write sessions");
        }
    }
}
