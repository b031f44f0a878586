package dev.personaltracker.calendar.outlook;

import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.EventCollectionResponse;
import com.microsoft.graph.models.FreeBusyStatus;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.SingleValueLegacyExtendedProperty;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.calendars.item.CalendarItemRequestBuilder;
import com.microsoft.graph.users.item.calendars.item.events.item.EventItemRequestBuilder;
import com.microsoft.kiota.ApiException;
import dev.personaltracker.calendar.spi.EventChangedException;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's own study-session events on Outlook calendars: create (idempotent through {@code transactionId}),
 * find (by the tag), move (guarded by {@code If-Match}) and delete.
 * <p>
 * The SDK's model objects serialise only the values changed since their last serialisation, so a model object sent
 * once would go out as {@code {}} the second time: every attempt builds its request body afresh. Every answer is
 * checked against what was asked; an answer that contradicts it is an {@link UnexpectedResponseException}.
 */
final class SessionEvents {

    private static final Logger LOG = LoggerFactory.getLogger(SessionEvents.class);
    private static final String[] SESSION_FIELDS = {"id", "start", "end", "isAllDay", "transactionId"};

    private final GraphServiceClient graph;
    private final GraphCalls calls;
    private final OutlookSettings settings;

    SessionEvents(GraphServiceClient graph, GraphCalls calls, OutlookSettings settings) {
        this.graph = graph;
        this.calls = calls;
        this.settings = settings;
    }

    StudyEvent create(String calendarId, SessionKey key, Interval interval, SessionDetails details) {
        Optional<StudyEvent> existing = find(calendarId, key);
        if (existing.isPresent()) {
            LOG.debug("Session {} already exists on calendar '{}'", key, calendarId);
            return existing.get();
        }
        String request = "POST event of session " + key + " to calendar '" + calendarId + "'";
        // Graph answers a repeated POST with the same transactionId with the event it already made, so a retry after
        // a lost response does not make a second event. Each attempt sends the same, freshly built, full body.
        Event created = calls.read(request, () -> calendar(calendarId).events().post(
                newSession(key, interval, details), rc -> OutlookConnection.preferUtc(rc.headers)));
        StudyEvent event = studyEvent(calendarId, created, key, request);
        if (!event.interval().equals(interval)) {
            throw new UnexpectedResponseException("Microsoft Graph answered " + request + " for " + interval
                    + " with event '" + event.eventId() + "' at " + event.interval()
                    + ": the session is not where it was asked to be; read the calendar again");
        }
        return event;
    }

    private static Event newSession(SessionKey key, Interval interval, SessionDetails details) {
        Event event = new Event();
        event.setSubject(details.title());
        details.description().ifPresent(text -> {
            ItemBody body = new ItemBody();
            body.setContentType(BodyType.Text);
            body.setContent(text);
            event.setBody(body);
        });
        event.setStart(GraphEvents.utc(interval.start()));
        event.setEnd(GraphEvents.utc(interval.end()));
        event.setShowAs(FreeBusyStatus.Busy);
        event.setIsReminderOn(false);
        event.setTransactionId(GraphEvents.transactionId(key));
        SingleValueLegacyExtendedProperty tag = new SingleValueLegacyExtendedProperty();
        tag.setId(GraphEvents.TAG_ID);
        tag.setValue(key.value());
        event.setSingleValueExtendedProperties(List.of(tag));
        return event;
    }

    List<StudyEvent> findAll(String calendarId, Interval window) {
        List<StudyEvent> out = new ArrayList<>();
        for (StudyEvent e : tagged(calendarId, "ep/value ne null")) {
            if (e.interval().overlaps(window)) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparing(StudyEvent::interval));
        return List.copyOf(out);
    }

    Optional<StudyEvent> find(String calendarId, SessionKey key) {
        return tagged(calendarId, "ep/value eq '" + key.value() + "'").stream()
                .filter(e -> e.key().equals(key)).findFirst();
    }

    /**
     * Finds several sessions: one by itself, more with one search of all the calendar's tagged events (the search
     * {@link #findAll} makes), so a reconcile costs one request (per page of sessions), not one per session.
     */
    Map<SessionKey, Optional<StudyEvent>> find(String calendarId, Collection<SessionKey> keys) {
        Map<SessionKey, Optional<StudyEvent>> out = new LinkedHashMap<>();
        if (keys.size() == 1) {
            SessionKey only = keys.iterator().next();
            out.put(only, find(calendarId, only));
            return out;
        }
        Map<SessionKey, StudyEvent> found = new HashMap<>();
        for (StudyEvent e : tagged(calendarId, "ep/value ne null")) {
            found.putIfAbsent(e.key(), e);
        }
        for (SessionKey key : keys) {
            out.put(key, Optional.ofNullable(found.get(key)));
        }
        return out;
    }

