package dev.personaltracker.calendar.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.personaltracker.calendar.AccountRef;
import dev.personaltracker.calendar.Proposal;
import dev.personaltracker.calendar.ReconcileReport;
import dev.personaltracker.calendar.SessionUpdate;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.UserTracker;
import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facade end to end on the real iCalendar provider, found by discovery: propose, approve, a new meeting,
 * reconcile, the person's own edits, history.
 */
class StudyTrackerIcsEndToEndTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneId.of("UTC"));
    /** Monday 2026-03-09 to Monday 2026-03-16, Berlin. */
    private static final Interval WEEK = Interval.of(Instant.parse("2026-03-08T23:00:00Z"), Instant.parse("2026-03-15T23:00:00Z"));

    @TempDir
    Path dir;
    private Path calendar;
    private Path output;
    private final QuickStart.SteppedClock clock = new QuickStart.SteppedClock(Instant.parse("2026-03-08T19:00:00Z"));
    private final InMemoryHistoryStore history = InMemoryHistoryStore.create();
    private UserTracker bob;
    private AccountRef account;

    @BeforeEach
    void setUp() throws IOException {
        calendar = dir.resolve("calendar.ics");
        output = dir.resolve("study.ics");
        Files.writeString(calendar, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
                + event("gym", Instant.parse("2026-03-10T17:00:00Z"), Instant.parse("2026-03-10T19:00:00Z"), "Gym")
                + "END:VCALENDAR\r\n");
        bob = tracker(history).forUser("bob");
        account = connect(bob);
    }

    private StudyTracker tracker(InMemoryHistoryStore store) {
        return StudyTracker.builder().discoverProviders().tokenStore(InMemoryTokenStore.create())
                .historyStore(store).clock(clock).build();
    }

    private AccountRef connect(UserTracker user) {
        WeeklyHours.Builder work = WeeklyHours.builder(ZONE);
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY).forEach(d -> work.add(d, LocalTime.of(8, 0), LocalTime.of(18, 0)));
        AccountRef ref = user.connect("ics", ProviderSettings.builder()
                .property("account", "bob").property("zone", ZONE.getId())
                .property("source.personal", calendar.toString()).property("output", output.toString())
                .clock(clock).build());
        user.workHours(work.build()).writeTo(ref, "study-sessions").preferences(StudyPreferences.builder(ZONE)
                .weeklyGoal(Duration.ofHours(4)).sessionLength(Duration.ofHours(1), Duration.ofHours(1))
                .maxPerDay(Duration.ofHours(1)).buffer(Duration.ofMinutes(15)).breakBetweenSessions(Duration.ofMinutes(30))
                .build());
        return ref;
    }

    private static String event(String uid, Instant start, Instant end, String title) {
        return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260301T000000Z\r\nDTSTART:" + UTC.format(start)
                + "\r\nDTEND:" + UTC.format(end) + "\r\nSUMMARY:" + title + "\r\nEND:VEVENT\r\n";
    }

    private void addMeeting(String uid, Interval when) throws IOException {
        String text = Files.readString(calendar);
        Files.writeString(calendar, text.replace("END:VCALENDAR", event(uid, when.start(), when.end(), "New meeting") + "END:VCALENDAR"));
    }

    private long eventsInOutput() throws IOException {
        return Pattern.compile("BEGIN:VEVENT").matcher(Files.readString(output)).results().count();
    }

    /** What the person's calendar app does to the study file: edits one session's VEVENT block, or removes it. */
    private void editSession(SessionRecord session, Interval to) throws IOException {
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("BEGIN:VEVENT\r\n(?:(?!END:VEVENT).)*?" + session.key().value()
                + "(?:(?!END:VEVENT).)*END:VEVENT\r\n", Pattern.DOTALL).matcher(text);
        assertThat(block.find()).as("the session's block in%n%s", text).isTrue();
        String replacement = to == null ? "" : block.group()
                .replaceAll("DTSTART[^\r\n]*", "DTSTART:" + UTC.format(to.start()))
                .replaceAll("DTEND[^\r\n]*", "DTEND:" + UTC.format(to.end()));
        Files.writeString(output, text.substring(0, block.start()) + replacement + text.substring(block.end()), StandardCharsets.UTF_8);
    }

    private List<ChangeKind> kinds(SessionRecord r) {
        return history.find("bob", r.key()).orElseThrow().changes().stream().map(SessionChange::kind).toList();
    }

    @Test
    void proposeApproveNewMeetingReconcileHistory() throws IOException {
        List<Proposal> proposals = bob.propose(WEEK).sessions();
        assertThat(proposals).hasSize(4);
        assertThat(proposals).allSatisfy(p -> assertThat(p.interval().overlaps(
                Interval.of(Instant.parse("2026-03-10T16:45:00Z"), Instant.parse("2026-03-10T19:15:00Z")))).isFalse());

        List<SessionRecord> scheduled = bob.approve(proposals);
        assertThat(eventsInOutput()).isEqualTo(4);
        assertThat(scheduled).allSatisfy(r -> assertThat(r.event().orElseThrow().calendarId()).isEqualTo("study-sessions"));

        // a new meeting lands on the first session
        SessionRecord victim = scheduled.get(0);
        addMeeting("late-call", victim.interval());
        ReconcileReport moved = bob.reconcile(WEEK);

        assertThat(moved.updates()).singleElement().satisfies(u -> {
            assertThat(u.kind()).isEqualTo(ChangeKind.MOVED);
            assertThat(u.change().cause().orElseThrow().eventId()).contains("late-call");
            assertThat(u.change().to().orElseThrow().overlaps(victim.interval())).isFalse();
        });
        Interval newTime = moved.updates().get(0).change().to().orElseThrow();
        assertThat(Files.readString(output)).contains("DTSTART:" + UTC.format(newTime.start()));
        assertThat(eventsInOutput()).isEqualTo(4);

        // the week passes: every session whose event still stands is completed
        clock.set(WEEK.end());
        ReconcileReport settled = bob.reconcile(WEEK);

        assertThat(settled.updates(ChangeKind.COMPLETED)).hasSize(4);
        assertThat(bob.history(WEEK)).extracting(SessionRecord::status).containsOnly(SessionStatus.COMPLETED);
        assertThat(kinds(victim)).containsExactly(ChangeKind.PROPOSED, ChangeKind.SCHEDULED, ChangeKind.MOVED, ChangeKind.COMPLETED);
        assertThat(bob.progress().weeklyTotals("bob", WEEK.start().atZone(ZONE).toLocalDate(), WEEK.start().atZone(ZONE).toLocalDate())
                .get(0).studied()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void thePersonsOwnEditsInTheStudyFileAreRespected() throws IOException {
        List<SessionRecord> scheduled = bob.approve(bob.propose(WEEK).sessions());
        SessionRecord dragged = scheduled.get(1);
        SessionRecord deleted = scheduled.get(2);
        Interval chosen = Interval.of(dragged.interval().start().plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30)), Duration.ofHours(1));
        editSession(dragged, chosen);
        editSession(deleted, null);

        ReconcileReport report = bob.reconcile(WEEK);

        assertThat(report.updates()).extracting(SessionUpdate::key, SessionUpdate::kind).containsExactlyInAnyOrder(
                tuple(dragged.key(), ChangeKind.MOVED_BY_PERSON),
                tuple(deleted.key(), ChangeKind.CANCELLED));
        assertThat(history.find("bob", dragged.key()).orElseThrow().interval()).isEqualTo(chosen);
        // never dragged back, even on the next reconcile
        assertThat(bob.reconcile(WEEK).updates()).isEmpty();
        assertThat(Files.readString(output)).contains("DTSTART:" + UTC.format(chosen.start()));
    }

    @Test
    void approvingAgainAfterLosingTheHistoryWritesNothingTwice() throws IOException {
        List<Proposal> proposals = bob.propose(WEEK).sessions();
        bob.approve(proposals);

        UserTracker restarted = tracker(InMemoryHistoryStore.create()).forUser("bob");
        connect(restarted);
        List<SessionRecord> again = restarted.approve(proposals);

        assertThat(again).hasSize(proposals.size());
        assertThat(eventsInOutput()).isEqualTo(proposals.size());
    }
}
