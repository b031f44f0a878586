package dev.personaltracker.calendar.spi;

import dev.personaltracker.calendar.time.Interval;
import java.util.Objects;
import java.util.Optional;

/**
 * A study-session event as a calendar holds it now.
 *
 * @param calendarId  the calendar it is on, not blank
 * @param eventId  the provider's event id, not blank
 * @param key  the session's stable key, read back from the event's tag, not null
 * @param interval  when the event is now (the person may have moved it), not null
 * @param version  the provider's version tag (an etag) for conditional updates, if it has one
 */
public record StudyEvent(String calendarId, String eventId, SessionKey key, Interval interval, Optional<String> version) {

    /**
     * Validates the components.
     *
     * @param calendarId  the calendar it is on, not blank
     * @param eventId  the provider's event id, not blank
     * @param interval  when the event is now (the person may have moved it), not null
     * @param key  the session's stable key, read back from the event's tag, not null
     * @param version  the provider's version tag (an etag) for conditional updates, if it has one
     */
    public StudyEvent {
        Require.nonBlank(calendarId, "calendarId");
        Require.nonBlank(eventId, "eventId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(version, "version");
    }
}
