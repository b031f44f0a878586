package dev.personaltracker.calendar.google;

import com.google.api.client.json.GenericJson;
import com.google.api.client.json.JsonFactory;
import com.google.api.services.calendar.model.Event;
import dev.personaltracker.calendar.spi.Availability;
import dev.personaltracker.calendar.spi.EventFacts;
import dev.personaltracker.calendar.spi.EventKind;
import dev.personaltracker.calendar.spi.EventStatus;
import dev.personaltracker.calendar.spi.SelfResponse;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One calendar's incremental-sync state, kept in the host's {@link dev.personaltracker.calendar.spi.SyncStateStore}:
 * Google's {@code nextSyncToken}, the calendar's zone, the earliest instant the cached events cover, and per event
 * only what busy time and session matching need ({@link Cached}), not Google's whole {@link Event}. Stored as compact
 * JSON (format {@value #FORMAT_VERSION}; defaults left out). Immutable.
 */
final class SyncSnapshot {

    private static final String FORMAT = "personalTrackerFormat";
    private static final String FORMAT_VERSION = "2";

    /**
     * What is kept of one event.
     *
     * @param id  Google's event id
     * @param start  epoch milliseconds, or for an all-day event the epoch day of its first day
     * @param end  epoch milliseconds, or for an all-day event the epoch day after its last day
     * @param facts  what the busy policy judges ({@link EventFacts#allDay()} says how to read start and end)
     * @param title  the event's title, may be null
     * @param sessionKey  the study session's key for the library's own events, else null
     * @param etag  the etag of a study session, else null
     */
    record Cached(String id, long start, long end, EventFacts facts, String title, String sessionKey, String etag) {

        /** @return when it happens (all-day days in {@code zone}), empty for a zero-length event */
        Optional<Interval> interval(ZoneId zone) {
            Instant s = facts.allDay() ? LocalDate.ofEpochDay(start).atStartOfDay(zone).toInstant()
                    : Instant.ofEpochMilli(start);
            Instant e = facts.allDay() ? LocalDate.ofEpochDay(end).atStartOfDay(zone).toInstant()
                    : Instant.ofEpochMilli(end);
            return s.isBefore(e) ? Optional.of(Interval.of(s, e)) : Optional.empty();
        }
    }

    private final Instant coversFrom;
    private final String syncToken;
    private final String zone;
    private final Map<String, Cached> events;
    private final Instant savedAt;

    private SyncSnapshot(Instant coversFrom, String syncToken, String zone, Map<String, Cached> events) {
        this(coversFrom, syncToken, zone, events, null);
    }

    private SyncSnapshot(Instant coversFrom, String syncToken, String zone, Map<String, Cached> events, Instant savedAt) {
        this.coversFrom = coversFrom;
        this.syncToken = syncToken;
        this.zone = zone;
        this.events = events;
        this.savedAt = savedAt;
    }

    /**
     * Gets when this state was written to the store: Google confirmed it then, and every sync since found nothing
     * that changed busy time (those are not written), so the calendar was in sync at least then.
     *
     * @return when saved, empty for a state not saved yet or saved by a library version that did not record it
     */
    Optional<Instant> savedAt() {
        return Optional.ofNullable(savedAt);
    }

    /** @return this state, marked as saved at that instant */
    SyncSnapshot savedAt(Instant at) {
        return new SyncSnapshot(coversFrom, syncToken, zone, events, at);
    }

    /**
     * Obtains the snapshot of a full sync.
     *
     * @param where  the request, for messages
     * @throws dev.personaltracker.calendar.spi.UnexpectedResponseException if an event has no usable start or end
     */
    static SyncSnapshot of(Instant coversFrom, String syncToken, String zone, Collection<Event> events, String where) {
        SyncSnapshot s = new SyncSnapshot(coversFrom, syncToken, zone, new LinkedHashMap<>());
        s.apply(events, where);
        return s;
    }

    Instant coversFrom() {
        return coversFrom;
    }

    String syncToken() {
        return syncToken;
    }

    /** @return the calendar's zone for all-day events, UTC if Google did not say or said something unknown */
    ZoneId zone() {
        try {
            return zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
        } catch (DateTimeException unknown) {
            return ZoneOffset.UTC;
        }
    }

    Collection<Cached> events() {
        return events.values();
    }

    /** @return the cached event with this id, empty if the snapshot has none (deleted, or outside what it covers) */
    Optional<Cached> event(String id) {
        return Optional.ofNullable(events.get(id));
    }

    /**
     * Obtains the snapshot after an incremental sync: changed events replace the cached ones, cancelled ones go.
     *
     * @param where  the request, for messages
     */
    SyncSnapshot updated(String newSyncToken, String newZone, List<Event> changes, String where) {
        SyncSnapshot next = new SyncSnapshot(coversFrom, newSyncToken, newZone == null ? zone : newZone,
                new LinkedHashMap<>(events));
        next.apply(changes, where);
        return next;
    }

    /**
     * Checks if {@code other} differs from this snapshot only in its sync token and the library's own study
     * sessions: then busy time is the same, and storing it again can wait for a change that matters.
     */
    boolean sameBusyTimeAs(SyncSnapshot other) {
        return coversFrom.equals(other.coversFrom) && java.util.Objects.equals(zone, other.zone)
                && withoutSessions().equals(other.withoutSessions());
    }

    private Map<String, Cached> withoutSessions() {
        Map<String, Cached> out = new LinkedHashMap<>();
        events.forEach((id, c) -> {
            if (c.sessionKey() == null) {
                out.put(id, c);
            }
        });
        return out;
    }

    private void apply(Collection<Event> changes, String where) {
        ZoneId z = zone();
        for (Event e : changes) {
            if (e.getId() == null) {
                continue;
            }
            if (GoogleEvents.isCancelled(e)) {
                events.remove(e.getId());
            } else {
                events.put(e.getId(), cached(e, z, where));
            }
        }
    }

    private static Cached cached(Event e, ZoneId zone, String where) {
        EventFacts facts = GoogleEvents.facts(e);
        Optional<SessionKey> key = GoogleEvents.sessionKey(e);
        long start;
        long end;
        if (facts.allDay()) {
            start = GoogleEvents.date(e.getStart(), where, e.getId(), "start").toEpochDay();
            end = GoogleEvents.date(e.getEnd(), where, e.getId(), "end").toEpochDay();
        } else {
            start = GoogleEvents.instant(e.getStart(), zone, where, e.getId(), "start").toEpochMilli();
            end = GoogleEvents.instant(e.getEnd(), zone, where, e.getId(), "end").toEpochMilli();
        }
        boolean session = key.isPresent();
        return new Cached(e.getId(), start, end, facts, session ? null : e.getSummary(),
                key.map(SessionKey::value).orElse(null), session ? e.getEtag() : null);
    }

    // ----------------------------------------------------------------------------------------------- storage

    String encode(JsonFactory json) {
        GenericJson doc = new GenericJson();
        doc.set(FORMAT, FORMAT_VERSION);
        doc.set("from", coversFrom.toString());
        doc.set("syncToken", syncToken);
        if (zone != null) {
            doc.set("zone", zone);
        }
        if (savedAt != null) {
            doc.set("at", savedAt.toString());
        }
        List<Map<String, Object>> items = new ArrayList<>(events.size());
        for (Cached c : events.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("i", c.id());
            m.put("s", c.start());
            m.put("e", c.end());
            EventFacts f = c.facts();
            putUnless(m, "st", f.status().name(), EventStatus.CONFIRMED.name());
            putUnless(m, "av", f.availability().name(), Availability.BUSY.name());
            putUnless(m, "rs", f.response().name(), SelfResponse.NONE.name());
            putUnless(m, "ki", f.kind().name(), EventKind.DEFAULT.name());
            if (f.allDay()) {
                m.put("d", Boolean.TRUE);
            }
            putUnless(m, "t", c.title(), null);
            putUnless(m, "k", c.sessionKey(), null);
            putUnless(m, "et", c.etag(), null);
            items.add(m);
        }
        doc.set("events", items);
        try {
            return json.toString(doc);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode the sync state", e);
        }
    }

    private static void putUnless(Map<String, Object> m, String key, String value, String absent) {
        if (value != null && !value.equals(absent)) {
            m.put(key, value);
        }
    }

    /** Decodes a stored snapshot; empty when it is missing, from another format, or unreadable (a full sync follows). */
    static Optional<SyncSnapshot> decode(JsonFactory json, String text) {
        try {
            GenericJson doc = json.fromString(text, GenericJson.class);
            if (doc == null || !FORMAT_VERSION.equals(doc.get(FORMAT)) || !(doc.get("from") instanceof String from)
                    || !(doc.get("events") instanceof List<?> items)) {
                return Optional.empty();
            }
            Map<String, Cached> events = new LinkedHashMap<>();
            for (Object item : items) {
                Map<?, ?> m = (Map<?, ?>) item;
                EventFacts facts = new EventFacts(
                        EventStatus.valueOf(text(m, "st", EventStatus.CONFIRMED.name())),
                        Availability.valueOf(text(m, "av", Availability.BUSY.name())),
                        SelfResponse.valueOf(text(m, "rs", SelfResponse.NONE.name())),
                        EventKind.valueOf(text(m, "ki", EventKind.DEFAULT.name())),
                        Boolean.TRUE.equals(m.get("d")));
                String id = (String) m.get("i");
                events.put(id, new Cached(id, ((BigDecimal) m.get("s")).longValueExact(),
                        ((BigDecimal) m.get("e")).longValueExact(), facts, text(m, "t", null), text(m, "k", null),
                        text(m, "et", null)));
            }
            return Optional.of(new SyncSnapshot(Instant.parse(from), (String) doc.get("syncToken"),
                    (String) doc.get("zone"), events, doc.get("at") instanceof String at ? Instant.parse(at) : null));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static String text(Map<?, ?> m, String key, String absent) {
        Object v = m.get(key);
        return v == null ? absent : (String) v;
    }
}
