package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.ics.internal.IcsCalendar;
import dev.personaltracker.calendar.ics.internal.SessionEvents;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * A study-session resource's iCalendar text, through the iCalendar provider's {@link SessionEvents} (the same tag,
 * UID form and reading as session files, so either provider recognises the other's sessions and busy reads leave
 * them out). The event id is the resource's path and the version its ETag.
 */
final class SessionIcs {

    private SessionIcs() {
    }

    /** @return the resource name of a session in its calendar */
    static String resourceName(SessionKey key) {
        return key.value() + ".ics";
    }

    static String render(SessionKey key, Interval interval, SessionDetails details, Instant now) {
        return SessionEvents.toICalendar(key, interval, details, now);
    }

    /**
     * Rewrites a session's times, keeping what the person added (title, description, alarms).
     *
     * @return the new text
     * @throws UnexpectedResponseException if the text holds no session
     */
    static String moved(String text, Interval to, Instant now, ZoneId zone, String what) {
        IcsCalendar calendar = IcsCalendar.parse(text, zone, "caldav resource " + what);
        Calendar model = calendar.model();
        VEvent event = SessionEvents.sessionComponents(calendar).stream().findFirst()
                .orElseThrow(() -> new UnexpectedResponseException("caldav: " + what + " holds no study session"));
        SessionEvents.move(event, to, now);
        return SessionEvents.print(model);
    }

    /**
     * Reads a session back.
     *
     * @param calendarId  the calendar
     * @param path  the resource path (the event id)
     * @param text  its iCalendar text
     * @param etag  its ETag, if known
     * @param zone  the person's zone, for floating times and dates
     * @return the session, empty if the resource is not one of the library's sessions or has no readable times
     */
    static Optional<StudyEvent> read(String calendarId, String path, String text, Optional<String> etag, ZoneId zone) {
        try {
            return SessionEvents.parse(text, zone, calendarId, "caldav resource " + path).stream().findFirst()
                    .map(e -> new StudyEvent(calendarId, path, e.key(), e.interval(), etag));
        } catch (UnexpectedResponseException e) {
            return Optional.empty();
        }
    }
}
