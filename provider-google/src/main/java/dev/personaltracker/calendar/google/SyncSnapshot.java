package dev.personaltracker.calendar.google;

import com.google.api.client.json.JsonFactory;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
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
 * Google's {@code nextSyncToken}, the calendar's zone, the earliest instant the cached events cover, and the events
 * themselves (only the fields the busy policy needs). It is stored as an {@link Events} JSON document, so the
 * cached events keep Google's own shape. Not thread-safe: the connection locks per calendar.
 */
final class SyncSnapshot {

    private static final String FROM = "personalTrackerCoversFrom";
    private static final String FORMAT = "personalTrackerFormat";
    private static final String FORMAT_VERSION = "1";

    private final Instant coversFrom;
    private final String syncToken;
    private final String zone;
    private final Map<String, Event> events;

    SyncSnapshot(Instant coversFrom, String syncToken, String zone, Collection<Event> events) {
        this.coversFrom = coversFrom;
        this.syncToken = syncToken;
        this.zone = zone;
        this.events = new LinkedHashMap<>();
        apply(events);
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

    Collection<Event> events() {
        return events.values();
    }

    /**
     * Obtains the snapshot after an incremental sync: changed events replace the cached ones, cancelled ones go.
     */
    SyncSnapshot updated(String newSyncToken, String newZone, List<Event> changes) {
        SyncSnapshot next = new SyncSnapshot(coversFrom, newSyncToken, newZone == null ? zone : newZone, events.values());
        next.apply(changes);
        return next;
    }

    private void apply(Collection<Event> changes) {
        for (Event e : changes) {
            if (e.getId() == null) {
                continue;
            }
            if (GoogleEvents.isCancelled(e)) {
                events.remove(e.getId());
            } else {
                events.put(e.getId(), e);
            }
        }
    }

    String encode(JsonFactory json) {
        Events doc = new Events().setNextSyncToken(syncToken).setTimeZone(zone).setItems(new ArrayList<>(events.values()));
        doc.set(FROM, coversFrom.toString());
        doc.set(FORMAT, FORMAT_VERSION);
        try {
            return json.toString(doc);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode the sync state", e);
        }
    }

    /** Decodes a stored snapshot; empty when it is missing, from another format, or unreadable (a full sync follows). */
    static Optional<SyncSnapshot> decode(JsonFactory json, String text) {
        try {
            Events doc = json.fromString(text, Events.class);
            if (doc == null || !FORMAT_VERSION.equals(doc.get(FORMAT)) || !(doc.get(FROM) instanceof String from)) {
                return Optional.empty();
            }
            List<Event> items = doc.getItems() == null ? List.of() : doc.getItems();
            return Optional.of(new SyncSnapshot(Instant.parse(from), doc.getNextSyncToken(), doc.getTimeZone(), items));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
