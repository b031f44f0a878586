package com.example.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.AccountRef;
import dev.personaltracker.calendar.Proposal;
import dev.personaltracker.calendar.Proposals;
import dev.personaltracker.calendar.ReconcileReport;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.UserTracker;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.storage.json.JsonHistoryStore;
import dev.personaltracker.calendar.storage.json.JsonTokenStore;
import dev.personaltracker.calendar.storage.json.StoreKeys;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a host does on day one, with nothing but the BOMs: every provider is discovered from the class path, the
 * encrypted stores open, a week is planned around an iCalendar file, approved into a local .ics file and reconciled.
 */
class HostSmokeTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 9);

    @TempDir
    Path dir;

    @Test
    void everyPublishedModuleWorksTogetherOnOneClassPath() throws Exception {
        Path calendar = dir.resolve("uni.ics");
        Files.writeString(calendar, String.join("\r\n",
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//host//test//EN",
                "BEGIN:VEVENT", "UID:lecture-1@host", "DTSTAMP:20260301T000000Z",
                "DTSTART;TZID=Europe/Berlin:20260309T180000", "DTEND;TZID=Europe/Berlin:20260309T200000",
                "RRULE:FREQ=DAILY;COUNT=7", "SUMMARY:Evening lecture",
                "END:VEVENT", "END:VCALENDAR", ""), StandardCharsets.UTF_8);
        Path output = dir.resolve("study.ics");

        KeysetHandle keys = StoreKeys.loadOrCreate(dir.resolve("keys/keyset.json"));
        Clock clock = Clock.fixed(MONDAY.minusDays(1).atTime(20, 0).atZone(ZONE).toInstant(), ZONE);
        StudyTracker tracker = StudyTracker.builder()
                .discoverProviders()
                .tokenStore(JsonTokenStore.open(dir.resolve("stores"), keys))
                .historyStore(JsonHistoryStore.open(dir.resolve("stores"), keys))
                .clock(clock)
                .build();
        assertTrue(tracker.providers().ids().containsAll(List.of("caldav", "google", "ics", "outlook")),
                "providers found: " + tracker.providers().ids());
        assertTrue(tracker.providers().failures().isEmpty(), "load failures: " + tracker.providers().failures());

        UserTracker sam = tracker.forUser("sam");
        AccountRef uni = sam.connect("ics", ProviderSettings.builder()
                .property("account", "uni")
                .property("source.uni", calendar.toString())
                .property("output", output.toString())
                .property("zone", ZONE.getId())
                .build());
        WeeklyHours.Builder work = WeeklyHours.builder(ZONE);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            work.add(day, LocalTime.of(9, 0), LocalTime.of(17, 0));
        }
        sam.workHours(work.build())
                .preferences(StudyPreferences.builder(ZONE)
                        .weeklyGoal(Duration.ofHours(4))
                        .sessionLength(Duration.ofMinutes(30), Duration.ofHours(1))
                        .build())
                .writeTo(uni, "study-sessions");

        ZonedDateTime start = MONDAY.atStartOfDay(ZONE);
        Interval week = Interval.of(start.toInstant(), start.plusWeeks(1).toInstant());
        Proposals proposals = sam.propose(week);
        assertEquals(Duration.ofHours(4), proposals.total(), "the whole goal fits in this week");
        for (Proposal p : proposals.sessions()) {
            ZonedDateTime from = p.interval().start().atZone(ZONE);
            ZonedDateTime to = p.interval().end().atZone(ZONE);
            boolean lecture = to.toLocalTime().isAfter(LocalTime.of(18, 0)) && from.toLocalTime().isBefore(
                    LocalTime.of(20, 0));
            assertFalse(lecture, "a session overlaps the lecture: " + p.interval());
        }

        List<SessionRecord> scheduled = sam.approve(proposals.sessions());
        assertEquals(proposals.sessions().size(), scheduled.size());
        assertTrue(scheduled.stream().allMatch(r -> r.status() == SessionStatus.SCHEDULED));
        String written = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(scheduled.size(), written.split("BEGIN:VEVENT", -1).length - 1, written);

        ReconcileReport report = sam.reconcile(week);
        assertTrue(report.isQuiet(), "nothing changed, nothing moves: " + report);
        assertEquals(scheduled.size(), sam.history(week).size(), "every approved session is in the history");
    }
}
