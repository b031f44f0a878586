package dev.personaltracker.calendar.ics.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.history.SessionLifecycle;
import dev.personaltracker.calendar.history.SessionMove;
import dev.personaltracker.calendar.history.StudyProgress;
import dev.personaltracker.calendar.history.ZoneTimeline;
import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.EventRef;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import org.junit.jupiter.api.Test;

class HistoryIcsTest {

    private static final String USER = "ada";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneTimeline ZONES = ZoneTimeline.of(BERLIN);
    private static final String NOTE = "Chapter 3, \"limits\"; then exercises\\done\nnext: chapter 4 — with a long line "
            + "that must be folded because it goes on well past seventy-five octets";

    /** A goal id with the characters iCalendar escapes in TEXT and separates lists with. */
    private static final String GOAL_WITH_COMMA = "Statistics, exam; part 2\\";

    private final InMemoryHistoryStore store = InMemoryHistoryStore.create();
    private final SessionLifecycle lifecycle =
            SessionLifecycle.create(store, Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), BERLIN));

    /** Every status, two moves (one by the person), a note that needs escaping and folding. */
    private List<SessionRecord> history() {
        Interval i1 = Interval.of(Instant.parse("2026-03-02T16:00:00Z"), Duration.ofMinutes(90));
        Interval i2 = Interval.of(Instant.parse("2026-03-02T18:00:00Z"), Duration.ofMinutes(90));
        Interval i3 = Interval.of(Instant.parse("2026-03-02T19:45:00Z"), Duration.ofMinutes(90));
        SessionKey a = SessionKey.of("a-1");
        lifecycle.proposed(USER, a, "Linear algebra", i1);
        lifecycle.scheduled(USER, a, new EventRef("ics", "me", "study", "ev-a"), i1);
        lifecycle.movedByPerson(USER, a, i1, i2);
        lifecycle.movedByLibrary(USER, a, i2, i3, new BusySource("ics", "me", "work", "m-1", Optional.empty()));
        lifecycle.settle(USER, a, Optional.empty(), Instant.parse("2026-03-02T22:00:00Z"));
        lifecycle.markCompleted(USER, a, Optional.of(Duration.ofMinutes(80)), Optional.of(NOTE));

        Interval i4 = Interval.of(Instant.parse("2026-03-03T17:00:00Z"), Duration.ofMinutes(60));
        lifecycle.scheduled(USER, SessionKey.of("b-2"), new EventRef("ics", "me", "study", "ev-b"), i4);
        lifecycle.settle(USER, SessionKey.of("b-2"), Optional.empty(), i4.end());

        lifecycle.proposed(USER, SessionKey.of("c-3"), GOAL_WITH_COMMA, Interval.of(Instant.parse("2026-03-04T17:00:00Z"), Duration.ofMinutes(45)));
        lifecycle.cancelled(USER, SessionKey.of("c-3"), "discarded by the host");
        lifecycle.proposed(USER, SessionKey.of("d-4"), Interval.of(Instant.parse("2026-03-05T17:00:00Z"), Duration.ofMinutes(45)));
        lifecycle.scheduled(USER, SessionKey.of("e-5"), new EventRef("ics", "me", "study", "ev-e"),
                Interval.of(Instant.parse("2026-03-06T17:00:00Z"), Duration.ofMinutes(30)));
        return store.query(USER, Interval.of(Instant.parse("2026-03-01T00:00:00Z"), Duration.ofDays(7)));
    }

    private static Calendar parse(String text) throws Exception {
        return new CalendarBuilder().build(new StringReader(text));
    }

    private static String value(VEvent e, String name) {
        return e.getProperty(name).map(Property::getValue).orElseThrow(() -> new AssertionError("no " + name));
    }

    private static Instant instant(Optional<? extends net.fortuna.ical4j.model.property.DateProperty<?>> p) {
        Temporal t = p.orElseThrow().getDate();
        return Instant.from(t);
    }

    @Test
    void write_parsesBackWithIcal4j_oneEventPerSession() throws Exception {
        List<SessionRecord> history = history();
        Calendar parsed = parse(HistoryIcs.of(ZONES).write(history));

        List<VEvent> events = parsed.getComponents(Component.VEVENT);
        assertThat(events).hasSize(history.size());
        Map<String, VEvent> byUid = events.stream()
                .collect(Collectors.toMap(e -> value(e, Property.UID), Function.identity()));
        for (SessionRecord r : history) {
            VEvent e = byUid.get(r.key().value() + HistoryIcs.UID_SUFFIX);
            assertThat(e).as(r.key().value()).isNotNull();
            assertThat(instant(e.getProperty(Property.DTSTART))).isEqualTo(r.interval().start());
            assertThat(instant(e.getProperty(Property.DTEND))).isEqualTo(r.interval().end());
            assertThat(value(e, HistoryIcs.STATUS)).isEqualTo(r.status().name());
            assertThat(value(e, HistoryIcs.KEY)).isEqualTo(r.key().value());
            assertThat(value(e, HistoryIcs.PLANNED_MINUTES)).isEqualTo(Long.toString(r.interval().duration().toMinutes()));
            assertThat(value(e, HistoryIcs.STUDIED_MINUTES)).isEqualTo(Long.toString(StudyProgress.studied(r).toMinutes()));
            assertThat(value(e, HistoryIcs.MOVES)).isEqualTo(Integer.toString(SessionMove.of(r).size()));
            assertThat(value(e, Property.SEQUENCE)).isEqualTo(Integer.toString(SessionMove.of(r).size()));
            assertThat(value(e, Property.TRANSP)).isEqualTo("TRANSPARENT");
            assertThat(instant(e.getProperty(Property.DTSTAMP))).isEqualTo(r.changes().get(r.changes().size() - 1).at());
            assertThat(value(e, HistoryIcs.GOAL)).isEqualTo(r.goalId());
            Categories categories = e.<Categories>getProperty(Property.CATEGORIES).orElseThrow();
            assertThat(categories.getCategories().getTexts()).containsExactly(r.goalId());
        }
        assertThat(history).extracting(SessionRecord::goalId).containsExactly("Linear algebra",
                SessionRecord.DEFAULT_GOAL_ID, GOAL_WITH_COMMA, SessionRecord.DEFAULT_GOAL_ID,
                SessionRecord.DEFAULT_GOAL_ID);
    }

    @Test
    void write_mapsEachStatusToAnIcalendarStatus() throws Exception {
        Calendar parsed = parse(HistoryIcs.of(ZONES).write(history()));
        Map<String, String> statusByOurs = parsed.<VEvent>getComponents(Component.VEVENT).stream()
                .collect(Collectors.toMap(e -> value(e, HistoryIcs.STATUS), e -> value(e, Property.STATUS)));

        assertThat(statusByOurs).containsExactlyInAnyOrderEntriesOf(Map.of(
                SessionStatus.COMPLETED.name(), "CONFIRMED",
                SessionStatus.SKIPPED.name(), "CANCELLED",
                SessionStatus.CANCELLED.name(), "CANCELLED",
                SessionStatus.PROPOSED.name(), "TENTATIVE",
                SessionStatus.SCHEDULED.name(), "CONFIRMED"));
    }

    @Test
    void write_completedSession_carriesActualMinutesMovesAndNoteInItsDescription() throws Exception {
        VEvent a = parse(HistoryIcs.of(ZONES).write(history())).<VEvent>getComponents(Component.VEVENT).get(0);

        assertThat(value(a, Property.SUMMARY)).isEqualTo("Study Session: Linear algebra (completed)");
        assertThat(value(a, HistoryIcs.ACTUAL_MINUTES)).isEqualTo("80");
        assertThat(value(a, HistoryIcs.MOVES_BY_PERSON)).isEqualTo("1");
        assertThat(value(a, Property.DESCRIPTION)).isEqualTo(String.join("\n",
                "Goal: Linear algebra",
                "Status: completed",
                "Studied: 1h 20m of 1h 30m planned",
                "Moved from 2026-03-02 17:00 +01:00 to 2026-03-02 19:00 +01:00: "
                        + SessionLifecycle.MOVED_BY_PERSON_REASON,
                "Moved from 2026-03-02 19:00 +01:00 to 2026-03-02 20:45 +01:00: " + SessionLifecycle.BUSY_REASON,
                "Note: " + NOTE));
        assertThat(a.getProperty(Property.CREATED)).isPresent();
    }

    @Test
    void write_isDeterministic_validRfc5545_withCrlfAndFoldedLines() throws Exception {
        List<SessionRecord> history = history();
        String text = HistoryIcs.of(ZONES).write(history);

        assertThat(HistoryIcs.of(ZONES).write(history)).isEqualTo(text);
        assertThat(text).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        for (String line : text.split("\r\n")) {
            assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        assertThat(parse(text).validate().hasErrors()).isFalse();
    }

    @Test
    void write_neverUsesTheLiveSessionTag_soTheProviderIgnoresExports() {
        String text = HistoryIcs.of(ZONES).write(history());
        assertThat(text).doesNotContain("X-PERSONALTRACKER-SESSION-KEY").doesNotContain("@sessions.personaltracker.dev");
    }

    @Test
    void write_recordWithoutChanges_stampsItWithItsStart() throws Exception {
        Interval at = Interval.of(Instant.parse("2026-03-02T16:00:00Z"), Duration.ofMinutes(60));
        SessionRecord bare = new SessionRecord(USER, SessionKey.of("bare"), at, SessionStatus.SCHEDULED,
                Optional.empty(), List.of(), Optional.empty(), Optional.empty());

        VEvent e = parse(HistoryIcs.of(ZONES).write(List.of(bare))).<VEvent>getComponents(Component.VEVENT).get(0);

        assertThat(instant(e.getProperty(Property.DTSTAMP))).isEqualTo(at.start());
        assertThat(value(e, Property.DESCRIPTION)).isEqualTo("Status: scheduled");
        assertThat(e.getProperty(HistoryIcs.ACTUAL_MINUTES)).isEmpty();
    }

    @Test
    void write_emptyHistory_isAnEmptyCalendar() throws Exception {
        Calendar parsed = parse(HistoryIcs.of(ZONES).write(List.of()));
        assertThat(parsed.getComponents(Component.VEVENT)).isEmpty();
        assertThat(parsed.getProperty(Property.PRODID)).isPresent();
    }
}
