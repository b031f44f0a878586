package dev.personaltracker.calendar.ics;

import dev.personaltracker.calendar.time.Interval;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.RDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expands the events of one {@link IcsDocument} into the occurrences that overlap a window: DTSTART, RRULE
 * (through ical4j's {@link Recur}, seeded in the event's own zone so that 09:00 stays 09:00 across DST), RDATE
 * (dates and periods), minus EXDATE, with RECURRENCE-ID overrides replacing the occurrences they name (a moved
 * override counts at its new time, wherever the original was).
 * <p>
 * Known limit: {@code RANGE=THISANDFUTURE} on a RECURRENCE-ID is read as if it named one occurrence only.
 */
final class EventExpander {

    private static final Logger LOG = LoggerFactory.getLogger(EventExpander.class);
    private static final Pattern UNTIL = Pattern.compile("UNTIL=(\\d{8})(T\\d{6})?(Z?)", Pattern.CASE_INSENSITIVE);

    private final IcsDocument doc;
    private final String description;

    EventExpander(IcsDocument doc, String description) {
        this.doc = doc;
        this.description = description;
    }

    /**
     * @param window  the window
     * @return the occurrences overlapping it, in file order (recurrences ascending within an event)
     */
    List<Occurrence> expand(Interval window) {
        Map<String, List<VEvent>> byUid = new LinkedHashMap<>();
        for (VEvent event : doc.events()) {
            byUid.computeIfAbsent(uid(event), k -> new ArrayList<>()).add(event);
        }
        List<Occurrence> out = new ArrayList<>();
        for (Map.Entry<String, List<VEvent>> group : byUid.entrySet()) {
            String uid = group.getKey();
            VEvent master = null;
            List<VEvent> overrides = new ArrayList<>();
            for (VEvent e : group.getValue()) {
                if (e.getProperty(Property.RECURRENCE_ID).isPresent()) {
                    overrides.add(e);
                } else if (master == null) {
                    master = e;
                }
            }
            Optional<IcsTime> masterStart = master == null ? Optional.empty() : doc.time(master, Property.DTSTART);
            boolean seriesAllDay = masterStart.map(t -> t instanceof IcsTime.Day).orElse(false);
            RecurrenceIds overridden = new RecurrenceIds(doc.personZone());
            for (VEvent o : overrides) {
                doc.time(o, Property.RECURRENCE_ID).ifPresent(rid -> overridden.add(rid, seriesAllDay));
            }
            TemporalAmount masterSpan = null;
            if (master != null && masterStart.isPresent()) {
                masterSpan = span(master, masterStart.get());
                expandMaster(master, uid, masterStart.get(), masterSpan, overridden, window, out);
            } else if (master != null) {
                LOG.warn("ics: {} has event '{}' without a readable DTSTART; skipped", description, uid);
            }
            for (VEvent o : overrides) {
                Optional<IcsTime> start = doc.time(o, Property.DTSTART);
                Optional<IcsTime> rid = doc.time(o, Property.RECURRENCE_ID);
                if (start.isEmpty() || rid.isEmpty()) {
                    LOG.warn("ics: {} has an override of '{}' without a readable DTSTART or RECURRENCE-ID; skipped",
                            description, uid);
                    continue;
                }
                TemporalAmount span = hasEnd(o) || masterSpan == null ? span(o, start.get()) : masterSpan;
                add(o, uid + "_" + rid.get().recurrenceId(), start.get(), span, window, out);
            }
        }
        return out;
    }

    private void expandMaster(VEvent master, String uid, IcsTime start, TemporalAmount span,
                              RecurrenceIds overridden, Interval window, List<Occurrence> out) {
        List<Property> rrules = master.getProperties(Property.RRULE);
        List<Property> rdates = master.getProperties(Property.RDATE);
        if (rrules.isEmpty() && rdates.isEmpty()) {
            add(master, uid, start, span, window, out);
            return;
        }
        boolean allDay = start instanceof IcsTime.Day;
        // recurrence id -> (start, span); DTSTART is always the first occurrence
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        candidates.put(start.recurrenceId(), new Candidate(start, span));
        for (Property rrule : rrules) {
            for (IcsTime t : ruleDates(rrule.getValue(), start, span, window, uid)) {
                candidates.putIfAbsent(t.recurrenceId(), new Candidate(t, span));
            }
        }
        for (Property rdate : rdates) {
            addRdates(rdate, span, candidates, uid);
        }
        RecurrenceIds excluded = new RecurrenceIds(doc.personZone());
        for (Property exdate : master.getProperties(Property.EXDATE)) {
            try {
                doc.times(exdate).forEach(t -> excluded.add(t, allDay));
            } catch (DateTimeException e) {
                LOG.warn("ics: {} has an unreadable EXDATE on '{}': {}", description, uid, e.getMessage());
            }
        }
        candidates.values().stream()
                .filter(c -> !excluded.contains(c.start) && !overridden.contains(c.start))
                .sorted((a, b) -> a.start.instant(doc.personZone()).compareTo(b.start.instant(doc.personZone())))
                .forEach(c -> add(master, uid + "_" + c.start.recurrenceId(), c.start, c.span, window, out));
    }

