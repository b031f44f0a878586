package dev.personaltracker.calendar.ics.internal;

import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's study sessions as VEVENTs, one format for every calendar that stores them as iCalendar (the .ics
 * output file, CalDAV). Internal API (see the package documentation).
 * <p>
 * A session is a VEVENT with UID {@code <key>@sessions.personaltracker.dev} and the tag {@value #SESSION_KEY},
 * written in UTC (never floating, so other apps cannot shift it), {@code TRANSP:OPAQUE} and a SEQUENCE. Its version
 * is {@code <SEQUENCE>-<hash of UID, times, SUMMARY, DESCRIPTION, STATUS>}: an edit made elsewhere changes it even
 * when the editor did not raise SEQUENCE. A VEVENT that lost the tag but kept a UID of that form is still a session.
 */
public final class SessionEvents {

    /** The property that marks the library's own events. */
    public static final String SESSION_KEY = "X-PERSONALTRACKER-SESSION-KEY";
    /** The suffix of a session's UID. */
    public static final String UID_SUFFIX = "@sessions.personaltracker.dev";
    /** The PRODID of calendars the library writes. */
    public static final String PRODID = "-//Personal Tracker//Calendar Integration//EN";
    private static final Logger LOG = LoggerFactory.getLogger(SessionEvents.class);

    private SessionEvents() {
    }

    /**
     * @param key  the session key
     * @return the UID of that session's VEVENT
     */
    public static String uid(SessionKey key) {
        return key.value() + UID_SUFFIX;
    }

    /**
     * A new session VEVENT, SEQUENCE 0.
     *
     * @param key  the session key
     * @param interval  when
     * @param details  title and description
     * @param now  DTSTAMP, CREATED and LAST-MODIFIED
     * @return the VEVENT (a fresh mutable ical4j component)
     */
    public static VEvent newEvent(SessionKey key, Interval interval, SessionDetails details, Instant now) {
        VEvent event = new VEvent(false);
        event.add(new Uid(uid(key)));
        event.add(new DtStamp(now));
        event.add(new Created(now));
        event.add(new LastModified(now));
        event.add(new DtStart<>(interval.start()));
        event.add(new DtEnd<>(interval.end()));
        event.add(new Summary(details.title()));
        details.description().ifPresent(d -> event.add(new Description(d)));
        event.add(new Transp("OPAQUE"));
        event.add(new Sequence(0));
        event.add(new XProperty(SESSION_KEY, key.value()));
        return event;
    }

    /**
     * Moves a session VEVENT in place: new times, SEQUENCE raised, DTSTAMP and LAST-MODIFIED set to now.
     *
     * @param event  the VEVENT, changed
     * @param to  the new times
     * @param now  the stamp
     */
    public static void move(VEvent event, Interval to, Instant now) {
        int sequence = IcsDocument.text(event, Property.SEQUENCE).map(SessionEvents::parseInt).orElse(0);
        IcsDocument.set(event, new DtStart<>(to.start()));
        IcsDocument.set(event, new DtEnd<>(to.end()));
        event.removeAll(Property.DURATION); // DTEND and DURATION must not both occur (RFC 5545 3.6.1)
        IcsDocument.set(event, new Sequence(sequence + 1));
        IcsDocument.set(event, new DtStamp(now));
        IcsDocument.set(event, new LastModified(now));
    }

    /**
     * One session as a whole iCalendar object (one VCALENDAR holding one VEVENT), as a CalDAV resource holds it.
     *
     * @param key  the session key
     * @param interval  when
     * @param details  title and description
     * @param now  DTSTAMP, CREATED and LAST-MODIFIED
     * @return the text, CRLF line ends, folded at 75 octets
     */
    public static String toICalendar(SessionKey key, Interval interval, SessionDetails details, Instant now) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(newEvent(key, interval, details, now));
        return print(calendar);
    }

    /**
     * Prints a calendar, adding PRODID and VERSION if it lacks them. Properties and parameters the reader renamed
     * to keep them from ical4j (RRULE, RDATE, EXDATE, FREEBUSY, TZID) get their iCalendar names back, so another
     * app's events in a file written back keep their meaning.
     *
     * @param calendar  the calendar
     * @return its text
     */
    public static String print(Calendar calendar) {
        if (calendar.getProperty(Property.PRODID).isEmpty()) {
            calendar.add(new ProdId(PRODID));
        }
        if (calendar.getProperty(Property.VERSION).isEmpty()) {
            calendar.add(ImmutableVersion.VERSION_2_0);
        }
        StringWriter text = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PrintedText.restoreNames(text.toString());
    }

    /**
     * @param event  a VEVENT
     * @return true if it is one of the library's sessions
     */
    public static boolean isSession(Component event) {
        return sessionKey(event).isPresent();
    }

    /**
     * The session key from the tag, or from a UID of the session form when another app dropped the tag.
     *
     * @param event  a VEVENT
     * @return its key, empty if it is not a session
     */
    public static Optional<SessionKey> sessionKey(Component event) {
        Optional<String> text = IcsDocument.text(event, SESSION_KEY)
                .or(() -> IcsDocument.text(event, Property.UID)
                        .filter(u -> u.endsWith(UID_SUFFIX))
                        .map(u -> u.substring(0, u.length() - UID_SUFFIX.length())));
        try {
            return text.map(SessionKey::of);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads the sessions in iCalendar text (a CalDAV resource, a file).
     *
     * @param text  the text
     * @param personZone  the zone for floating times
     * @param calendarId  {@link StudyEvent#calendarId()} of the results
     * @param sourceDescription  the source for messages (no secrets)
     * @return the sessions, sorted by start
     * @throws dev.personaltracker.calendar.spi.UnexpectedResponseException if the text is not iCalendar
     */
    public static List<StudyEvent> parse(String text, ZoneId personZone, String calendarId, String sourceDescription) {
        return IcsCalendar.parse(text, personZone, sourceDescription).sessions(calendarId);
    }

    /**
     * The sessions of a parsed calendar.
     *
     * @param calendar  the calendar
     * @param calendarId  {@link StudyEvent#calendarId()} of the results
     * @return the sessions, sorted by start
     */
    static List<StudyEvent> sessions(IcsCalendar calendar, String calendarId) {
        List<StudyEvent> result = new ArrayList<>();
        for (VEvent event : calendar.document().events()) {
            studyEvent(calendar, event, calendarId).ifPresent(result::add);
        }
        result.sort(Comparator.comparing(StudyEvent::interval));
        return List.copyOf(result);
    }

    /**
     * Reads one VEVENT of a calendar as a session.
     *
     * @param calendar  the calendar the event belongs to (for its zones)
     * @param event  the VEVENT
     * @param calendarId  {@link StudyEvent#calendarId()} of the result
     * @return the session, empty if the event is no session or has no readable start and end
     */
    public static Optional<StudyEvent> studyEvent(IcsCalendar calendar, VEvent event, String calendarId) {
        Objects.requireNonNull(calendarId, "calendarId");
        IcsDocument doc = calendar.document();
        Optional<SessionKey> key = sessionKey(event);
        Optional<IcsTime> start = doc.time(event, Property.DTSTART);
        if (key.isEmpty() || start.isEmpty()) {
            return Optional.empty();
        }
        Instant from = start.get().instant(doc.personZone());
        Optional<Instant> end = doc.time(event, Property.DTEND).map(t -> t.instant(doc.personZone()))
                .or(() -> end(start.get(), doc.personZone(), event));
        if (end.isEmpty()) {
            return Optional.empty();
        }
        Instant to = end.get();
        if (!from.isBefore(to)) {
            LOG.warn("ics: study session '{}' in {} ends before it starts; ignored", key.get(),
                    calendar.sourceDescription());
            return Optional.empty();
        }
        String uid = IcsDocument.text(event, Property.UID).orElse(uid(key.get()));
        return Optional.of(new StudyEvent(calendarId, uid, key.get(), Interval.of(from, to),
                Optional.of(version(event, uid, from, to))));
    }

    /**
     * The end of a session another app wrote with DURATION instead of DTEND (RFC 5545 allows either): days are
     * nominal in the start's zone, the time exact (see {@link NominalDuration}).
     */
    private static Optional<Instant> end(IcsTime start, ZoneId personZone, VEvent event) {
        return IcsDocument.text(event, Property.DURATION).flatMap(text -> {
            try {
                TemporalAmount length = NominalDuration.parse(text);
                ZonedDateTime from = start instanceof IcsTime.Moment m ? m.time()
                        : ((IcsTime.Day) start).date().atStartOfDay(personZone);
                return Optional.of(from.plus(length).toInstant());
            } catch (DateTimeException | ArithmeticException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The VEVENTs of a calendar that are sessions, in file order.
     *
     * @param calendar  the calendar
     * @return the session VEVENTs (the calendar's own mutable components)
     */
    public static List<VEvent> sessionComponents(IcsCalendar calendar) {
        return calendar.document().events().stream().filter(SessionEvents::isSession).toList();
    }

    private static String version(VEvent event, String uid, Instant from, Instant to) {
        String sequence = IcsDocument.text(event, Property.SEQUENCE).orElse("0");
        String content = String.join("\n", uid, from.toString(), to.toString(),
                IcsDocument.text(event, Property.SUMMARY).orElse(""),
                IcsDocument.text(event, Property.DESCRIPTION).orElse(""),
                IcsDocument.text(event, Property.STATUS).orElse(""), sequence);
        return sequence + "-" + Hashes.sha256Hex(content, 8);
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
