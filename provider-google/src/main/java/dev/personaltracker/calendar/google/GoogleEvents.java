package dev.personaltracker.calendar.google;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import dev.personaltracker.calendar.spi.Availability;
import dev.personaltracker.calendar.spi.EventFacts;
import dev.personaltracker.calendar.spi.EventKind;
import dev.personaltracker.calendar.spi.EventStatus;
import dev.personaltracker.calendar.spi.SelfResponse;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Maps Google {@link Event}s to the SPI: the facts the busy policy judges, the interval, and the study-session tag.
 * <p>
 * A study session carries two private extended properties: {@value #APP_PROPERTY}={@value #APP_VALUE} (what
 * {@code privateExtendedProperty} searches for) and {@value #KEY_PROPERTY}=the session key.
 */
final class GoogleEvents {

    static final String APP_PROPERTY = "personalTrackerApp";
    static final String APP_VALUE = "study-session";
    static final String KEY_PROPERTY = "personalTrackerSessionKey";

    private GoogleEvents() {
    }

    /** Maps the fields that decide busy time; a missing field takes Google's documented default. */
    static EventFacts facts(Event e) {
        EventStatus status = switch (String.valueOf(e.getStatus())) {
            case "cancelled" -> EventStatus.CANCELLED;
            case "tentative" -> EventStatus.TENTATIVE;
            default -> EventStatus.CONFIRMED;
        };
        Availability availability = "transparent".equals(e.getTransparency()) ? Availability.FREE : Availability.BUSY;
        EventKind kind = switch (String.valueOf(e.getEventType())) {
            case "outOfOffice" -> EventKind.OUT_OF_OFFICE;
            case "focusTime" -> EventKind.FOCUS_TIME;
            case "workingLocation" -> EventKind.WORKING_LOCATION;
            case "birthday" -> EventKind.BIRTHDAY;
            default -> EventKind.DEFAULT;
        };
        return new EventFacts(status, availability, selfResponse(e), kind, isAllDay(e));
    }

    private static SelfResponse selfResponse(Event e) {
        if (e.getAttendees() == null) {
            return SelfResponse.NONE;
        }
        for (EventAttendee a : e.getAttendees()) {
            if (Boolean.TRUE.equals(a.getSelf())) {
                return switch (String.valueOf(a.getResponseStatus())) {
                    case "declined" -> SelfResponse.DECLINED;
                    case "tentative" -> SelfResponse.TENTATIVE;
                    case "accepted" -> Boolean.TRUE.equals(a.getOrganizer()) ? SelfResponse.ORGANIZER
                            : SelfResponse.ACCEPTED;
                    case "needsAction" -> SelfResponse.NEEDS_ACTION;
                    default -> SelfResponse.NONE;
                };
            }
        }
        return SelfResponse.NONE;
    }

    static boolean isAllDay(Event e) {
        return e.getStart() != null && e.getStart().getDate() != null;
    }

    static boolean isCancelled(Event e) {
        return "cancelled".equals(e.getStatus());
    }

    /**
     * Gets when an event happens. An all-day event's dates are local days of the calendar's zone (end exclusive).
     *
     * @return the interval, empty for a zero-length event
     * @throws UnexpectedResponseException if start or end is missing or unreadable
     */
    static Optional<Interval> interval(Event e, ZoneId zone, String where) {
        Instant start = instant(e.getStart(), zone, where, e.getId(), "start");
        Instant end = instant(e.getEnd(), zone, where, e.getId(), "end");
        return start.isBefore(end) ? Optional.of(Interval.of(start, end)) : Optional.empty();
    }

    /**
     * Reads one end of an event: its date-time, or the start of its date in {@code zone}.
     *
     * @throws UnexpectedResponseException if it is missing or unreadable
     */
    static Instant instant(EventDateTime t, ZoneId zone, String where, String eventId, String field) {
        if (t != null && t.getDateTime() != null) {
            return Instant.ofEpochMilli(t.getDateTime().getValue());
        }
        return date(t, where, eventId, field).atStartOfDay(zone).toInstant();
    }

    /**
     * Reads the date of one end of an all-day event.
     *
     * @throws UnexpectedResponseException if it is missing or unreadable
     */
    static LocalDate date(EventDateTime t, String where, String eventId, String field) {
        if (t == null || t.getDate() == null) {
            throw new UnexpectedResponseException(where + ": event '" + eventId + "' has no " + field);
        }
        try {
            return LocalDate.parse(t.getDate().toStringRfc3339());
        } catch (DateTimeParseException ex) {
            throw new UnexpectedResponseException(where + ": event '" + eventId + "' has an unreadable " + field
                    + " date", ex);
        }
    }

    /** Checks if an event is one of the library's study sessions. */
    static boolean isStudySession(Event e) {
        return APP_VALUE.equals(privateProperties(e).get(APP_PROPERTY));
    }

    /** Gets the session key an event is tagged with, if it is a study session with a well-formed key. */
    static Optional<SessionKey> sessionKey(Event e) {
        if (!isStudySession(e)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(privateProperties(e).get(KEY_PROPERTY)).map(SessionKey::of);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static Map<String, String> privateProperties(Event e) {
        if (e.getExtendedProperties() == null || e.getExtendedProperties().getPrivate() == null) {
            return Map.of();
        }
        return e.getExtendedProperties().getPrivate();
    }

    /**
     * Reads a study-session event back.
     *
     * @throws UnexpectedResponseException if it is not a tagged, timed event
     */
    static StudyEvent studyEvent(String calendarId, Event e, String where) {
        if (e.getId() == null || e.getId().isBlank()) {
            throw new UnexpectedResponseException(where + ": a study-session event has no id");
        }
        SessionKey key = sessionKey(e).orElseThrow(() -> new UnexpectedResponseException(where + ": event '"
                + e.getId() + "' is not tagged as a study session"));
        Interval interval = interval(e, ZoneId.of("UTC"), where).orElseThrow(() -> new UnexpectedResponseException(
                where + ": study-session event '" + e.getId() + "' has zero length"));
        return new StudyEvent(calendarId, e.getId(), key, interval, Optional.ofNullable(e.getEtag()));
    }

    static EventDateTime dateTime(Instant instant) {
        return new EventDateTime().setDateTime(new DateTime(instant.toEpochMilli())).setTimeZone("UTC");
    }
}
