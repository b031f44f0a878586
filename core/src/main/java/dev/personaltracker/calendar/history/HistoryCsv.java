package dev.personaltracker.calendar.history;

import dev.personaltracker.calendar.spi.EventRef;
import dev.personaltracker.calendar.spi.SessionRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Writes session history as CSV (RFC 4180): a header row, then one row per session, fields separated by commas,
 * rows ended by CRLF, and a field quoted (with inner quotes doubled) when it holds a comma, a quote, CR or LF.
 * <p>
 * The columns, in order ({@link #COLUMNS}):
 * <table>
 * <caption>Columns</caption>
 * <tr><td>key</td><td>the session key</td></tr>
 * <tr><td>status</td><td>PROPOSED, SCHEDULED, COMPLETED, SKIPPED or CANCELLED</td></tr>
 * <tr><td>start, end</td><td>the session's current time, ISO-8601 with the offset of the zone the person was in at
 * that instant, for example {@code 2026-03-02T18:00:00+01:00}</td></tr>
 * <tr><td>planned_minutes</td><td>the length of the current time</td></tr>
 * <tr><td>actual_minutes</td><td>what the person reported, empty if nothing</td></tr>
 * <tr><td>studied_minutes</td><td>what progress counts ({@link StudyProgress#studied})</td></tr>
 * <tr><td>moves, moves_by_person</td><td>how many times it moved in all, and how many of those the person made</td></tr>
 * <tr><td>move_reasons</td><td>the reasons of the moves, oldest first, separated by {@code "; "}</td></tr>
 * <tr><td>provider, calendar, event</td><td>where its event lives, empty if it never got one</td></tr>
 * <tr><td>note</td><td>the person's note, empty if none</td></tr>
 * <tr><td>goal</td><td>the id of the study goal the session serves ({@link SessionRecord#goalId()}); last, so that
 * readers of the columns before it by position keep working</td></tr>
 * </table>
 * Minutes are whole minutes, rounded down. Text is written as is; a spreadsheet that evaluates cells starting with
 * {@code =} may need the host to neutralize notes.
 * <p>
 * This class is immutable and thread-safe.
 */
public final class HistoryCsv {

    /** The header row's column names, in order. */
    public static final List<String> COLUMNS = List.of("key", "status", "start", "end", "planned_minutes",
            "actual_minutes", "studied_minutes", "moves", "moves_by_person", "move_reasons", "provider", "calendar",
            "event", "note", "goal");

    private static final String CRLF = "\r\n";

    private final ZoneTimeline zones;

    private HistoryCsv(ZoneTimeline zones) {
        this.zones = zones;
    }

    /**
     * Obtains a writer that prints times in the zones the person lived in.
     *
     * @param zones  the person's zones, not null
     * @return the writer, not null
     */
    public static HistoryCsv of(ZoneTimeline zones) {
        return new HistoryCsv(Objects.requireNonNull(zones, "zones"));
    }

    /**
     * Writes the header and one row per record, in the order given.
     *
     * @param records  the sessions, not null
     * @param out  where to write, not null
     * @throws IOException if writing fails
     */
    public void write(List<SessionRecord> records, Appendable out) throws IOException {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(out, "out");
        writeRow(COLUMNS, out);
        for (SessionRecord r : records) {
            writeRow(row(r), out);
        }
    }

    /**
     * Writes the header and one row per record into a string.
     *
     * @param records  the sessions, not null
     * @return the CSV text, not null
     */
    public String write(List<SessionRecord> records) {
        StringBuilder b = new StringBuilder();
        try {
            write(records, b);
        } catch (IOException e) {
            throw new UncheckedIOException("A StringBuilder does not throw", e);
        }
        return b.toString();
    }

    private List<String> row(SessionRecord r) {
        List<SessionMove> moves = SessionMove.of(r);
        return List.of(
                r.key().value(),
                r.status().name(),
                time(r.interval().start()),
                time(r.interval().end()),
                minutes(r.interval().duration()),
                r.actual().map(HistoryCsv::minutes).orElse(""),
                minutes(StudyProgress.studied(r)),
                Integer.toString(moves.size()),
                Long.toString(moves.stream().filter(SessionMove::byPerson).count()),
                moves.stream().map(SessionMove::reason).collect(Collectors.joining("; ")),
                r.event().map(EventRef::providerId).orElse(""),
                r.event().map(EventRef::calendarId).orElse(""),
                r.event().map(EventRef::eventId).orElse(""),
                r.note().orElse(""),
                r.goalId());
    }

    private String time(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zones.zoneAt(instant)).toOffsetDateTime());
    }

    private static String minutes(Duration d) {
        return Long.toString(d.toMinutes());
    }

    private static void writeRow(List<String> fields, Appendable out) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(escape(fields.get(i)));
        }
        out.append(CRLF);
    }

    /** Quotes a field as RFC 4180 section 2 rules 5 to 7 require. */
    static String escape(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return "HistoryCsv[" + zones + "]";
    }
}
