package dev.personaltracker.calendar.ics;

import static dev.personaltracker.calendar.ics.IcsFixtures.at;
import static dev.personaltracker.calendar.ics.IcsFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.EventChangedException;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.time.Interval;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Study sessions written to the local output .ics file. */
class IcsSessionWritesTest {

    private static final Interval MONDAY_10 = at("2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z");
    private static final Interval TUESDAY_14 = at("2026-11-03T14:00:00Z", "2026-11-03T15:30:00Z");
    private static final Interval NOVEMBER = window("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z");
    private static final SessionKey KEY = SessionKey.of("s-2026-11-02-a");

    @TempDir
    Path dir;

    private Path output() {
        return dir.resolve("data/study-sessions.ics");
    }

    private CalendarConnection connection() {
        return new IcsCalendarProvider().connect(IcsFixtures.settings("output", output().toString(), "zone", "UTC")
                .clock(Clock.fixed(Instant.parse("2026-10-30T08:00:00Z"), ZoneOffset.UTC)).build(), Credentials.none());
    }

    @Test
    void createSession_writesATaggedUtcEventWithAStableUid() throws Exception {
        StudyEvent created = connection().createSession("study-sessions", KEY, MONDAY_10,
                new SessionDetails("Study Session", Optional.of("Chapter 3")));
        assertThat(created.calendarId()).isEqualTo("study-sessions");
        assertThat(created.eventId()).isEqualTo("s-2026-11-02-a@sessions.personaltracker.dev");
        assertThat(created.key()).isEqualTo(KEY);
        assertThat(created.interval()).isEqualTo(MONDAY_10);
        assertThat(created.version()).isPresent();
        String text = Files.readString(output(), StandardCharsets.UTF_8);
        assertThat(text).contains("UID:s-2026-11-02-a@sessions.personaltracker.dev",
                "X-PERSONALTRACKER-SESSION-KEY:s-2026-11-02-a", "DTSTART:20261102T100000Z",
                "DTEND:20261102T110000Z", "SUMMARY:Study Session", "DESCRIPTION:Chapter 3", "DTSTAMP:20261030T080000Z");
        try (var files = Files.list(output().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("study-sessions.ics", "study-sessions.ics.lock"); // no temp file left
        }
    }

    @Test
    void createSession_twiceMakesOneEvent() throws Exception {
        CalendarConnection c = connection();
        StudyEvent first = c.createSession("study-sessions", KEY, MONDAY_10, SessionDetails.defaults());
        // a retry whose first response was lost, even from another connection
        StudyEvent second = connection().createSession("study-sessions", KEY, MONDAY_10, SessionDetails.defaults());
        assertThat(second).isEqualTo(first);
        assertThat(c.findSessions("study-sessions", NOVEMBER)).containsExactly(first);
        assertThat(Files.readString(output()).split("BEGIN:VEVENT", -1)).hasSize(2);
    }

    @Test
    void findSession_readsBackWhatWasCreated() {
        CalendarConnection c = connection();
        assertThat(c.findSession("study-sessions", KEY)).isEmpty();
        StudyEvent created = c.createSession("study-sessions", KEY, MONDAY_10, SessionDetails.defaults());
        assertThat(c.findSession("study-sessions", KEY)).contains(created);
        assertThat(c.findSessions("study-sessions", window("2026-11-03T00:00:00Z", "2026-11-04T00:00:00Z"))).isEmpty();
    }

    @Test
    void moveSession_movesAndChangesTheVersion() {
        CalendarConnection c = connection();
        StudyEvent created = c.createSession("study-sessions", KEY, MONDAY_10, SessionDetails.defaults());
        StudyEvent moved = c.moveSession(created, TUESDAY_14);
        assertThat(moved.interval()).isEqualTo(TUESDAY_14);
        assertThat(moved.eventId()).isEqualTo(created.eventId());
        assertThat(moved.version()).isPresent().isNotEqualTo(created.version());
        assertThat(c.findSession("study-sessions", KEY)).contains(moved);
    }

    @Test
    void aMovedSession_isWrittenWithEachDateOnce_underItsOwnName() throws Exception {
        CalendarConnection c = connection();
        StudyEvent created = c.createSession("study-sessions", KEY, MONDAY_10, SessionDetails.defaults());
        StudyEvent moved = c.moveSession(c.moveSession(created, TUESDAY_14), MONDAY_10);

        String text = Files.readString(output());
        for (String name : List.of("DTSTART", "DTEND", "DTSTAMP", "LAST-MODIFIED", "CREATED")) {
            assertThat(text.lines().filter(l -> l.startsWith(name + ":") || l.startsWith(name + ";")))
                    .as(name).hasSize(1);
        }
        assertThat(text).doesNotContain("X-PERSONALTRACKER-DT").doesNotContain("X-PERSONALTRACKER-LAST")
                .doesNotContain("X-PERSONALTRACKER-CREATED");
        assertThat(c.findSession("study-sessions", KEY)).contains(moved);
    }

    @Test
    void moveSession_refusesWhenThePersonChangedTheEventMeanwhile() throws Exception {
        CalendarConnection c = connection();
        StudyEvent created = c.createSession("study-sessions", KEY, MONDAY_10, SessionDetails.defaults());
        // the person moves it by an hour in another app, which keeps SEQUENCE as it was
        String text = Files.readString(output());
        Files.writeString(output(), text.replace("DTSTART:20261102T100000Z", "DTSTART:20261102T090000Z"));
        assertThatThrownBy(() -> c.moveSession(created, TUESDAY_14))
                .isInstanceOfSatisfying(EventChangedException.class, e -> assertThat(e.current())
                        .hasValueSatisfying(now -> assertThat(now.interval())
                                .isEqualTo(at("2026-11-02T09:00:00Z", "2026-11-02T11:00:00Z"))))
                .hasMessageContaining("s-2026-11-02-a").hasMessageContaining("changed");
        assertThat(c.findSession("study-sessions", KEY).orElseThrow().interval().start())
                .isEqualTo(Instant.parse("2026-11-02T09:00:00Z")); // the person's edit survives
    }

    @Test
    void moveSession_refusesAStaleVersionAfterAnotherMove() {
        CalendarConnection c = connection();
        StudyEvent created = c.createSession("study-sessions", KEY, MONDAY_10, SessionDetails.defaults());
        c.moveSession(created, TUESDAY_14);
        assertThatThrownBy(() -> c.moveSession(created, MONDAY_10)).isInstanceOf(EventChangedException.class);
    }

    @Test
    void moveSession_refusesWhenTheEventWasDeleted() {
        CalendarConnection c = connection();
        StudyEvent created = c.createSession("study-sessions", KEY, MONDAY_10, SessionDetails.defaults());
        c.deleteSession(created);
        assertThatThrownBy(() -> c.moveSession(created, TUESDAY_14))
                .isInstanceOfSatisfying(EventChangedException.class, e -> assertThat(e.current()).isEmpty())
                .hasMessageContaining("deleted");
    }

    @Test
    void deleteSession_twiceSucceeds() {
        CalendarConnection c = connection();
        StudyEvent created = c.createSession("study-sessions", KEY, MONDAY_10, SessionDetails.defaults());
        StudyEvent other = c.createSession("study-sessions", SessionKey.of("other"), TUESDAY_14, SessionDetails.defaults());
        c.deleteSession(created);
        c.deleteSession(created);
        assertThat(c.findSessions("study-sessions", NOVEMBER)).containsExactly(other);
    }

    @Test
    void busy_neverCountsOwnSessionsButCountsOtherEventsInTheFile() throws Exception {
        CalendarConnection c = connection();
        c.createSession("study-sessions", KEY, MONDAY_10, SessionDetails.defaults());
        assertThat(c.busy(List.of("study-sessions"), NOVEMBER, BusyPolicy.defaults())).isEmpty();
        // someone adds an ordinary event to the same file
        String text = Files.readString(output());
        Files.writeString(output(), text.replace("END:VCALENDAR", String.join("\r\n",
                "BEGIN:VEVENT", "UID:dentist", "DTSTAMP:20261030T080000Z", "DTSTART:20261104T080000Z",
                "DTEND:20261104T090000Z", "SUMMARY:Dentist", "END:VEVENT", "END:VCALENDAR")));
        assertThat(c.busy(List.of("study-sessions"), NOVEMBER, BusyPolicy.defaults()))
                .extracting(b -> b.source().eventId()).containsExactly("dentist");
        assertThat(c.findSessions("study-sessions", NOVEMBER)).extracting(StudyEvent::key).containsExactly(KEY);
    }

    @Test
    void createSession_fromEightThreadsLosesNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<StudyEvent>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                CalendarConnection c = connection(); // one connection per thread, like separate requests
                futures.add(pool.submit(() -> {
                    start.await();
                    return c.createSession("study-sessions", SessionKey.of("thread-" + n),
                            Interval.of(MONDAY_10.start().plusSeconds(3600L * n), MONDAY_10.duration()),
                            SessionDetails.defaults());
                }));
            }
            start.countDown();
            for (Future<StudyEvent> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(connection().findSessions("study-sessions", NOVEMBER)).extracting(e -> e.key().value())
                .containsExactlyElementsOf(IntStream.range(0, 8).mapToObj(i -> "thread-" + i).toList());
    }

