package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * The iCalendar text of a study-session resource, written and read with ical4j. A session carries the same tag as
 * the iCalendar provider's ({@code X-PERSONALTRACKER-SESSION-KEY} and a UID ending in
 * {@code @sessions.personaltracker.dev}), so busy-time reads leave it out and either provider recognises it; when
 * the person moves it in their calendar app (which may rewrite the times with a TZID), the new times are read back.
 */
final class SessionIcs {

    static final String SESSION_KEY = "X-PERSONALTRACKER-SESSION-KEY";
    static final String UID_SUFFIX = "@sessions.personaltracker.dev";
    private static final String PRODID = "-//Personal Tracker//Calendar Integration CalDAV//EN";

    private SessionIcs() {
    }

    /** @return the resource name of a session in its calendar */
    static String resourceName(SessionKey key) {
        return key.value() + ".ics";
    }

    static String render(SessionKey key, Interval interval, SessionDetails details, Instant now) {
        VEvent event = new VEvent(false);
        event.add(new Uid(key.value() + UID_SUFFIX));
        event.add(new DtStamp(now));
        event.add(new DtStart<>(interval.start()));
        event.add(new DtEnd<>(interval.end()));
        event.add(new Summary(details.title()));
        details.description().ifPresent(d -> event.add(new Description(d)));
        event.add(new Transp("OPAQUE"));
        event.add(new Sequence(0));
        event.add(new XProperty(SESSION_KEY, key.value()));
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(event);
        return output(calendar);
    }

    /**
     * Rewrites a session's times, keeping what the person added (title, description, alarms).
     *
     * @return the new text
     */
    static String moved(String text, Interval to, Instant now, String what) {
        Calendar calendar = parse(text, what);
        VEvent event = master(calendar).orElseThrow(() -> new UnexpectedResponseException("caldav: " + what
                + " holds no VEVENT"));
        int sequence = event.getProperty(Property.SEQUENCE).map(p -> parseInt(p.getValue())).orElse(0);
        event.getProperty(Property.DURATION).ifPresent(event::remove);
        event.replace(new DtStart<>(to.start()));
        event.replace(new DtEnd<>(to.end()));
        event.replace(new Sequence(sequence + 1));
        event.replace(new DtStamp(now));
        return output(calendar);
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
        Calendar calendar;
        try {
            calendar = parse(text, path);
        } catch (UnexpectedResponseException e) {
            return Optional.empty();
        }
        Optional<VEvent> event = master(calendar);
        Optional<SessionKey> key = event.flatMap(SessionIcs::key);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> start = event.get().getProperty(Property.DTSTART).flatMap(p -> instant(((DtStart<?>) p).getDate(), zone));
        Optional<Instant> end = event.get().getProperty(Property.DTEND).flatMap(p -> instant(((DtEnd<?>) p).getDate(), zone));
        if (start.isEmpty() || end.isEmpty() || !start.get().isBefore(end.get())) {
            return Optional.empty();
        }
        return Optional.of(new StudyEvent(calendarId, path, key.get(), Interval.of(start.get(), end.get()), etag));
    }

    private static Optional<VEvent> master(Calendar calendar) {
        return calendar.<VEvent>getComponents(Component.VEVENT).stream()
                .filter(e -> e.getProperty(Property.RECURRENCE_ID).isEmpty()).findFirst();
    }

    private static Optional<SessionKey> key(VEvent event) {
        Optional<String> text = event.getProperty(SESSION_KEY).map(Property::getValue)
                .or(() -> event.getProperty(Property.UID).map(Property::getValue)
                        .filter(u -> u.endsWith(UID_SUFFIX))
                        .map(u -> u.substring(0, u.length() - UID_SUFFIX.length())));
        try {
            return text.map(String::strip).map(SessionKey::of);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(Temporal t, ZoneId zone) {
        if (t instanceof Instant i) {
            return Optional.of(i);
        }
        if (t instanceof ZonedDateTime z) {
            return Optional.of(z.toInstant());
        }
        if (t instanceof OffsetDateTime o) {
            return Optional.of(o.toInstant());
        }
        if (t instanceof LocalDateTime l) {
            return Optional.of(l.atZone(zone).toInstant());
        }
        if (t instanceof LocalDate d) {
            return Optional.of(d.atStartOfDay(zone).toInstant());
        }
        return Optional.empty();
    }

    private static Calendar parse(String text, String what) {
        try {
            return new CalendarBuilder().build(new StringReader(text));
        } catch (IOException | ParserException | RuntimeException e) {
            throw new UnexpectedResponseException("caldav: " + what + " is not readable iCalendar (" + e.getMessage()
                    + ")", e);
        }
    }

    private static String output(Calendar calendar) {
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new IllegalStateException("Writing to a string failed", e);
        }
        return out.toString();
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
