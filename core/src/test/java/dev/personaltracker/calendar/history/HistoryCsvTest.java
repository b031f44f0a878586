package dev.personaltracker.calendar.history;

import static dev.personaltracker.calendar.history.Records.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.EventRef;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class HistoryCsvTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant MOVE = Instant.parse("2026-05-05T12:00:00Z");
    private static final ZoneTimeline ZONES = ZoneTimeline.of(BERLIN).withChange(MOVE, NEW_YORK);

    private final InMemoryHistoryStore store = InMemoryHistoryStore.create();
    private final SessionLifecycle lifecycle =
            SessionLifecycle.create(store, Clock.fixed(Instant.parse("2026-05-01T08:00:00Z"), BERLIN));

    private static List<CSVRecord> parse(String csv) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
    }

    /** A history with every status, a move by each party, a note that needs quoting, and a zone change. */
    private List<SessionRecord> history() {
        Interval may4 = Interval.of(Instant.parse("2026-05-04T16:00:00Z"), Duration.ofMinutes(90));
        Interval may4Later = Interval.of(Instant.parse("2026-05-04T18:00:00Z"), Duration.ofMinutes(90));
        Interval may4Latest = Interval.of(Instant.parse("2026-05-04T19:45:00Z"), Duration.ofMinutes(90));
        Interval may6 = Interval.of(Instant.parse("2026-05-07T00:00:00Z"), Duration.ofMinutes(60));
        Interval may7 = Interval.of(Instant.parse("2026-05-07T22:00:00Z"), Duration.ofMinutes(45));
        Interval may8 = Interval.of(Instant.parse("2026-05-08T22:00:00Z"), Duration.ofMinutes(45));
        SessionKey a = SessionKey.of("a");
        SessionKey b = SessionKey.of("b");
        SessionKey c = SessionKey.of("c");
        SessionKey d = SessionKey.of("d");
        lifecycle.scheduled(USER, a, "Linear algebra", new EventRef("ics", "me", "study", "ev-a"), may4);
        lifecycle.movedByPerson(USER, a, may4, may4Later);
        lifecycle.movedByLibrary(USER, a, may4Later, may4Latest,
                new BusySource("ics", "me", "work", "m-1", Optional.empty()));
        lifecycle.markCompleted(USER, a, Optional.of(Duration.ofMinutes(80)),
                Optional.of("Chapter 3, \"limits\"\r\nthen exercises; done"));
        lifecycle.scheduled(USER, b, new EventRef("google", "me@example.org", "primary", "ev,b"), may6);
        lifecycle.settle(USER, b, Optional.empty(), may6.end());
        lifecycle.proposed(USER, c, "Statistics, \"exam\"", may7);
        lifecycle.cancelled(USER, c, "discarded by the host");
        lifecycle.proposed(USER, d, may8);
        return store.query(USER, Interval.of(Instant.parse("2026-05-01T00:00:00Z"), Duration.ofDays(14)));
    }

    @Test
    void write_roundTripsThroughCommonsCsv() throws IOException {
        List<SessionRecord> history = history();
        String csv = HistoryCsv.of(ZONES).write(history);

        List<CSVRecord> rows = parse(csv);
        assertThat(rows).hasSize(history.size());
        assertThat(rows.get(0).getParser().getHeaderNames()).isEqualTo(HistoryCsv.COLUMNS);
        for (int i = 0; i < history.size(); i++) {
            SessionRecord r = history.get(i);
            CSVRecord row = rows.get(i);
            assertThat(row.get("key")).isEqualTo(r.key().value());
            assertThat(row.get("status")).isEqualTo(r.status().name());
            assertThat(OffsetDateTime.parse(row.get("start")).toInstant()).isEqualTo(r.interval().start());
            assertThat(OffsetDateTime.parse(row.get("end")).toInstant()).isEqualTo(r.interval().end());
            assertThat(Long.parseLong(row.get("planned_minutes"))).isEqualTo(r.interval().duration().toMinutes());
            assertThat(Long.parseLong(row.get("studied_minutes"))).isEqualTo(StudyProgress.studied(r).toMinutes());
            assertThat(Integer.parseInt(row.get("moves"))).isEqualTo(SessionMove.of(r).size());
            assertThat(row.get("note")).isEqualTo(r.note().orElse(""));
            assertThat(row.get("event")).isEqualTo(r.event().map(EventRef::eventId).orElse(""));
            assertThat(row.get("goal")).isEqualTo(r.goalId());
        }
        assertThat(rows).extracting(r -> r.get("goal"))
                .containsExactly("Linear algebra", SessionRecord.DEFAULT_GOAL_ID, "Statistics, \"exam\"",
                        SessionRecord.DEFAULT_GOAL_ID);
    }

    @Test
    void write_rowsShowTheOutcomeMovesAndLocalOffsets() throws IOException {
        List<CSVRecord> rows = parse(HistoryCsv.of(ZONES).write(history()));

        CSVRecord a = rows.get(0);
        assertThat(a.get("status")).isEqualTo("COMPLETED");
        assertThat(a.get("start")).isEqualTo("2026-05-04T21:45:00+02:00"); // Berlin, before the move
        assertThat(a.get("planned_minutes")).isEqualTo("90");
        assertThat(a.get("actual_minutes")).isEqualTo("80");
        assertThat(a.get("studied_minutes")).isEqualTo("80");
        assertThat(a.get("moves")).isEqualTo("2");
        assertThat(a.get("moves_by_person")).isEqualTo("1");
        assertThat(a.get("move_reasons")).isEqualTo(SessionLifecycle.MOVED_BY_PERSON_REASON + "; " + SessionLifecycle.BUSY_REASON);
        assertThat(a.get("note")).isEqualTo("Chapter 3, \"limits\"\r\nthen exercises; done");

        CSVRecord b = rows.get(1);
        assertThat(b.get("status")).isEqualTo("SKIPPED");
        assertThat(b.get("start")).isEqualTo("2026-05-06T20:00:00-04:00"); // New York, after the move
        assertThat(b.get("studied_minutes")).isEqualTo("0");
        assertThat(b.get("actual_minutes")).isEmpty();
        assertThat(b.get("provider")).isEqualTo("google");
        assertThat(b.get("event")).isEqualTo("ev,b");

        assertThat(rows).extracting(r -> r.get("status")).containsExactly("COMPLETED", "SKIPPED", "CANCELLED", "PROPOSED");
    }

    @Test
    void write_endsEveryRowWithCrlf_andQuotesOnlyWhenNeeded() {
        String csv = HistoryCsv.of(ZONES).write(List.of());
        assertThat(csv).isEqualTo(String.join(",", HistoryCsv.COLUMNS) + "\r\n");

        assertThat(HistoryCsv.escape("plain")).isEqualTo("plain");
        assertThat(HistoryCsv.escape("a,b")).isEqualTo("\"a,b\"");
        assertThat(HistoryCsv.escape("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(HistoryCsv.escape("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(HistoryCsv.escape("cr\r")).isEqualTo("\"cr\r\"");
        assertThat(HistoryCsv.escape("")).isEmpty();
    }

    @Test
    void write_toAnAppendable_matchesTheString() throws IOException {
        List<SessionRecord> history = history();
        StringBuilder out = new StringBuilder();
        HistoryCsv.of(ZONES).write(history, out);
        assertThat(out).hasToString(HistoryCsv.of(ZONES).write(history));
    }
}
