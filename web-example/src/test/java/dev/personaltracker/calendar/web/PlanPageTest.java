package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Plan page: bounded whatever a calendar holds, moves without a button and in plain words, events side by side. */
class PlanPageTest {

    private static final DateTimeFormatter ICS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    private static final Interval WEEK = Interval.of(TestApp.MONDAY_MORNING.toLocalDate().atStartOfDay(TestApp.ZONE)
            .toInstant(), Duration.ofDays(7));

    @TempDir
    Path data;

    static String calendar(String... events) {
        StringBuilder b = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
        for (String e : events) {
            b.append("BEGIN:VEVENT\r\n").append(e).append("DTSTAMP:20260301T000000Z\r\nEND:VEVENT\r\n");
        }
        return b.append("END:VCALENDAR\r\n").toString();
    }

    static String event(String uid, String title, Instant start, Instant end) {
        return "UID:" + uid + "\r\nSUMMARY:" + title + "\r\nDTSTART:" + ICS.format(start) + "\r\nDTEND:" + ICS.format(end) + "\r\n";
    }

    /** Connects a calendar file, proposes and approves the sample week; returns its first scheduled session. */
    static SessionRecord approveTheWeek(Browserless client, TestApp app, Path ics) throws Exception {
        client.connectIcs("uni", ics.toString());
        client.post("/plan/propose", "csrf", client.csrf("/plan"), "week", "2026-03-09");
        client.post("/plan/approve", "csrf", client.csrf("/plan"), "week", "2026-03-09", "action", "all");
        return app.app().user().history(WEEK).stream().filter(s -> s.status() == SessionStatus.SCHEDULED).findFirst().orElseThrow();
    }

