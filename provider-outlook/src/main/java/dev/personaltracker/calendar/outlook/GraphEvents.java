package dev.personaltracker.calendar.outlook;

import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.EventType;
import com.microsoft.graph.models.FreeBusyStatus;
import com.microsoft.graph.models.ResponseType;
import com.microsoft.graph.models.SingleValueLegacyExtendedProperty;
import dev.personaltracker.calendar.spi.Availability;
import dev.personaltracker.calendar.spi.EventFacts;
import dev.personaltracker.calendar.spi.EventKind;
import dev.personaltracker.calendar.spi.EventStatus;
import dev.personaltracker.calendar.spi.SelfResponse;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.time.Interval;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Reads Graph events: their facts for the busy policy, their time, and whether they are our own sessions. */
final class GraphEvents {

    /**
     * The tag on our own study sessions: a single-value extended property in our own property set. Its value is
     * the session key. The Name part is case-sensitive in $filter, so it is written only here.
     */
    static final String TAG_ID = "String {7d3f4f8e-2b9a-4c61-9e0d-5a1c3b2f6e47} Name personalTrackerSessionKey";
    /** Prefix of the transactionId of our own sessions; delta responses carry transactionId but no $expand. */
    static final String TRANSACTION_PREFIX = "personaltracker-";

    private GraphEvents() {
    }

    /** The fields calendarView needs for busy time; {@code @odata.etag} and {@code id} come anyway. */
    static final String[] SELECT = {"id", "subject", "start", "end", "isAllDay", "showAs", "isCancelled",
            "responseStatus", "type", "originalStartTimeZone", "transactionId"};

    static String tagExpand() {
        return "singleValueExtendedProperties($filter=id eq '" + TAG_ID + "')";
    }

    static String transactionId(SessionKey key) {
        return TRANSACTION_PREFIX + key.value();
    }

    static EventFacts facts(Event event) {
        EventStatus status = Boolean.TRUE.equals(event.getIsCancelled()) ? EventStatus.CANCELLED : EventStatus.CONFIRMED;
        return new EventFacts(status, availability(event.getShowAs()), response(event),
                EventKind.DEFAULT, Boolean.TRUE.equals(event.getIsAllDay()));
    }

    static Availability availability(FreeBusyStatus showAs) {
        if (showAs == null) {
            return Availability.UNKNOWN;
        }
        return switch (showAs) {
            case Free -> Availability.FREE;
            case Tentative -> Availability.TENTATIVE;
            case Busy -> Availability.BUSY;
            case Oof -> Availability.OUT_OF_OFFICE;
            case WorkingElsewhere -> Availability.WORKING_ELSEWHERE;
            case Unknown -> Availability.UNKNOWN;
        };
    }

    private static SelfResponse response(Event event) {
        ResponseType r = event.getResponseStatus() == null ? null : event.getResponseStatus().getResponse();
        if (r == null) {
            return SelfResponse.NONE;
        }
        return switch (r) {
            case None -> SelfResponse.NONE;
            case Organizer -> SelfResponse.ORGANIZER;
            case TentativelyAccepted -> SelfResponse.TENTATIVE;
            case Accepted -> SelfResponse.ACCEPTED;
            case Declined -> SelfResponse.DECLINED;
            case NotResponded -> SelfResponse.NEEDS_ACTION;
        };
    }

    /** What an occurrence takes from its series master; also what a master is read with. */
    static final String[] SERIES_SELECT = {"id", "type", "subject", "showAs", "isCancelled", "responseStatus",
            "isAllDay", "originalStartTimeZone"};

    /**
     * Checks if an event is an occurrence sent bare, as {@code calendarView/delta} sends them: only {@code id},
     * {@code type}, {@code seriesMasterId}, {@code start} and {@code end}; whether it blocks is its master's to say.
     */
    static boolean needsSeriesMaster(Event event) {
        return event.getSeriesMasterId() != null && !event.getSeriesMasterId().isBlank() && event.getShowAs() == null
                && event.getResponseStatus() == null && event.getIsCancelled() == null;
    }

