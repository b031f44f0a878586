package dev.personaltracker.calendar.ics.internal;

import dev.personaltracker.calendar.time.Interval;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expands the events of one {@link IcsDocument} into the occurrences that overlap a window: DTSTART, RRULE (see
 * {@link RuleInstances}: every instance resolves its own local time in its own zone), RDATE (dates, date-times
 * and periods), minus EXDATE, with RECURRENCE-ID overrides replacing the occurrences they name (a moved override
 * counts at its new time, wherever the original was).
 * <p>
 * Bounded whatever a rule says: each event yields at most {@code maxInstances} instances per call (past that it
 * warns and counts as busy from its last instance to the window's end, so nothing is booked over it), and the
 * instances of a sub-daily rule (SECONDLY, MINUTELY, HOURLY) that overlap or touch are merged as they are
 * produced. Several VEVENTs with one UID and no RECURRENCE-ID (invalid, but generators write them) are each kept.
 * <p>
 * Known limit: {@code RANGE=THISANDFUTURE} on a RECURRENCE-ID is read as if it named one occurrence only.
 */
final class EventExpander {

    private static final Logger LOG = LoggerFactory.getLogger(EventExpander.class);

    private final IcsDocument doc;
    private final String description;
    private final int maxInstances;

    EventExpander(IcsDocument doc, String description, int maxInstances) {
        this.doc = doc;
        this.description = description;
        this.maxInstances = maxInstances;
    }

    /**
     * @param window  the window
     * @return the occurrences overlapping it, in file order (recurrences ascending within an event), then the busy
     *     periods of VFREEBUSY components ({@link FreeBusyPeriods})
     */
    List<Occurrence> expand(Interval window) {
        Map<String, List<VEvent>> byUid = new LinkedHashMap<>();
        for (VEvent event : doc.events()) {
            byUid.computeIfAbsent(uid(event), k -> new ArrayList<>(1)).add(event);
        }
        List<Occurrence> out = new ArrayList<>();
        for (Map.Entry<String, List<VEvent>> group : byUid.entrySet()) {
            String uid = group.getKey();
            List<VEvent> masters = new ArrayList<>(1);
            List<VEvent> overrides = new ArrayList<>();
            for (VEvent e : group.getValue()) {
                (IcsDocument.property(e, Property.RECURRENCE_ID).isPresent() ? overrides : masters).add(e);
            }
            if (masters.size() > 1) {
                LOG.warn("ics: {} has {} VEVENTs with UID '{}' and no RECURRENCE-ID (invalid); each counts as its"
                        + " own event", description, masters.size(), uid);
            }
            Optional<IcsTime> firstStart = masters.isEmpty() ? Optional.empty() : doc.time(masters.get(0), Property.DTSTART);
            boolean seriesAllDay = firstStart.map(t -> t instanceof IcsTime.Day).orElse(false);
            RecurrenceIds overridden = new RecurrenceIds(doc.personZone());
            for (VEvent o : overrides) {
                boolean floating = IcsDocument.property(o, Property.RECURRENCE_ID).map(EventExpander::floating).orElse(false);
                doc.time(o, Property.RECURRENCE_ID).ifPresent(rid -> overridden.add(rid, seriesAllDay, floating));
            }
            TemporalAmount masterSpan = null;
            for (int i = 0; i < masters.size(); i++) {
                VEvent master = masters.get(i);
                String id = i == 0 ? uid : uid + "#" + (i + 1);
                Optional<IcsTime> start = doc.time(master, Property.DTSTART);
                if (start.isEmpty()) {
                    LOG.warn("ics: {} has event '{}' without a readable DTSTART; skipped", description, id);
                    continue;
                }
                TemporalAmount span = span(master, start.get());
                warnIfBackwards(span, id);
                if (i == 0) {
                    masterSpan = span;
                }
                expandMaster(master, id, start.get(), span, overridden, window, out);
            }
            for (VEvent o : overrides) {
                Optional<IcsTime> rid = doc.time(o, Property.RECURRENCE_ID);
                // an override that leaves DTSTART out (some generators write only what changed) keeps its slot
                Optional<IcsTime> start = doc.time(o, Property.DTSTART).or(() -> rid);
                if (start.isEmpty() || rid.isEmpty()) {
                    LOG.warn("ics: {} has an override of '{}' without a readable DTSTART or RECURRENCE-ID; skipped",
                            description, uid);
                    continue;
                }
                TemporalAmount span = hasEnd(o) || masterSpan == null ? span(o, start.get()) : masterSpan;
                warnIfBackwards(span, uid);
                Occurrence occurrence = occurrence(o, uid + "_" + rid.get().recurrenceId(), start.get(), span);
                if (occurrence != null && occurrence.interval().overlaps(window)) {
                    out.add(occurrence);
                }
            }
        }
        out.addAll(new FreeBusyPeriods(doc, description).overlapping(window));
        return out;
    }

    private void expandMaster(VEvent master, String uid, IcsTime start, TemporalAmount span,
                              RecurrenceIds overridden, Interval window, List<Occurrence> out) {
        List<Property> rrules = master.getProperties(IcsText.RRULE);
        List<Property> rdates = master.getProperties(IcsText.RDATE);
        if (rrules.isEmpty() && rdates.isEmpty()) {
            Occurrence single = occurrence(master, uid, start, span);
            if (single != null && single.interval().overlaps(window)) {
                out.add(single);
            }
            return;
        }
        boolean allDay = start instanceof IcsTime.Day;
        RecurrenceIds excluded = new RecurrenceIds(doc.personZone());
        for (Property exdate : master.getProperties(IcsText.EXDATE)) {
            try {
                boolean floating = floating(exdate);
                doc.times(exdate).forEach(t -> excluded.add(t, allDay, floating));
            } catch (DateTimeException e) {
                LOG.warn("ics: {} has an unreadable EXDATE on '{}'; it is ignored", description, uid);
            }
        }
        // every source of instances, each ascending; merged by start below
        List<Iterator<Candidate>> sources = new ArrayList<>();
        List<Candidate> extra = new ArrayList<>();
        extra.add(new Candidate(start, span));
        for (Property rdate : rdates) {
            addRdates(rdate, span, extra, uid);
        }
        extra.sort(Comparator.comparing(c -> c.start.instant(doc.personZone())));
        sources.add(extra.iterator());
        List<RuleInstances> rules = new ArrayList<>();
        for (Property rrule : rrules) {
            RuleInstances rule = RuleInstances.of(rrule.getValue(), start, span, window, doc.personZone(), maxInstances);
            if (rule == null) {
                LOG.warn("ics: {} has an RRULE on '{}' that cannot be expanded; only its first occurrence counts",
                        description, uid);
                continue;
            }
            rules.add(rule);
            sources.add(new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rule.hasNext();
                }

                @Override
                public Candidate next() {
                    return new Candidate(rule.next(), span);
                }
            });
        }
        boolean subDaily = rules.stream().anyMatch(RuleInstances::subDaily);
        Runs runs = new Runs(master, uid, allDay, subDaily, window, out);
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing((Head h) -> h.at));
        for (Iterator<Candidate> source : sources) {
            push(heads, source);
        }
        Instant previous = null;
        int produced = 0;
        Interval last = null;
        IcsTime lastStart = null;
        while (!heads.isEmpty()) {
            Head head = heads.poll();
            push(heads, head.source);
            Candidate c = head.candidate;
            if (head.at.equals(previous) || excluded.contains(c.start) || overridden.contains(c.start)) {
                continue; // the same instant from DTSTART, another RRULE or an RDATE counts once
            }
            previous = head.at;
            Interval interval = interval(c.start, c.span);
            if (interval == null) {
                continue;
            }
            if (interval.start().isAfter(window.end())) {
                break;
            }
            boolean started = runs.add(interval, c.start);
            last = interval;
            lastStart = c.start;
            if (started && interval.overlaps(window) && ++produced >= maxInstances && !heads.isEmpty()) {
                LOG.warn("ics: {} has event '{}' with more than {} instances in the window (the limit per event);"
                        + " it counts as busy from {} to the window's end", description, uid, maxInstances,
                        interval.start());
                runs.add(Interval.of(interval.start(), later(interval.end(), window.end())), c.start);
                break;
            }
        }
        for (RuleInstances rule : rules) {
            if (rule.truncated()) {
                LOG.warn("ics: {} has event '{}' whose rule needs more work than allowed; it counts as busy from its"
                        + " last instance to the window's end", description, uid);
                if (last == null) {
                    runs.add(window, start);
                } else {
                    runs.add(Interval.of(last.start(), later(last.end(), window.end())), lastStart);
                }
                break;
            }
        }
        runs.flush();
    }

    /** @return true if a date property has no TZID: its date-times are floating, or UTC if they end in Z */
    private static boolean floating(Property p) {
        return IcsDocument.tzid(p).isEmpty();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private void push(PriorityQueue<Head> heads, Iterator<Candidate> source) {
        if (source.hasNext()) {
            Candidate c = source.next();
            heads.add(new Head(c.start.instant(doc.personZone()), c, source));
        }
    }

    private void addRdates(Property rdate, TemporalAmount span, List<Candidate> candidates, String uid) {
        try {
            boolean periods = rdate.getParameter("VALUE").map(p -> "PERIOD".equals(p.getValue())).orElse(false);
            Optional<String> tzid = IcsDocument.tzid(rdate);
            for (String value : rdate.getValue().split(",")) {
                if (value.isBlank()) {
                    continue;
                }
                int slash = value.indexOf('/');
                if (slash < 0) {
                    if (periods) {
                        throw new DateTimeException("a PERIOD without '/'");
                    }
                    candidates.add(new Candidate(doc.time(value, tzid), span));
                    continue;
                }
                IcsTime from = doc.time(value.substring(0, slash), tzid);
                String second = value.substring(slash + 1).strip();
                Duration length;
                if (second.startsWith("P") || second.startsWith("+P") || second.startsWith("-P")) {
                    TemporalAmount amount = NominalDuration.parse(second);
                    Instant begin = from.instant(doc.personZone());
                    length = Duration.between(begin, ((IcsTime.Moment) from).time().plus(amount).toInstant());
                } else {
                    IcsTime to = doc.time(second, tzid);
                    length = Duration.between(from.instant(doc.personZone()), to.instant(doc.personZone()));
                }
                candidates.add(new Candidate(from, length));
            }
        } catch (RuntimeException e) {
            LOG.warn("ics: {} has an unreadable RDATE on '{}' ({}); its other dates count", description, uid,
                    e.getClass().getSimpleName());
        }
    }

    /** @return the occurrence, or null if it takes no time (a DATE-TIME start without end) */
    private Occurrence occurrence(VEvent component, String eventId, IcsTime start, TemporalAmount span) {
        Interval interval = interval(start, span);
        return interval == null ? null : new Occurrence(component, eventId, interval, start instanceof IcsTime.Day);
    }

    /**
     * @return when an instance takes place (from its end to its start if the end comes first), or null if it takes
     *     no time (a DATE-TIME start without end)
     */
    private Interval interval(IcsTime start, TemporalAmount span) {
        ZoneId zone = doc.personZone();
        Instant from;
        Instant to;
        if (start instanceof IcsTime.Day day) {
            from = day.date().atStartOfDay(zone).toInstant();
            to = span instanceof Duration exact ? from.plus(exact) : day.date().plus(span).atStartOfDay(zone).toInstant();
        } else {
            ZonedDateTime t = ((IcsTime.Moment) start).time();
            from = t.toInstant();
            to = t.plus(span).toInstant();
        }
        if (from.equals(to)) {
            return null;
        }
        // an end before the start (invalid): the instance still takes the time between the two
        return from.isBefore(to) ? Interval.of(from, to) : Interval.of(to, from);
    }

    private void warnIfBackwards(TemporalAmount span, String uid) {
        boolean backwards = span instanceof Duration d ? d.isNegative()
                : span instanceof NominalDuration n ? n.isNegative() : ((Period) span).isNegative();
        if (backwards) {
            LOG.warn("ics: {} has event '{}' that ends before it starts (DTEND or a negative DURATION); it counts as"
                    + " busy between the two", description, uid);
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
            // an all-day event lasts whole days, at least one (a negative length counts forwards)
            return duration(event).map(d -> Period.ofDays(Math.max(1, Math.abs(Math.toIntExact(
                    d instanceof Duration exact ? exact.toDays()
                            : d instanceof NominalDuration n ? n.asDays().getDays() : ((Period) d).getDays())))))
                    .orElse(Period.ofDays(1));
        }
        if (end.isPresent()) {
            Duration exact = Duration.between(start.instant(doc.personZone()), end.get().instant(doc.personZone()));
            if (!exact.isNegative() && !exact.isZero()) {
                return exact;
            }
            // a start in a DST gap moves forward by the gap and can pass its end: the written times still say
            // how long it is
            if (start instanceof IcsTime.Moment s && end.get() instanceof IcsTime.Moment e) {
                Duration written = Duration.between(s.local(), e.local());
                return written.isNegative() ? exact : written;
            }
            return exact;
        }
        return duration(event).orElse(Duration.ZERO);
    }

    private static boolean hasEnd(VEvent event) {
        return IcsDocument.property(event, Property.DTEND).isPresent() || event.getProperty(Property.DURATION).isPresent();
    }

    /** @return the DURATION, days nominal and the time exact (RFC 5545 3.3.6; see {@link NominalDuration}) */
    private static Optional<TemporalAmount> duration(VEvent event) {
        return event.getProperty(Property.DURATION).flatMap(p -> {
            try {
                return Optional.of(NominalDuration.parse(p.getValue()));
            } catch (DateTimeException | ArithmeticException e) {
                return p instanceof net.fortuna.ical4j.model.property.Duration d
                        ? Optional.ofNullable(d.getDuration()) : Optional.empty();
            }
        });
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

    private record Head(Instant at, Candidate candidate, Iterator<Candidate> source) {
    }

    /**
     * Collects one event's occurrences in start order; for a sub-daily rule, occurrences that overlap or touch
     * become one (the first one's id), so an endless rule costs memory for its runs only.
     */
    private static final class Runs {
        private final VEvent master;
        private final String uid;
        private final boolean allDay;
        private final boolean merge;
        private final Interval window;
        private final List<Occurrence> out;
        private Interval run;
        private IcsTime runStart;

        Runs(VEvent master, String uid, boolean allDay, boolean merge, Interval window, List<Occurrence> out) {
            this.master = master;
            this.uid = uid;
            this.allDay = allDay;
            this.merge = merge;
            this.window = window;
            this.out = out;
        }

        /**
         * Adds the next instance (starts ascending). An instance starting where the current run starts always
         * joins it (the busy remainder of a series past its limit).
         *
         * @return true if the instance started a new run, false if it was merged into the current one
         */
        boolean add(Interval instance, IcsTime start) {
            if (run != null && (merge || instance.start().equals(run.start()))
                    && !instance.start().isAfter(run.end())) {
                if (instance.end().isAfter(run.end())) {
                    run = Interval.of(run.start(), instance.end());
                }
                return false;
            }
            flush();
            run = instance;
            runStart = start;
            return true;
        }

        void flush() {
            if (run != null && run.overlaps(window)) {
                out.add(new Occurrence(master, uid + "_" + runStart.recurrenceId(), run, allDay));
            }
            run = null;
        }
    }
}