    /** Waits up to 30 s for a session to be moved or dropped, running {@code eachPoll} between looks. */
    static Optional<SessionRecord> awaitMovedOrDropped(TestApp app, SessionRecord session, Runnable eachPoll)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SessionRecord> moved = app.app().user().history(Interval.of(WEEK.start(), Duration.ofDays(14))).stream()
                    .filter(s -> s.key().equals(session.key()) && s.changes().stream()
                            .anyMatch(c -> c.kind() == ChangeKind.MOVED || c.kind() == ChangeKind.CANCELLED))
                    .findFirst();
            if (moved.isPresent()) {
                return moved;
            }
            Thread.sleep(50);
            eachPoll.run();
        }
        return Optional.empty();
    }

    @Test
    void anEndlessEveryMinuteRule_keepsThePageSmall_withMergedBusyTimeAndPages() throws Exception {
        Path dir = data.resolve("app");
        Files.createDirectories(dir);
        Path flood = dir.resolve("flood.ics");
        Files.writeString(flood, calendar("UID:flood@test\r\nSUMMARY:Tick\r\nDTSTART:20260301T000000Z\r\n"
                + "DTEND:20260301T000030Z\r\nRRULE:FREQ=MINUTELY\r\n"));
        try (TestApp app = TestApp.start(dir)) {
            Browserless client = new Browserless(app);
            assertThat(client.connectIcs("flood", flood.toString()).statusCode()).isEqualTo(303);

            HttpResponse<String> r = client.get("/plan?week=2026-03-09");

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body().length()).as("page size").isLessThan(600_000);
            String busyTable = r.body().substring(r.body().indexOf("id=\"busy\""));
            assertThat(busyTable.split("<tr>", -1).length - 2).isLessThanOrEqualTo(PlanPage.BUSY_ROWS);
            assertThat(r.body()).contains("id=\"busy-pager\"").containsPattern("Tick, [^<]* and \\d+ more");
            int blocks = r.body().split("<g class=\"busy\">", -1).length - 1;
            assertThat(blocks).as("busy blocks in both drawings").isLessThan(2 * 7 * 24 * 12);
            assertThat(client.get("/plan?week=2026-03-09&busy=2").body()).contains("id=\"busy-prev\"");
        }
    }

    @Test
    void aNewMeeting_movesASession_inTheBackground_andThePageSaysWhyInPlainWords() throws Exception {
        Path dir = data.resolve("app");
        Files.createDirectories(dir);
        Path uni = dir.resolve("uni.ics");
        Files.writeString(uni, calendar(event("far@test", "Far away", Instant.parse("2026-04-01T10:00:00Z"),
                Instant.parse("2026-04-01T11:00:00Z"))));
        try (TestApp app = new TestApp(dir, Map.of(), Optional.empty(), WebConfig.SOURCE_DEADLINE, Duration.ofSeconds(1))) {
            Browserless client = new Browserless(app);
            SessionRecord first = approveTheWeek(client, app, uni);

            Files.writeString(uni, calendar(event("surprise@test", "Surprise meeting", first.interval().start(),
                    first.interval().end())));

            // nobody opens a page: the app's background reconciler (ticking on real time, asking the app's clock
            // whether the person is due) reads the calendar again and moves the session once the interval has passed
            assertThat(awaitMovedOrDropped(app, first, () -> app.clock.advance(Duration.ofMillis(250))))
                    .as("moved by the background run").isPresent();

            String page = client.page("/plan?week=2026-03-09");
            Matcher story = Pattern.compile("<td class=\"story\">([^<]*Surprise meeting[^<]*)</td>").matcher(page);
            assertThat(story.find()).as(page).isTrue();
            assertThat(story.group(1)).containsAnyOf("Moved from ", "Dropped: ").contains("“Surprise meeting” (calendar uni) now overlaps it")
                    .doesNotContain("surprise@test").doesNotContain("event ");
        }
    }

    /** Without the background run (it ticks every 15 minutes): opening the Plan page reads the calendars again first. */
    @Test
    void aNewMeeting_inAnIcsCalendar_movesASession_whenThePlanPageIsOpened_withoutWaitingForTheBackgroundRun()
            throws Exception {
        Path dir = data.resolve("app");
        Files.createDirectories(dir);
        Path uni = dir.resolve("uni.ics");
        Files.writeString(uni, calendar(event("far@test", "Far away", Instant.parse("2026-04-01T10:00:00Z"),
                Instant.parse("2026-04-01T11:00:00Z"))));
        try (TestApp app = new TestApp(dir, Map.of(), Optional.empty(), WebConfig.SOURCE_DEADLINE, Duration.ZERO)) {
            Browserless client = new Browserless(app);
            SessionRecord first = approveTheWeek(client, app, uni);

            Files.writeString(uni, calendar(event("surprise@test", "Surprise meeting", first.interval().start(),
                    first.interval().end())));
            app.clock.advance(Duration.ofMinutes(2));
            String page = client.page("/plan?week=2026-03-09");

            Matcher story = Pattern.compile("<td class=\"story\">([^<]*Surprise meeting[^<]*)</td>").matcher(page);
            assertThat(story.find()).as("the session's row says why it moved").isTrue();
            assertThat(story.group(1)).containsAnyOf("Moved from ", "Dropped: ").doesNotContain("surprise@test");
        }
    }

    @Test
    void overlappingEvents_standSideBySide() throws Exception {
        Path dir = data.resolve("app");
        Files.createDirectories(dir);
        Path uni = dir.resolve("uni.ics");
        Files.writeString(uni, calendar(
                event("a@test", "Lecture A", Instant.parse("2026-03-10T09:00:00Z"), Instant.parse("2026-03-10T11:00:00Z")),
                event("b@test", "Lecture B", Instant.parse("2026-03-10T10:00:00Z"), Instant.parse("2026-03-10T12:00:00Z"))));
        try (TestApp app = TestApp.start(dir)) {
            Browserless client = new Browserless(app);
            client.post("/connect/samples", "csrf", client.csrf("/connect"), "on", "false");
            client.connectIcs("uni", uni.toString());

            String page = client.get("/plan?week=2026-03-09").body();
            String wide = page.substring(page.indexOf("id=\"week-view\""), page.indexOf("id=\"week-view-narrow\""));
            Matcher m = Pattern.compile("<g class=\"busy\"><rect x=\"([0-9.]+)\" y=\"[0-9.]+\" width=\"([0-9.]+)\"[^>]*>"
                    + "<title>Lecture ([AB])").matcher(wide);
            List<double[]> blocks = m.results().map(r -> new double[] {Double.parseDouble(r.group(1)),
                Double.parseDouble(r.group(2))}).toList();

            assertThat(blocks).hasSize(2);
            assertThat(blocks.get(0)[0]).isNotEqualTo(blocks.get(1)[0]);
            assertThat(blocks).allSatisfy(b -> assertThat(b[1]).isLessThan(60));
        }
    }

    /**
     * The weeks with the clock changes in Berlin (29 March and 25 October 2026): an event at 17:00 on the Sunday of the
     * change is drawn at the same height as 17:00 on the Saturday, and its time reads 17:00–18:00.
     */
    @Test
    void theWeeksOfTheClockChanges_drawAndNameEventsAtTheirWallClockTime() throws Exception {
        Path dir = data.resolve("app");
        Files.createDirectories(dir);
        Path uni = dir.resolve("uni.ics");
        java.time.ZoneId berlin = TestApp.ZONE;
        List<String> events = new java.util.ArrayList<>();
        for (String day : List.of("2026-03-28", "2026-03-29", "2026-10-24", "2026-10-25")) {
            java.time.ZonedDateTime five = java.time.LocalDate.parse(day).atTime(17, 0).atZone(berlin);
            events.add(event(day + "@test", "Choir " + day, five.toInstant(), five.plusHours(1).toInstant()));
        }
        Files.writeString(uni, calendar(events.toArray(String[]::new)));
        try (TestApp app = TestApp.start(dir)) {
            Browserless client = new Browserless(app);
            client.post("/connect/samples", "csrf", client.csrf("/connect"), "on", "false");
            client.connectIcs("uni", uni.toString());

            for (String[] week : new String[][] {{"2026-03-23", "2026-03-28", "2026-03-29"},
                    {"2026-10-19", "2026-10-24", "2026-10-25"}}) {
                String page = client.page("/plan?week=" + week[0]);
                String wide = page.substring(page.indexOf("id=\"week-view\""), page.indexOf("id=\"week-view-narrow\""));
                double[] y = new double[2];
                for (int d = 0; d < 2; d++) {
                    Matcher m = Pattern.compile("<rect x=\"[0-9.]+\" y=\"([0-9.]+)\"[^>]*><title>Choir " + week[d + 1]
                            + "[^<]*17:00–18:00").matcher(wide);
                    assertThat(m.find()).as(week[d + 1] + " drawn with its wall-clock time").isTrue();
                    y[d] = Double.parseDouble(m.group(1));
                }
                assertThat(y[1]).as("Sunday of the change at the Saturday's height").isEqualTo(y[0]);
            }
        }
    }
}
