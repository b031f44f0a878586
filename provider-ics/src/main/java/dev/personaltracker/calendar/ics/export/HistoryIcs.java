package dev.personaltracker.calendar.ics.export;

import dev.personaltracker.calendar.history.SessionMove;
import dev.personaltracker.calendar.history.StudyProgress;
import dev.personaltracker.calendar.history.ZoneTimeline;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TextList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableTransp;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Writes session history as an iCalendar (RFC 5545) calendar: one VEVENT per session, in the order given.
 * <p>
 * Each VEVENT has:
 * <ul>
 * <li>{@code UID} {@code <session key>@history.personaltracker.dev}: stable, so exporting again and importing
 * updates the same events; and unlike the live session events ({@code @sessions.…}), so an import never
 * replaces them;</li>
 * <li>{@code DTSTART}/{@code DTEND} in UTC, the session's current time (after any moves);</li>
 * <li>{@code STATUS}: TENTATIVE for PROPOSED, CONFIRMED for SCHEDULED and COMPLETED, CANCELLED for SKIPPED and
 * CANCELLED; the exact status is in {@value #STATUS};</li>
 * <li>{@code SUMMARY} "Study Session (completed)" and so on, with the goal as the live event's title has it
 * ("Study Session: Linear algebra (completed)"; sessions of the single default goal {@value
 * SessionRecord#DEFAULT_GOAL_ID} keep the plain title); a {@code DESCRIPTION} with the goal (unless it is the default goal), the
 * outcome, each move and its reason, and the note;</li>
 * <li>{@code CATEGORIES} the goal's id (calendar apps group and color by it), and the exact id in {@value #GOAL};</li>
 * <li>{@code TRANSP:TRANSPARENT}, so an imported history never blocks time;</li>
 * <li>{@code SEQUENCE} the number of moves; {@code CREATED} the first recorded change; {@code DTSTAMP} and
 * {@code LAST-MODIFIED} the last recorded change (RFC 5545 3.8.7.2 for an object without METHOD), so the same
 * history always exports to the same text;</li>
 * <li>the X- properties {@value #STATUS}, {@value #KEY}, {@value #PLANNED_MINUTES}, {@value #STUDIED_MINUTES},
 * {@value #MOVES}, {@value #MOVES_BY_PERSON}, {@value #GOAL} and, when reported, {@value #ACTUAL_MINUTES}.</li>
 * </ul>
 * The session key goes into {@value #KEY}, not the provider's {@code X-PERSONALTRACKER-SESSION-KEY}, so that the
 * iCalendar provider never mistakes an exported history for live study sessions.
 * <p>
 * This class is immutable and thread-safe.
 */
public final class HistoryIcs {

    /** The exact {@link SessionStatus} name. */
    public static final String STATUS = "X-PERSONALTRACKER-STATUS";
    /** The session key. */
    public static final String KEY = "X-PERSONALTRACKER-HISTORY-KEY";
    /** The planned length in whole minutes. */
    public static final String PLANNED_MINUTES = "X-PERSONALTRACKER-PLANNED-MINUTES";
    /** The reported study time in whole minutes, present only when reported. */
    public static final String ACTUAL_MINUTES = "X-PERSONALTRACKER-ACTUAL-MINUTES";
    /** The study time progress counts ({@link StudyProgress#studied}) in whole minutes. */
    public static final String STUDIED_MINUTES = "X-PERSONALTRACKER-STUDIED-MINUTES";
    /** How many times the session moved. */
    public static final String MOVES = "X-PERSONALTRACKER-MOVES";
    /** How many of those moves the person made. */
    public static final String MOVES_BY_PERSON = "X-PERSONALTRACKER-MOVES-BY-PERSON";
    /** The id of the study goal the session serves ({@link SessionRecord#goalId()}). */
    public static final String GOAL = "X-PERSONALTRACKER-GOAL";
    /** The suffix of every UID. */
    public static final String UID_SUFFIX = "@history.personaltracker.dev";

    private static final String PRODID = "-//Personal Tracker//Study History//EN";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", Locale.ROOT);

    private final ZoneTimeline zones;

    private HistoryIcs(ZoneTimeline zones) {
        this.zones = zones;
    }

    /**
     * Obtains an exporter whose descriptions show times in the zones the person lived in.
     *
     * @param zones  the person's zones, not null
     * @return the exporter, not null
     */
    public static HistoryIcs of(ZoneTimeline zones) {
        return new HistoryIcs(Objects.requireNonNull(zones, "zones"));
    }

    /**
     * Builds the calendar of a history.
     *
     * @param records  the sessions, not null
     * @return a new calendar with PRODID, VERSION 2.0 and one VEVENT per record, not null
     */
    public Calendar toCalendar(List<SessionRecord> records) {
        Objects.requireNonNull(records, "records");
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        for (SessionRecord r : records) {
            calendar.add(event(r));
        }
        return calendar;
    }

    /**
     * Writes the calendar of a history, with CRLF line ends and folded lines as RFC 5545 requires.
     *
     * @param records  the sessions, not null
     * @param out  where to write, not null; not closed
     * @throws IOException if writing fails
     */
    public void write(List<SessionRecord> records, Writer out) throws IOException {
        Objects.requireNonNull(out, "out");
        // validating would refuse nothing we build and costs a pass over every property
        new CalendarOutputter(false).output(toCalendar(records), out);
    }

    /**
     * Writes the calendar of a history into a string.
     *
     * @param records  the sessions, not null
     * @return the iCalendar text, not null
     */
    public String write(List<SessionRecord> records) {
        StringWriter out = new StringWriter();
        try {
            write(records, out);
        } catch (IOException e) {
            throw new UncheckedIOException("A StringWriter does not throw", e);
        }
        return out.toString();
    }

    private VEvent event(SessionRecord r) {
        List<SessionChange> changes = r.changes();
        Instant first = changes.isEmpty() ? r.interval().start() : changes.get(0).at();
        Instant last = changes.isEmpty() ? r.interval().start() : changes.get(changes.size() - 1).at();
        List<SessionMove> moves = SessionMove.of(r);
        String status = r.status().name();

        VEvent event = new VEvent(false);
        event.add(new Uid(r.key().value() + UID_SUFFIX));
        event.add(new DtStamp(last));
        event.add(new Created(first));
        event.add(new LastModified(last));
        event.add(new DtStart<>(r.interval().start()));
        event.add(new DtEnd<>(r.interval().end()));
        event.add(new Summary(SessionDetails.defaults().forGoal(r.goalId()).title() + " ("
                + status.toLowerCase(Locale.ROOT) + ")"));
        event.add(new Categories(new TextList(List.of(r.goalId()))));
        event.add(new Description(description(r, moves)));
        event.add(icalStatus(r.status()));
        event.add(ImmutableTransp.TRANSPARENT);
        event.add(new Sequence(moves.size()));
        event.add(new XProperty(STATUS, status));
        event.add(new XProperty(KEY, r.key().value()));
        event.add(new XProperty(PLANNED_MINUTES, Long.toString(r.interval().duration().toMinutes())));
        r.actual().ifPresent(a -> event.add(new XProperty(ACTUAL_MINUTES, Long.toString(a.toMinutes()))));
        event.add(new XProperty(STUDIED_MINUTES, Long.toString(StudyProgress.studied(r).toMinutes())));
        event.add(new XProperty(MOVES, Integer.toString(moves.size())));
        event.add(new XProperty(MOVES_BY_PERSON, Long.toString(moves.stream().filter(SessionMove::byPerson).count())));
        event.add(new XProperty(GOAL, r.goalId()));
        return event;
    }

    private static Status icalStatus(SessionStatus status) {
        return switch (status) {
            case PROPOSED -> ImmutableStatus.VEVENT_TENTATIVE;
            case SCHEDULED, COMPLETED -> ImmutableStatus.VEVENT_CONFIRMED;
            case SKIPPED, CANCELLED -> ImmutableStatus.VEVENT_CANCELLED;
        };
    }

    private String description(SessionRecord r, List<SessionMove> moves) {
        List<String> lines = new ArrayList<>();
        if (!r.goalId().equals(SessionRecord.DEFAULT_GOAL_ID)) {
            lines.add("Goal: " + r.goalId());
        }
        lines.add("Status: " + r.status().name().toLowerCase(Locale.ROOT));
        if (r.status() == SessionStatus.COMPLETED) {
            lines.add("Studied: " + StudyProgress.format(StudyProgress.studied(r)) + " of "
                    + StudyProgress.format(r.interval().duration()) + " planned");
        }
        for (SessionMove m : moves) {
            lines.add("Moved from " + local(m.from().start()) + " to " + local(m.to().start()) + ": " + m.reason());
        }
        r.note().ifPresent(n -> lines.add("Note: " + n));
        return String.join("\n", lines);
    }

    private String local(Instant instant) {
        return LOCAL.format(instant.atZone(zones.zoneAt(instant)));
    }

    @Override
    public String toString() {
        return "HistoryIcs[" + zones + "]";
    }
}