    private List<IcsTime> ruleDates(String rule, IcsTime start, TemporalAmount span, Interval window, String uid) {
        List<IcsTime> result = new ArrayList<>();
        try {
            if (start instanceof IcsTime.Day day) {
                ZoneId zone = doc.personZone();
                LocalDate from = window.start().atZone(zone).toLocalDate().minus(span).minusDays(1);
                LocalDate to = window.end().atZone(zone).toLocalDate().plusDays(1);
                Recur<LocalDate> recur = new Recur<>(normalizeUntil(rule, null));
                for (LocalDate d : recur.getDates(day.date(), from, to)) {
                    result.add(new IcsTime.Day(d));
                }
            } else {
                ZonedDateTime seed = ((IcsTime.Moment) start).time();
                ZonedDateTime from = window.start().atZone(seed.getZone()).minus(span).minusDays(1);
                ZonedDateTime to = window.end().atZone(seed.getZone());
                Recur<ZonedDateTime> recur = new Recur<>(normalizeUntil(rule, seed.getZone()));
                for (ZonedDateTime t : recur.getDates(seed, from, to)) {
                    result.add(new IcsTime.Moment(t.withZoneSameInstant(seed.getZone())));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("ics: {} has an RRULE on '{}' that cannot be expanded ({}); only its first occurrence counts",
                    description, uid, e.toString());
        }
        return result;
    }

    private void addRdates(Property rdate, TemporalAmount span, Map<String, Candidate> candidates, String uid) {
        try {
            boolean periods = rdate.getParameter(Parameter.VALUE).map(p -> "PERIOD".equalsIgnoreCase(p.getValue()))
                    .orElse(false);
            if (periods && rdate instanceof RDate<?> typed && typed.getPeriods().isPresent()) {
                Optional<String> tzid = rdate.getParameter(IcsDocument.OWN_TZID)
                        .or(() -> rdate.getParameter(Parameter.TZID)).map(Parameter::getValue);
                for (net.fortuna.ical4j.model.Period<? extends Temporal> p : typed.getPeriods().get()) {
                    IcsTime from = doc.time(p.getStart(), tzid);
                    IcsTime to = doc.time(p.getEnd(), tzid);
                    Duration length = Duration.between(from.instant(doc.personZone()), to.instant(doc.personZone()));
                    candidates.putIfAbsent(from.recurrenceId(), new Candidate(from, length));
                }
            } else {
                doc.times(rdate).forEach(t -> candidates.putIfAbsent(t.recurrenceId(), new Candidate(t, span)));
            }
        } catch (RuntimeException e) {
            LOG.warn("ics: {} has an unreadable RDATE on '{}': {}", description, uid, e.toString());
        }
    }

    private void add(VEvent component, String eventId, IcsTime start, TemporalAmount span, Interval window,
                     List<Occurrence> out) {
        ZoneId zone = doc.personZone();
        Instant from;
        Instant to;
        if (start instanceof IcsTime.Day day) {
            from = day.date().atStartOfDay(zone).toInstant();
            to = day.date().plus(span).atStartOfDay(zone).toInstant();
        } else {
            ZonedDateTime t = ((IcsTime.Moment) start).time();
            from = t.toInstant();
            to = t.plus(span).toInstant();
        }
        if (!from.isBefore(to)) {
            return; // zero-length events (a DATE-TIME start without end) take no time
        }
        Interval interval = Interval.of(from, to);
        if (interval.overlaps(window)) {
            out.add(new Occurrence(component, eventId, interval, start instanceof IcsTime.Day));
        }
    }

    /** The length of an event: DTEND - DTSTART, else DURATION, else one day for a date and nothing for a time. */
    private TemporalAmount span(VEvent event, IcsTime start) {
        Optional<IcsTime> end = doc.time(event, Property.DTEND);
        if (start instanceof IcsTime.Day day) {
            if (end.isPresent()) {
                LocalDate endDate = end.get() instanceof IcsTime.Day d ? d.date()
                        : ((IcsTime.Moment) end.get()).time().withZoneSameInstant(doc.personZone()).toLocalDate();
                return Period.ofDays((int) Math.max(1, ChronoUnit.DAYS.between(day.date(), endDate)));
            }
            return duration(event).map(d -> d instanceof Duration exact
                    ? Period.ofDays((int) Math.max(1, exact.toDays())) : d).orElse(Period.ofDays(1));
        }
        if (end.isPresent()) {
            return Duration.between(start.instant(doc.personZone()), end.get().instant(doc.personZone()));
        }
        return duration(event).orElse(Duration.ZERO);
    }

    private static boolean hasEnd(VEvent event) {
        return event.getProperty(Property.DTEND).isPresent() || event.getProperty(Property.DURATION).isPresent();
    }

    private static Optional<TemporalAmount> duration(VEvent event) {
        return event.getProperty(Property.DURATION)
                .filter(p -> p instanceof net.fortuna.ical4j.model.property.Duration)
                .map(p -> ((net.fortuna.ical4j.model.property.Duration) p).getDuration());
    }

    /**
     * Makes UNTIL agree with DTSTART, as RFC 5545 asks and exporters do not always do: a date for all-day series
     * ({@code zone == null}), a UTC date-time otherwise (a bare date means the end of that day in the event's zone,
     * a floating time is read in the event's zone).
     */
    static String normalizeUntil(String rule, ZoneId zone) {
        Matcher m = UNTIL.matcher(rule);
        if (!m.find()) {
            return rule;
        }
        String date = m.group(1);
        String replacement;
        if (zone == null) {
            replacement = "UNTIL=" + date;
        } else if (m.group(2) == null) {
            LocalDate d = LocalDate.parse(date, IcsTime.DATE_BASIC);
            replacement = "UNTIL=" + IcsTime.UTC_BASIC.format(d.plusDays(1).atStartOfDay(zone).minusSeconds(1));
        } else if (m.group(3).isEmpty()) {
            LocalDate d = LocalDate.parse(date, IcsTime.DATE_BASIC);
            java.time.LocalTime t = java.time.LocalTime.parse(m.group(2).substring(1),
                    java.time.format.DateTimeFormatter.ofPattern("HHmmss"));
            replacement = "UNTIL=" + IcsTime.UTC_BASIC.format(ZonedDateTime.of(d, t, zone));
        } else {
            return rule;
        }
        return rule.substring(0, m.start()) + replacement + rule.substring(m.end());
    }

    private static String uid(VEvent event) {
        return IcsDocument.text(event, Property.UID).orElseGet(() -> {
            // no UID (hand-written files): derive a stable one from what identifies the event
            String basis = IcsDocument.text(event, Property.DTSTART).orElse("") + "|"
                    + IcsDocument.text(event, Property.SUMMARY).orElse("");
            return "nouid-" + Hashes.sha256Hex(basis, 8);
        });
    }

    private record Candidate(IcsTime start, TemporalAmount span) {
    }

    /** Recurrence ids to match occurrences against, tolerant of DATE / DATE-TIME mismatches. */
    private static final class RecurrenceIds {
        private final ZoneId personZone;
        private final Set<String> ids = new HashSet<>();
        private final Set<LocalDate> days = new HashSet<>();

        RecurrenceIds(ZoneId personZone) {
            this.personZone = personZone;
        }

        void add(IcsTime t, boolean seriesAllDay) {
            if (seriesAllDay && t instanceof IcsTime.Moment m) {
                ids.add(new IcsTime.Day(m.time().withZoneSameInstant(personZone).toLocalDate()).recurrenceId());
            } else if (!seriesAllDay && t instanceof IcsTime.Day d) {
                days.add(d.date());
            } else {
                ids.add(t.recurrenceId());
            }
        }

        boolean contains(IcsTime occurrence) {
            return ids.contains(occurrence.recurrenceId())
                    || (occurrence instanceof IcsTime.Moment m && days.contains(m.time().toLocalDate()));
        }
    }
}
