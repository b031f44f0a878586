package dev.personaltracker.calendar.ics.internal;

import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.EventFacts;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * One parsed iCalendar text (a file, a feed, a CalDAV resource): its busy time in a window and its study sessions.
 * Internal API (see the package documentation); the .ics and CalDAV providers both read through it.
 * <p>
 * Reading follows the rules in provider-ics/README.md: line ends, folding, blank lines, lower-case names and
 * several VCALENDARs are accepted; every recurrence instance resolves its own local time in its own zone (RFC 5545:
 * an ambiguous time takes its first occurrence, a time in a DST gap is shifted forward by the gap); RDATE dates,
 * date-times and periods, EXDATE and RECURRENCE-ID apply; a UID on several VEVENTs without RECURRENCE-ID keeps
 * each; every recurring event is expanded to at most {@link BusyRequest#maxInstancesPerEvent()} instances, and
 * overlapping or touching instances of one event are merged as they are produced.
 * <p>
 * Thread-safe for {@link #busy} and {@link #sessions}: a parsed calendar can be shared and cached. Busy results are
 * remembered for the last few requests, so an unchanged calendar asked the same again costs a map look-up.
 */
public final class IcsCalendar {

    private static final int REMEMBERED_REQUESTS = 8;

    private final IcsDocument doc;
    private final String description;
    private final Map<BusyRequest, List<BusyInterval>> remembered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<BusyRequest, List<BusyInterval>> eldest) {
            return size() > REMEMBERED_REQUESTS;
        }
    };

    private IcsCalendar(IcsDocument doc, String description) {
        this.doc = doc;
        this.description = description;
    }

    /**
     * Parses iCalendar text.
     *
     * @param text  the text (a whole iCalendar object, or several)
     * @param personZone  the person's zone: floating times and all-day dates are read in it
     * @param sourceDescription  the source for messages and logs, such as {@code source 'uni' (file /x/uni.ics)};
     *     must not hold a secret (feed URLs carry keys in their paths: give only the host)
     * @return the calendar
     * @throws UnexpectedResponseException naming the source and the line number if the text is not iCalendar; the
     *     message never quotes the text
     * @throws NullPointerException if an argument is null
     */
    public static IcsCalendar parse(String text, ZoneId personZone, String sourceDescription) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(personZone, "personZone");
        Objects.requireNonNull(sourceDescription, "sourceDescription");
        return new IcsCalendar(IcsDocument.parse(text, personZone, sourceDescription), sourceDescription);
    }

    /**
     * An empty calendar, for a file that does not exist yet.
     *
     * @param personZone  the person's zone
     * @param sourceDescription  the source for messages
     * @return the calendar, with no events
     */
    public static IcsCalendar empty(ZoneId personZone, String sourceDescription) {
        return new IcsCalendar(IcsDocument.empty(personZone), sourceDescription);
    }

    /**
     * The busy time in a window: every occurrence overlapping it that the policy says blocks, clipped to the
     * window, sorted by start. The library's own study sessions (see {@link SessionEvents}) never block. Each
     * result's event id is the UID, plus {@code _} and the UTC recurrence id for an instance of a recurring event,
     * plus {@code #n} for the n-th (n &ge; 2) VEVENT that repeats a UID without RECURRENCE-ID.
     *
     * @param request  the window, policy, owners and ids
     * @return the busy intervals, not null, immutable
     */
    public List<BusyInterval> busy(BusyRequest request) {
        Objects.requireNonNull(request, "request");
        synchronized (remembered) {
            List<BusyInterval> known = remembered.get(request);
            if (known != null) {
                return known;
            }
        }
        EventClassifier classifier = new EventClassifier(request.owners());
        // one judgement per VEVENT, not per occurrence: a weekly course has fifty occurrences and one set of facts
        Map<VEvent, Optional<Judgement>> judged = new IdentityHashMap<>();
        List<BusyInterval> result = new ArrayList<>();
        for (Occurrence occurrence : new EventExpander(doc, description, request.maxInstancesPerEvent())
                .expand(request.window())) {
            Optional<Judgement> judgement = judged.computeIfAbsent(occurrence.component(), c -> SessionEvents.isSession(c)
                    ? Optional.empty() // our own sessions never block themselves
                    : Optional.of(new Judgement(classifier.facts(c, false), request.policy().includeTitles()
                            ? IcsDocument.text(c, Property.SUMMARY) : Optional.empty())));
            if (judgement.isEmpty()) {
                continue;
            }
            EventFacts facts = occurrence.allDay() ? judgement.get().facts.withAllDay(true) : judgement.get().facts;
            if (!request.policy().blocks(facts)) {
                continue;
            }
            BusySource source = new BusySource(request.providerId(), request.accountId(), request.calendarId(),
                    occurrence.eventId(), judgement.get().title);
            occurrence.interval().intersection(request.window())
                    .ifPresent(clipped -> result.add(new BusyInterval(clipped, source, facts)));
        }
        result.sort(BY_INTERVAL);
        List<BusyInterval> answer = List.copyOf(result);
        synchronized (remembered) {
            remembered.put(request, answer);
        }
        return answer;
    }

    /**
     * The library's study sessions in this calendar (see {@link SessionEvents}), sorted by start.
     *
     * @param calendarId  {@link StudyEvent#calendarId()} of the results
     * @return the sessions, not null, immutable
     */
    public List<StudyEvent> sessions(String calendarId) {
        return SessionEvents.sessions(this, calendarId);
    }

    /** @return how many VEVENTs the calendar holds */
    public int eventCount() {
        return doc.events().size();
    }

    /**
     * The ical4j model, for a writer that changes this calendar and prints it back. It is mutable: change only a
     * calendar you parsed for that purpose and do not share (asking for it forgets remembered busy results).
     *
     * @return the ical4j calendar
     */
    public Calendar model() {
        synchronized (remembered) {
            remembered.clear();
        }
        return doc.calendar();
    }

    /** @return the source description given to {@link #parse} */
    public String sourceDescription() {
        return description;
    }

    /** @return the parsed document, for this package */
    IcsDocument document() {
        return doc;
    }

    /** Busy intervals by start, then end: the order of {@link Interval#compareTo}, without a key extractor. */
    private static final Comparator<BusyInterval> BY_INTERVAL = (a, b) -> a.interval().compareTo(b.interval());

    private record Judgement(EventFacts facts, Optional<String> title) {
    }

    /** @return the calendar's source, never its content */
    @Override
    public String toString() {
        return "IcsCalendar[" + description + ", " + eventCount() + " events]";
    }
}