    private List<StudyEvent> tagged(String calendarId, String valueCondition) {
        String request = "GET tagged events of calendar '" + calendarId + "'";
        String filter = "singleValueExtendedProperties/Any(ep: ep/id eq '" + GraphEvents.TAG_ID + "' and "
                + valueCondition + ")";
        List<StudyEvent> out = new ArrayList<>();
        EventCollectionResponse page = calls.read(request, () -> calendar(calendarId).events().get(rc -> {
            rc.queryParameters.filter = filter;
            rc.queryParameters.expand = new String[] {GraphEvents.tagExpand()};
            rc.queryParameters.select = SESSION_FIELDS;
            rc.queryParameters.top = settings.pageSize();
            OutlookConnection.preferUtc(rc.headers);
        }));
        while (true) {
            for (Event e : GraphCalls.items(page.getValue(), request)) {
                Optional<SessionKey> key = GraphEvents.ownKey(e);
                if (key.isPresent()) {
                    out.add(studyEvent(calendarId, e, key.get(), request));
                }
            }
            String next = page.getOdataNextLink();
            if (next == null) {
                return out;
            }
            page = calls.read(request, () -> calendar(calendarId).events().withUrl(next)
                    .get(rc -> OutlookConnection.preferUtc(rc.headers)));
        }
    }

    /**
     * Moves an event with {@code If-Match} on its etag; being conditional, the PATCH is repeated after a connection
     * fault. On 412 the event is re-read: already at {@code to} (an earlier attempt landed, its answer was lost) is
     * the result; at its old time (a rename, a server-side update) it is moved with the fresh etag, once; at another
     * time, or gone, the person changed it: {@link EventChangedException}, nothing overwritten.
     */
    StudyEvent move(StudyEvent event, Interval to) {
        String request = "PATCH event '" + event.eventId() + "' of calendar '" + event.calendarId() + "'";
        String etag = event.version().orElse(null);
        if (etag == null) {
            etag = unmoved(event, current(event)).version().orElse(null);
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            String ifMatch = etag;
            Event moved;
            try {
                moved = calls.retrying(request, () -> calls.attempt(request, () -> item(event).patch(timeOnly(to), rc -> {
                    if (ifMatch != null) {
                        rc.headers.add("If-Match", ifMatch);
                    }
                    OutlookConnection.preferUtc(rc.headers);
                })));
            } catch (ApiException e) {
                if (e.getResponseStatusCode() == 404 || e.getResponseStatusCode() == 410) {
                    throw gone(event);
                }
                if (e.getResponseStatusCode() != 412) {
                    throw calls.translate(e, request);
                }
                StudyEvent now = current(event);
                if (now.interval().equals(to)) {
                    LOG.debug("Event '{}' already stands at {} (an earlier attempt's answer was lost)", event.eventId(), to);
                    return now;
                }
                // Only a change of time counts as the person's move; anything else (a rename, a new etag after a
                // server-side update) is moved over with the fresh etag.
                etag = unmoved(event, now).version().orElse(null);
                continue;
            }
            StudyEvent result = studyEvent(event.calendarId(), moved, event.key(), request);
            if (!result.eventId().equals(event.eventId()) || !result.interval().equals(to)) {
                throw new UnexpectedResponseException("Microsoft Graph answered " + request + " (session "
                        + event.key() + ", to " + to + ") with event '" + result.eventId() + "' at "
                        + result.interval() + ": the move did not take effect; read the calendar again");
            }
            return result;
        }
        throw new EventChangedException("Session " + event.key() + " (event '" + event.eventId()
                + "') keeps changing on calendar '" + event.calendarId() + "' (412 on every attempt); it was not moved",
                read(event).orElse(null));
    }

    /** A fresh PATCH body with the new start and end only. */
    private static Event timeOnly(Interval to) {
        Event patch = new Event();
        patch.setStart(GraphEvents.utc(to.start()));
        patch.setEnd(GraphEvents.utc(to.end()));
        return patch;
    }

    /** Re-reads an event. @throws EventChangedException if it is gone */
    private StudyEvent current(StudyEvent event) {
        return read(event).orElseThrow(() -> gone(event));
    }