    /** Fills what a bare occurrence lacks from its series master; the occurrence's own times stay. */
    static void inheritFrom(Event occurrence, Event master) {
        if (occurrence.getShowAs() == null) {
            occurrence.setShowAs(master.getShowAs());
        }
        if (occurrence.getResponseStatus() == null) {
            occurrence.setResponseStatus(master.getResponseStatus());
        }
        if (occurrence.getIsCancelled() == null) {
            occurrence.setIsCancelled(master.getIsCancelled());
        }
        if (occurrence.getSubject() == null) {
            occurrence.setSubject(master.getSubject());
        }
        if (occurrence.getIsAllDay() == null) {
            occurrence.setIsAllDay(master.getIsAllDay());
        }
        if (occurrence.getOriginalStartTimeZone() == null) {
            occurrence.setOriginalStartTimeZone(master.getOriginalStartTimeZone());
        }
    }

    static boolean isSeriesMaster(Event event) {
        return event.getType() == EventType.SeriesMaster;
    }

    static boolean isRemoved(Event event) {
        return event.getAdditionalData() != null && event.getAdditionalData().containsKey("@removed");
    }

    static Optional<String> etag(Event event) {
        Object etag = event.getAdditionalData() == null ? null : event.getAdditionalData().get("@odata.etag");
        return etag instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    /** @return the session key of one of our own sessions, empty for anybody else's event */
    static Optional<SessionKey> ownKey(Event event) {
        List<SingleValueLegacyExtendedProperty> props = event.getSingleValueExtendedProperties();
        if (props != null) {
            for (SingleValueLegacyExtendedProperty p : props) {
                if (TAG_ID.equalsIgnoreCase(p.getId()) && p.getValue() != null) {
                    return parseKey(p.getValue());
                }
            }
        }
        String tx = event.getTransactionId();
        if (tx != null && tx.startsWith(TRANSACTION_PREFIX)) {
            return parseKey(tx.substring(TRANSACTION_PREFIX.length()));
        }
        return Optional.empty();
    }

    private static Optional<SessionKey> parseKey(String value) {
        try {
            return Optional.of(SessionKey.of(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Works out when an event happens. Timed events come in the zone asked for ({@code Prefer: outlook.timezone}),
     * or whatever zone Graph names. All-day events are dates that float, and they block the person's local days:
     * midnight to midnight in the person's zone when it is known ({@code personZone}); otherwise in the zone the
     * event was made in ({@code originalStartTimeZone}) unless that is UTC (which Graph reports for events made
     * through the API and which says nothing about the person), else in {@code zone}. Reading their UTC midnights
     * as instants would shift them by the person's offset.
     *
     * @param zone  the person's zone, or the fallback for all-day events with no usable zone of their own
     * @param personZone  true if {@code zone} is the person's own zone, which then wins
     * @return the interval, empty if the event's end is not after its start
     * @throws IllegalArgumentException if a time is missing or malformed
     */
    static Optional<Interval> interval(Event event, ZoneId zone, boolean personZone) {
        LocalDateTime start = localTime(event.getStart(), "start");
        LocalDateTime end = localTime(event.getEnd(), "end");
        ZoneId startZone;
        ZoneId endZone;
        boolean floatingDates = start.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                && end.toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
        // An all-day event whose times are not midnights was converted to the asked-for zone: read it as timed.
        if (Boolean.TRUE.equals(event.getIsAllDay()) && floatingDates) {
            startZone = personZone ? zone : ZoneNames.resolve(event.getOriginalStartTimeZone())
                    .filter(z -> !z.normalized().equals(ZoneOffset.UTC)).orElse(zone);
            endZone = startZone;
        } else {
            startZone = zone(event.getStart());
            endZone = zone(event.getEnd());
        }
        var from = start.atZone(startZone).toInstant();
        var to = end.atZone(endZone).toInstant();
        return from.isBefore(to) ? Optional.of(Interval.of(from, to)) : Optional.empty();
    }

    private static LocalDateTime localTime(DateTimeTimeZone value, String field) {
        if (value == null || value.getDateTime() == null) {
            throw new IllegalArgumentException("the event has no " + field);
        }
        try {
            return LocalDateTime.parse(value.getDateTime());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the event's " + field + " '" + value.getDateTime() + "' is not a date-time", e);
        }
    }

    private static ZoneId zone(DateTimeTimeZone value) {
        String name = value.getTimeZone();
        if (name == null || name.isBlank()) {
            return ZoneOffset.UTC;
        }
        return ZoneNames.resolve(name).orElseThrow(
                () -> new IllegalArgumentException("unknown time zone '" + name + "'"));
    }

    static DateTimeTimeZone utc(java.time.Instant instant) {
        DateTimeTimeZone t = new DateTimeTimeZone();
        t.setDateTime(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                LocalDateTime.ofInstant(instant, ZoneOffset.UTC)));
        t.setTimeZone("UTC");
        return t;
    }
}