    @Test
    void writes_refuseReadOnlySourcesUnknownCalendarsAndReadOnlySettings() throws Exception {
        Path source = dir.resolve("uni.ics");
        Files.writeString(source, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n");
        CalendarConnection c = IcsFixtures.connect("source.uni", source.toString(), "output", output().toString());
        assertThatThrownBy(() -> c.createSession("uni", KEY, MONDAY_10, SessionDetails.defaults()))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("'uni' is a read-only source");
        assertThatThrownBy(() -> c.findSessions("nope", NOVEMBER))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("'nope'")
                .hasMessageContaining("[study-sessions, uni]");
        CalendarConnection readOnly = new IcsCalendarProvider().connect(
                IcsFixtures.settings("output", output().toString()).readOnly(true).build(), Credentials.none());
        assertThatThrownBy(() -> readOnly.createSession("study-sessions", KEY, MONDAY_10, SessionDetails.defaults()))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("read-only");
        assertThat(Files.exists(output())).isFalse();
    }

    /**
     * Another app's recurring event in the output file keeps its RRULE, RDATE, EXDATE and TZID as iCalendar spells
     * them when a session is written beside it (the reader's internal names must not leak into the file).
     */
    @Test
    void createSession_keepsAnotherAppsRecurringEventAsWritten() throws Exception {
        Files.createDirectories(output().getParent());
        Files.writeString(output(), IcsFixtures.calendarText("\r\n", "BEGIN:VEVENT", "UID:course@uni.example",
                "DTSTAMP:20261001T000000Z", "DTSTART;TZID=Europe/Berlin:20261102T101500",
                "DTEND;TZID=Europe/Berlin:20261102T114500", "RRULE:FREQ=WEEKLY;COUNT=4",
                "EXDATE;TZID=Europe/Berlin:20261109T101500", "RDATE;TZID=Europe/Berlin:20261110T101500",
                "END:VEVENT"));
        connection().createSession("study-sessions", KEY, MONDAY_10, SessionDetails.defaults());
        String text = Files.readString(output(), StandardCharsets.UTF_8).replace("\r\n ", "");
        assertThat(text).contains("RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE;TZID=Europe/Berlin:20261109T101500",
                "RDATE;TZID=Europe/Berlin:20261110T101500", "DTSTART;TZID=Europe/Berlin:20261102T101500")
                .doesNotContain("X-PERSONALTRACKER-RRULE", "X-PERSONALTRACKER-EXDATE", "X-PERSONALTRACKER-RDATE",
                        "X-PERSONALTRACKER-TZID");
    }
}