    /** @return {@code now} if its time is still as {@code event} says; otherwise the person's move is reported */
    private static StudyEvent unmoved(StudyEvent event, StudyEvent now) {
        if (!now.interval().equals(event.interval())) {
            throw new EventChangedException("Session " + event.key() + " was moved by someone else to "
                    + now.interval() + " (it was read at " + event.interval() + "); it was left as it is", now);
        }
        LOG.debug("Event '{}' changed but its time is unchanged", event.eventId());
        return now;
    }

    private static EventChangedException gone(StudyEvent event) {
        return new EventChangedException("Session " + event.key() + " (event '" + event.eventId()
                + "') was deleted from calendar '" + event.calendarId() + "'; it was not moved", null);
    }

    private Optional<StudyEvent> read(StudyEvent event) {
        String request = "GET event '" + event.eventId() + "' of calendar '" + event.calendarId() + "'";
        try {
            Event e = calls.retrying(request, () -> calls.attempt(request, () -> item(event).get(rc -> {
                rc.queryParameters.select = SESSION_FIELDS;
                rc.queryParameters.expand = new String[] {GraphEvents.tagExpand()};
                OutlookConnection.preferUtc(rc.headers);
            })));
            StudyEvent read = studyEvent(event.calendarId(), e, event.key(), request);
            if (!read.eventId().equals(event.eventId())) {
                throw new UnexpectedResponseException("Microsoft Graph answered " + request + " with event '"
                        + read.eventId() + "'");
            }
            return Optional.of(read);
        } catch (ApiException e) {
            if (e.getResponseStatusCode() == 404 || e.getResponseStatusCode() == 410) {
                return Optional.empty();
            }
            throw calls.translate(e, request);
        }
    }

    /**
     * Deletes an event with {@code If-Match} on its etag (when known), repeated after a connection fault; one already
     * gone (404, 410) counts as deleted. On 412 the event is re-read: gone is deleted; at its old time it is deleted
     * with the fresh etag, once; at another time the person moved it: {@link EventChangedException}, nothing deleted.
     */
    void delete(StudyEvent event) {
        String request = "DELETE event '" + event.eventId() + "' of calendar '" + event.calendarId() + "'";
        String etag = event.version().orElse(null);
        for (int attempt = 0; attempt < 2; attempt++) {
            String ifMatch = etag;
            try {
                calls.retrying(request, () -> calls.attempt(request, () -> {
                    item(event).delete(rc -> {
                        if (ifMatch != null) {
                            rc.headers.add("If-Match", ifMatch);
                        }
                    });
                    return Boolean.TRUE;
                }));
                return;
            } catch (ApiException e) {
                int status = e.getResponseStatusCode();
                if (status == 404 || status == 410) {
                    LOG.debug("Event '{}' was already gone", event.eventId());
                    return;
                }
                if (status != 412) {
                    throw calls.translate(e, request);
                }
                Optional<StudyEvent> now = read(event);
                if (now.isEmpty()) {
                    return;
                }
                etag = unmoved(event, now.get()).version().orElse(null);
            }
        }
        throw new EventChangedException("Session " + event.key() + " (event '" + event.eventId()
                + "') keeps changing on calendar '" + event.calendarId() + "' (412 on every attempt); it was not deleted",
                read(event).orElse(null));
    }

    private StudyEvent studyEvent(String calendarId, Event e, SessionKey key, String request) {
        if (e.getId() == null) {
            throw new UnexpectedResponseException("Microsoft Graph sent an event without id in " + request);
        }
        Interval interval;
        try {
            interval = GraphEvents.interval(e, settings.allDayZone(), settings.knowsUserZone()).orElse(null);
        } catch (IllegalArgumentException bad) {
            throw new UnexpectedResponseException("Microsoft Graph sent event '" + e.getId() + "' of calendar '"
                    + calendarId + "' with a bad time in " + request + ": " + bad.getMessage(), bad);
        }
        if (interval == null) {
            throw new UnexpectedResponseException("Microsoft Graph sent event '" + e.getId() + "' of calendar '"
                    + calendarId + "' with no usable time in " + request);
        }
        return new StudyEvent(calendarId, e.getId(), GraphEvents.ownKey(e).orElse(key), interval, GraphEvents.etag(e));
    }

    private CalendarItemRequestBuilder calendar(String calendarId) {
        Objects.requireNonNull(calendarId, "calendarId");
        return graph.me().calendars().byCalendarId(calendarId);
    }

    private EventItemRequestBuilder item(StudyEvent event) {
        return calendar(event.calendarId()).events().byEventId(event.eventId());
    }
}
