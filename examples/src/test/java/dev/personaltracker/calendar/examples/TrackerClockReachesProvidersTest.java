package dev.personaltracker.calendar.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.AccountRef;
import dev.personaltracker.calendar.Proposals;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.UserTracker;
import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tracker's clock reaches the providers it connects: a host that runs the tracker on a fixed clock gets that
 * clock's DTSTAMP in the .ics file the real iCalendar provider writes, without setting a clock in the provider's
 * settings.
 */
class TrackerClockReachesProvidersTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    @Test
    void anIcsWrittenUnderTheTrackersFixedClockCarriesThatClocksDtstamp() throws Exception {
        Path calendar = Files.writeString(dir.resolve("calendar.ics"),
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n");
        Path output = dir.resolve("study.ics");
        Clock fixed = Clock.fixed(Instant.parse("2026-03-08T19:04:05Z"), ZONE);
        try (StudyTracker tracker = StudyTracker.builder().discoverProviders().tokenStore(InMemoryTokenStore.create())
                .historyStore(InMemoryHistoryStore.create()).clock(fixed).build()) {
            UserTracker bob = tracker.forUser("bob");
            AccountRef ref = bob.connect("ics", ProviderSettings.builder().property("account", "bob")
                    .property("zone", ZONE.getId()).property("source.personal", calendar.toString())
                    .property("output", output.toString()).build());
            bob.writeTo(ref, "study-sessions").preferences(StudyPreferences.builder(ZONE)
                    .weeklyGoal(Duration.ofHours(1)).sessionLength(Duration.ofHours(1), Duration.ofHours(1)).build());

            Proposals proposals = bob.propose(Interval.of(Instant.parse("2026-03-09T00:00:00Z"), Duration.ofDays(7)));
            bob.approve(proposals.sessions());
        }

        String written = Files.readString(output);
        assertThat(Pattern.compile("DTSTAMP:(\\S+)").matcher(written).results().map(m -> m.group(1)))
                .isNotEmpty().allMatch("20260308T190405Z"::equals);
    }
}
